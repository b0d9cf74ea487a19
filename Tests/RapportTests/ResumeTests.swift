import Testing
import Foundation
import RapportExperiment
import RapportRandom

@Suite("Nothing lost: checkpoints, resume and atomic output")
struct ResumeTests {
    static let arguments = ["run", "scenarios/validation/erlang-c.yaml", "--set", "horizon=36000d",
                            "--set", "stop_after_arrivals=3000000", "--replications", "8", "--jobs", "1", "--format", "json"]

    @Test("SIGINT in the middle of an 8-replication run, then --resume, gives byte-identical JSON")
    func interruptAndResume() throws {
        let folder = try Fixtures.temporaryFolder("rapport-resume")
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = folder.appendingPathComponent("reference.json").path
        #expect(try Fixtures.runCLI(Self.arguments + ["--output", reference]).status == 0)

        let output = folder.appendingPathComponent("run.json").path
        let checkpoint = output + ".checkpoint"
        let (status, message) = try Self.interrupt(Self.arguments + ["--output", output], once: checkpoint, hasLines: 3)
        #expect(status == 130, "\(message)")
        #expect(message.contains("run again with --resume"))
        #expect(!FileManager.default.fileExists(atPath: output), "no half-written report")
        #expect(FileManager.default.fileExists(atPath: checkpoint))

        let resumed = try Fixtures.runCLI(Self.arguments + ["--output", output, "--resume"])
        #expect(resumed.status == 0, "\(resumed.err)")
        #expect(resumed.err.contains("resuming:"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(contentsOf: URL(fileURLWithPath: reference)))
        #expect(!FileManager.default.fileExists(atPath: checkpoint), "the checkpoint is removed once the run completes")
    }

    /// Starts `rapport arguments`, sends SIGINT once `checkpoint` has `lines` lines (the header
    /// and finished work), and returns the exit status and standard error.
    static func interrupt(_ arguments: [String], once checkpoint: String, hasLines lines: Int) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.rapportBinary)
        process.arguments = arguments
        process.currentDirectoryURL = Fixtures.root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let count = (try? String(contentsOfFile: checkpoint, encoding: .utf8))?.split(separator: "\n").count ?? 0
            if count >= lines { break }
            usleep(20_000)
        }
        process.interrupt()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    @Test("Ctrl-C in the middle of a sweep keeps finished points; --resume gives the same file")
    func sweepResume() throws {
        let folder = try Fixtures.temporaryFolder("rapport-sweep-resume")
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["sweep", "scenarios/validation/erlang-c.yaml", "--set", "horizon=36000d", "--set", "stop_after_arrivals=3000000",
                         "--set", "therapists[0].count=10,11,12,13", "--replications", "3", "--jobs", "1"]
        let reference = folder.appendingPathComponent("reference.json").path
        #expect(try Fixtures.runCLI(arguments + ["--output", reference]).status == 0)
        let output = folder.appendingPathComponent("sweep.json").path
        let (status, message) = try Self.interrupt(arguments + ["--output", output], once: output + ".checkpoint", hasLines: 2)
        #expect(status == 130, "\(message)")
        #expect(message.contains("points finished, 1 kept in") || message.contains("points finished, 2 kept in"), "\(message)")
        let resumed = try Fixtures.runCLI(arguments + ["--output", output, "--resume"])
        #expect(resumed.status == 0, "\(resumed.err)")
        #expect(!resumed.err.contains("resuming: 0 point"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(contentsOf: URL(fileURLWithPath: reference)))
    }

    @Test("A checkpoint from a different run is refused")
    func mismatchedCheckpoint() throws {
        let folder = try Fixtures.temporaryFolder("rapport-ckpt")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.checkpoint").path
        let identity = Checkpoint.Identity(scenarioText: "a", overrides: [], seed: 1, replications: 8)
        let store = Checkpoint(path: path)
        _ = try store.open(identity: identity, resume: false, taskCount: 8) { _, _ in nil }
        store.close()
        #expect(throws: Checkpoint.Problem.self) {
            try Checkpoint(path: path).open(identity: .init(scenarioText: "b", overrides: [], seed: 1, replications: 8),
                                            resume: true, taskCount: 8) { _, _ in nil }
        }
        #expect(try Checkpoint(path: path).open(identity: identity, resume: true, taskCount: 8) { _, _ in nil }.entries.isEmpty)
    }

    @Test("A checkpoint written with other random numbers is refused, and says why")
    func checkpointFromOtherRandomNumbers() throws {
        let folder = try Fixtures.temporaryFolder("rapport-numbers")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.checkpoint").path
        let identity = Checkpoint.Identity(scenarioText: "a", overrides: [], seed: 1, replications: 8)
        // The header of a checkpoint written before the generator was recorded (the Mersenne
        // Twister era): the same run, one finished task.
        let old = #"{"checkpoint_version":1,"scenario_hash":"\#(String(identity.scenarioHash, radix: 16))","seed":"1","replications":8}"#
        try (old + "\n" + #"{"task":0,"result":{}}"# + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try Checkpoint(path: path).open(identity: identity, resume: true, taskCount: 8) { _, _ in nil }
            Issue.record("an old checkpoint was resumed")
        } catch let problem as Checkpoint.Problem {
            #expect(problem.refused)
            #expect(problem.description.contains("gsl-mt19937"))
            #expect(problem.description.contains(RandomStream.numbers))
        }
        // The file is left as it was: nothing Rapport did not write in this run is changed.
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(old))
    }

    @Test("A checkpoint path that names the output or the scenario is refused, however it is written")
    func checkpointThatIsTheOutput() throws {
        let folder = try Fixtures.temporaryFolder("rapport-same")
        defer { try? FileManager.default.removeItem(at: folder) }
        let f = folder.path
        let scenario = Fixtures.path("scenarios/bench/mmc.yaml")
        func run(output: String, checkpoint: String) throws -> (status: Int32, out: String, err: String) {
            try Fixtures.runCLI(["run", scenario, "--set", "stop_after_arrivals=200", "--format", "json", "--output", output, "--checkpoint", checkpoint])
        }
        try "{}".write(toFile: "\(f)/existing.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(f)/link.json", withDestinationPath: "existing.json")
        try FileManager.default.linkItem(atPath: "\(f)/existing.json", toPath: "\(f)/hard.json")
        for (output, checkpoint) in [("\(f)/out.json", "\(f)/out.json"),              // neither exists yet
                                     ("\(f)/out.json", "\(f)/missing/../out.json"),   // the same once `..` is resolved
                                     ("\(f)/existing.json", "\(f)/link.json"),         // a symbolic link to the output
                                     ("\(f)/existing.json", "\(f)/hard.json")] {        // a hard link: one file, two names
            let result = try run(output: output, checkpoint: checkpoint)
            #expect(result.status == 2 && result.err.contains("is the same file as --output"), "\(checkpoint): \(result.err)")
        }
        let onScenario = try run(output: "\(f)/out.json", checkpoint: Fixtures.path("scenarios/bench/../bench/mmc.yaml"))
        #expect(onScenario.status == 2 && onScenario.err.contains("is the same file as the scenario"), "\(onScenario.err)")
        #expect(try String(contentsOfFile: scenario, encoding: .utf8).contains("stop_after_arrivals"))
        // Different files, present or not, run.
        for checkpoint in ["\(f)/out.json.ckpt", "\(f)/existing.json.ckpt"] {
            let result = try run(output: "\(f)/out.json", checkpoint: checkpoint)
            #expect(result.status == 0, "\(checkpoint): \(result.err)")
        }
        #expect(try String(contentsOfFile: "\(f)/existing.json", encoding: .utf8) == "{}")
    }

    @Test("Output is written through a temporary file and renamed into place")
    func atomicWrite() throws {
        let folder = try Fixtures.temporaryFolder("rapport-atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("deep/report.txt").path
        try AtomicFile.write("first", to: path)
        try AtomicFile.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["report.txt"])
        #expect(throws: (any Error).self) { try AtomicFile.write("x", to: "/proc/rapport-cannot-write/report.txt") }
    }
}
