import Testing
import Foundation
import RapportExperiment
import RapportScenario

/// The defects of issue 17, found by attacking the command line. Each test names its defect and
/// fails on the code before the fix.
@Suite("Hardening: defects found under attack")
struct HardeningTests {
    static let quick = ["scenarios/validation/erlang-c.yaml", "--replications", "2", "--jobs", "1"]

    static func write(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: false, encoding: .utf8) }
    static func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
    static func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    // MARK: 1. --output replaces special files

    @Test("Defect 1: a FIFO target is written in place, not replaced by a regular file")
    func fifoWrittenInPlace() throws {
        let folder = try Fixtures.temporaryFolder("rapport-fifo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        try AtomicFile.write("through the pipe", to: fifo)
        #expect(Self.fileType(fifo) == S_IFIFO, "the FIFO is still a FIFO")
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(reader, &buffer, buffer.count)
        #expect(n > 0 && String(decoding: buffer[0..<max(n, 0)], as: UTF8.self) == "through the pipe")
    }

    @Test("Defect 1: a symbolic link to a device stays a link, and a write error on it is reported")
    func symlinkToDevice() throws {
        let folder = try Fixtures.temporaryFolder("rapport-devlink")
        defer { try? FileManager.default.removeItem(at: folder) }
        let null = folder.appendingPathComponent("to-null").path, full = folder.appendingPathComponent("to-full").path
        #expect(symlink("/dev/null", null) == 0 && symlink("/dev/full", full) == 0)
        try AtomicFile.write("discarded", to: null)
        #expect(Self.fileType(null) == S_IFLNK)
        #expect(throws: OutputError.self) { try AtomicFile.write("no room", to: full) }
        #expect(Self.fileType(full) == S_IFLNK)
        let run = try Fixtures.runCLI(["run"] + Self.quick + ["--output", full])
        #expect(run.status == 2 && run.err.contains("No space left on device"), "\(run.err)")
    }

    @Test("Defect 1: a symbolic link to a report keeps the link and replaces the report it names")
    func symlinkToFile() throws {
        let folder = try Fixtures.temporaryFolder("rapport-filelink")
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real.txt").path, link = folder.appendingPathComponent("link.txt").path
        try Self.write("old", real)
        #expect(symlink(real, link) == 0)
        try AtomicFile.write("new", to: link)
        #expect(Self.fileType(link) == S_IFLNK && Self.contents(real) == "new")
    }

    // MARK: 2. --checkpoint deletes without checking

    @Test("Defect 2: --checkpoint never deletes a folder, the scenario, the report or a stranger's file")
    func checkpointRefusesForeignPaths() throws {
        let folder = try Fixtures.temporaryFolder("rapport-ckpt-victims")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("mydata").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try Self.write("precious", data + "/x")
        let scenario = folder.appendingPathComponent("scenario.yaml").path
        try FileManager.default.copyItem(atPath: Fixtures.path("scenarios/validation/erlang-c.yaml"), toPath: scenario)
        let stranger = folder.appendingPathComponent("notes.txt").path
        try Self.write("my notes", stranger)
        let output = folder.appendingPathComponent("same.json").path
        let cases: [[String]] = [
            ["run", scenario, "--replications", "2", "--checkpoint", data, "--output", output],
            ["run", scenario, "--replications", "2", "--checkpoint", scenario, "--output", output],
            ["run", scenario, "--replications", "2", "--checkpoint", output, "--output", output],
            ["run", scenario, "--replications", "2", "--checkpoint", stranger, "--output", output],
            ["run", scenario, "--replications", "2", "--checkpoint", stranger, "--output", output, "--resume"],
        ]
        for arguments in cases {
            let run = try Fixtures.runCLI(arguments)
            #expect(run.status == 2, "\(arguments): \(run.err)")
        }
        #expect(Self.contents(data + "/x") == "precious")
        #expect(Self.contents(scenario) == Self.contents(Fixtures.path("scenarios/validation/erlang-c.yaml")))
        #expect(Self.contents(stranger) == "my notes")
    }

    // MARK: 3. alias bombs

    @Test("Defect 3: an alias bomb inside a variant is refused at once, with a location")
    func aliasBombInVariant() throws {
        var levels = ["      - &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        for i in 1..<9 { levels.append("      - &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let text = Fixtures.smallPlatform(extra: "variants:\n  - name: bomb\n    horizon:\n" + levels.joined(separator: "\n"))
        let start = Date()
        let problems = Fixtures.problems(text)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(problems.contains { $0.contains("bad.yaml:") && $0.contains("expands to more than") }, "\(problems)")
    }

    // MARK: 4. size limits bypassed

    @Test("Defect 4: calendar multipliers, scheduled hires and stop_after_arrivals cannot lift the size limits")
    func resolvedSizeLimits() {
        let multiplier = Fixtures.smallPlatform().replacingOccurrences(of: "arrivals: {rate: 30/week}", with: "arrivals: {rate: 30/week, weekday: {mon: 1e7}}")
        #expect(Fixtures.problems(multiplier).contains { $0.contains("clients.arrivals.weekday.mon") && $0.contains("busiest day") })
        let month = Fixtures.smallPlatform().replacingOccurrences(of: "arrivals: {rate: 30/week}", with: "arrivals: {rate: 30/week, month: {mar: 1e9}}")
        #expect(Fixtures.problems(month).contains { $0.contains("clients.arrivals.month.mar") })
        let hires = Fixtures.smallPlatform(extra: "staffing:\n  hires:\n    - {at: 4w, group: generalists, count: 150000}\n    - {at: 5w, group: generalists, count: 150000}")
        #expect(Fixtures.problems(hires).contains { $0.contains("staffing.hires") && $0.contains("200000 therapists") })
        let stop = Fixtures.smallPlatform(extra: "stop_after_arrivals: 999999999").replacingOccurrences(of: "rate: 30/week", with: "rate: 9000000/day")
            .replacingOccurrences(of: "horizon: 26w", with: "horizon: 100y")
        #expect(Fixtures.problems(stop).contains { $0.contains("stop_after_arrivals") && $0.contains("200,000,000") })
    }

    // MARK: 7. checkpoint entries trusted

    @Test("Defect 7: negative, huge and empty checkpoint entries are discarded and rerun; the result matches a clean run")
    func untrustedCheckpointEntries() throws {
        let folder = try Fixtures.temporaryFolder("rapport-ckpt-entries")
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["run"] + Self.quick + ["--format", "json"]
        let reference = try Fixtures.runCLI(arguments)
        #expect(reference.status == 0)
        let checkpoint = folder.appendingPathComponent("c.checkpoint").path
        let text = Self.contents(Fixtures.path("scenarios/validation/erlang-c.yaml")) ?? ""
        let scenario = try Fixtures.scenario("scenarios/validation/erlang-c.yaml")
        let identity = Checkpoint.Identity(scenarioText: text, overrides: [], seed: scenario.seed, replications: 2)
        let store = Checkpoint(path: checkpoint)
        _ = try store.open(identity: identity, resume: false, taskCount: 2) { _, _ in nil }
        store.append(task: -5, entry: .object([]))
        store.append(task: Int(1e15), entry: .object([]))
        store.append(task: 1, entry: .object([]))
        store.append(task: 0, entry: .object([("metrics", .object([("clients_arrived", .string("lots"))]))]))
        store.close()
        let resumed = try Fixtures.runCLI(arguments + ["--checkpoint", checkpoint, "--resume"])
        #expect(resumed.status == 0, "\(resumed.err)")
        #expect(resumed.err.contains("discarded 4 damaged entries"), "\(resumed.err)")
        #expect(resumed.err.contains("resuming: 0 replication"))
        #expect(resumed.out == reference.out)
    }

    // MARK: 8. checkpoints lost

    @Test("Defect 8: a second run naming a checkpoint in use is refused, and the first run's checkpoint survives")
    func checkpointLocked() throws {
        let folder = try Fixtures.temporaryFolder("rapport-ckpt-lock")
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("shared.checkpoint").path
        let holder = Checkpoint(path: checkpoint)
        _ = try holder.open(identity: .init(scenarioText: "other run", overrides: [], seed: 1, replications: 2), resume: false, taskCount: 2) { _, _ in nil }
        let run = try Fixtures.runCLI(["run"] + Self.quick + ["--checkpoint", checkpoint])
        #expect(run.status == 2 && run.err.contains("in use by another Rapport run"), "\(run.err)")
        #expect(FileManager.default.fileExists(atPath: checkpoint))
        holder.finish()
        #expect(!FileManager.default.fileExists(atPath: checkpoint))
    }

    @Test("Defect 8: an unwritable checkpoint location is reported, and the run still completes")
    func unwritableCheckpoint() throws {
        let run = try Fixtures.runCLI(["run"] + Self.quick + ["--checkpoint", "/proc/rapport-nowhere/x.checkpoint"])
        #expect(run.status == 0)
        #expect(run.err.contains("warning: cannot keep a checkpoint at /proc/rapport-nowhere/x.checkpoint"), "\(run.err)")
        let store = Checkpoint(path: "/proc/rapport-nowhere/x.checkpoint")
        #expect(throws: Checkpoint.Problem.self) {
            try store.open(identity: .init(scenarioText: "", overrides: [], seed: 1, replications: 1), resume: false, taskCount: 1) { _, _ in nil }
        }
        #expect(!store.append(task: 0, entry: .object([])) && store.savedCount == 0, "nothing is claimed as kept")
    }

    // MARK: 9. stdout write errors

    @Test("Defect 9: a report to a full standard output exits 2")
    func stdoutFull() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.rapportBinary)
        process.arguments = ["run"] + Self.quick
        process.currentDirectoryURL = Fixtures.root
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("cannot write standard output: No space left on device"))
    }

    // MARK: 10. temp file follows symlinks

    @Test("Defect 10: a symlink planted at a predictable temporary name cannot redirect the write")
    func plantedTemporarySymlink() throws {
        let folder = try Fixtures.temporaryFolder("rapport-plant")
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim.txt").path
        try Self.write("untouched", victim)
        // The name the old writer used: .NAME.PID.tmp.
        let planted = folder.appendingPathComponent(".report.json.\(getpid()).tmp").path
        #expect(symlink(victim, planted) == 0)
        let target = folder.appendingPathComponent("report.json").path
        try AtomicFile.write("the report", to: target)
        #expect(Self.contents(victim) == "untouched")
        #expect(Self.fileType(target) == S_IFREG && Self.contents(target) == "the report")
        #expect(Self.fileType(planted) == S_IFLNK, "the planted link is not ours to remove")
    }

    // MARK: 12. merge and sweep on big or tampered grids

    @Test("Defect 12: huge grids are refused, tampered points are refused, nothing crashes")
    func sweepAndMergeGrids() throws {
        let folder = try Fixtures.temporaryFolder("rapport-grid")
        defer { try? FileManager.default.removeItem(at: folder) }
        let thousand = (1...1000).map { "\($0)" }.joined(separator: ",")
        let huge = try Fixtures.runCLI(["sweep", "scenarios/validation/erlang-c.yaml"] + (0..<7).flatMap { ["--set", "x\($0)=\(thousand)"] })
        #expect(huge.status == 2 && huge.err.contains("sweep grid has more than"), "\(huge.err)")
        let three = try Fixtures.runCLI(["sweep", "scenarios/validation/erlang-c.yaml"] + (0..<3).flatMap { ["--set", "x\($0)=\(thousand)"] })
        #expect(three.status == 2 && three.err.contains("points"), "\(three.err)")
        let sweepFile = folder.appendingPathComponent("grid.yaml").path
        try Self.write((Self.contents(Fixtures.path("scenarios/validation/erlang-c.yaml")) ?? "") + "\nsweep:\n  seed: [\(thousand)]\n  horizon: [\(thousand)]\n", sweepFile)
        let validated = try Fixtures.runCLI(["validate", sweepFile])
        #expect(validated.status == 2 && validated.err.contains("grid.yaml:"), "\(validated.err)")

        let part = folder.appendingPathComponent("part.json").path
        #expect(try Fixtures.runCLI(["sweep"] + Self.quick + ["--set", "seed=1,2", "--output", part]).status == 0)
        let good = Self.contents(part) ?? ""
        for (from, to) in [("\"index\": 1", "\"index\": 99999999999999999999"), ("\"index\": 1", "\"index\": -3"),
                           ("\"seed\": \"2\"", "\"seed\": \"7\""), ("\"index\": 1", "\"index\": 1.5")] {
            #expect(good.contains(from))
            let tampered = folder.appendingPathComponent("tampered.json").path
            try Self.write(good.replacingOccurrences(of: from, with: to), tampered)
            let merged = try Fixtures.runCLI(["merge", tampered])
            #expect(merged.status == 2, "\(to): \(merged.err)")
        }
    }

    // MARK: 13. unwritable output exits 1 with a raw error

    @Test("Defect 13: an unwritable output location exits 2 with a plain message, for every command")
    func unwritableOutput() throws {
        let folder = try Fixtures.temporaryFolder("rapport-unwritable")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a-file").path
        try Self.write("x", file)
        let target = file + "/report.json"
        let runs = [["run"] + Self.quick + ["--output", target],
                    ["sweep"] + Self.quick + ["--set", "seed=1", "--output", target],
                    ["check", "scenarios/validation/erlang-c.yaml", "--junit", target]]
        for arguments in runs {
            let run = try Fixtures.runCLI(arguments)
            #expect(run.status == 2, "\(arguments[0]): \(run.err)")
            #expect(!run.err.contains("NSCocoaErrorDomain") && !run.err.contains("Error Domain"), "\(run.err)")
            #expect(run.err.contains("cannot write \(target)"), "\(run.err)")
        }
    }
}
