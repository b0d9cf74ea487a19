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
        let run = try Fixtures.runCLI(["run"] + Self.quick + ["--output", full, "--checkpoint", folder.appendingPathComponent("c").path])
        #expect(run.status == 2 && run.err.contains("No space left on device"), "\(run.err)")
        #expect(run.err.contains("stay in"), "the checkpoint is kept for --resume: \(run.err)")
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

    @Test("Defect 3: an alias bomb written as a mapping key is refused before the YAML parser hashes it")
    func aliasBombAsKey() throws {
        var levels = ["  - &z0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        for i in 1..<9 { levels.append("  - &z\(i) [" + Array(repeating: "*z\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let text = Fixtures.smallPlatform() + "\n? x:\n" + levels.joined(separator: "\n") + "\n"
        let start = Date()
        let problems = Fixtures.problems(text)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(problems.contains { $0.contains("a mapping key here is a list or a mapping") }, "\(problems)")
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
        // The default checkpoint in use does not stop a run: it runs on without one, and says so.
        let output = folder.appendingPathComponent("r.json").path
        let busy = Checkpoint(path: output + ".checkpoint")
        _ = try busy.open(identity: .init(scenarioText: "other run", overrides: [], seed: 1, replications: 2), resume: false, taskCount: 2) { _, _ in nil }
        let second = try Fixtures.runCLI(["run"] + Self.quick + ["--output", output])
        #expect(second.status == 0 && second.err.contains("keeps no checkpoint"), "\(second.err)")
        #expect(FileManager.default.fileExists(atPath: output + ".checkpoint"), "the other run's checkpoint survives")
        busy.finish()
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
        let folder = try Fixtures.temporaryFolder("rapport-stdout-full")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.rapportBinary)
        process.arguments = ["run"] + Self.quick + ["--checkpoint", folder.appendingPathComponent("c").path]
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

    // MARK: 5. errors amplify

    @Test("Defect 5: 20,000 bad entries on one line give a bounded, fast report")
    func errorAmplification() throws {
        let folder = try Fixtures.temporaryFolder("rapport-amplify")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("many.yaml").path
        let entries = (0..<20_000).map { "c\($0): -1" }.joined(separator: ", ")
        try Self.write("name: x\nhorizon: 52w\nclients:\n  arrivals: {rate: 10/week}\n  concerns: {\(entries)}\ntherapists: [{group: a, count: 2}]\n", file)
        let start = Date()
        let run = try Fixtures.runCLI(["validate", file])
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(run.status == 2)
        #expect(run.err.utf8.count < 64_000, "stderr holds \(run.err.utf8.count) bytes")
        #expect(run.err.contains("more problems not shown") && run.err.hasSuffix("20000 errors\n"))
    }

    // MARK: 6. seeds above 2^53

    @Test("Defect 6: seeds above 2^53 − 1 are refused everywhere, never stored as inexact doubles")
    func hugeSeeds() throws {
        let text = Self.contents(Fixtures.path("scenarios/validation/erlang-c.yaml")) ?? ""
        #expect(Fixtures.problems(text.replacingOccurrences(of: "seed: 20261129", with: "seed: 9007199254740993"))
            .contains { $0.contains("seed: expected a whole number from 0 to 9007199254740991") })
        #expect(try Fixtures.runCLI(["run"] + Self.quick + ["--seed", "18446744073709551615"]).status == 2)
        let folder = try Fixtures.temporaryFolder("rapport-seed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = folder.appendingPathComponent("r.json").path
        #expect(try Fixtures.runCLI(["run"] + Self.quick + ["--format", "json", "--output", result]).status == 0)
        let json = Self.contents(result) ?? ""
        for seed in ["18446744073709551615", "1e30", "-4", "2.5"] {
            try Self.write(json.replacingOccurrences(of: "\"seed\": 20261129", with: "\"seed\": \(seed)"), result)
            let report = try Fixtures.runCLI(["report", result])
            #expect(report.status == 2 && report.err.contains("'seed' must be a whole number"), "\(seed): \(report.err)")
        }
    }

    @Test("Found by the widened fuzzer: a result whose event count is huge or not a number is read, not a crash")
    func resultWithOddEventCount() throws {
        let folder = try Fixtures.temporaryFolder("rapport-events")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = folder.appendingPathComponent("r.json").path
        #expect(try Fixtures.runCLI(["run"] + Self.quick + ["--format", "json", "--output", result]).status == 0)
        let json = Self.contents(result) ?? ""
        let events = try #require(json.range(of: #""events": [0-9]+"#, options: .regularExpression))
        for value in ["1e308", "null", "-5", "\"many\""] {
            try Self.write(json.replacingCharacters(in: events, with: "\"events\": \(value)"), result)
            let report = try Fixtures.runCLI(["report", result])
            #expect(report.status == 0, "\(value): \(report.err)")
        }
    }

    // MARK: 11. rapport check on odd inputs

    @Test("Defect 11: check refuses bad tolerances and tampered or foreign baselines with exit 2, never crashes or hangs")
    func checkOddInputs() throws {
        let folder = try Fixtures.temporaryFolder("rapport-check-odd")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = "scenarios/validation/erlang-c.yaml"
        for flag in ["wait_days_mean=inf", "wait_days_mean=nan", "wait_dayz_mean=0.1"] {
            let run = try Fixtures.runCLI(["check", scenario, "--tolerance", flag])
            #expect(run.status == 2, "\(flag): \(run.err)")
        }
        let good = Self.contents(Fixtures.path("reports/baselines/validation-erlang-c.json")) ?? ""
        #expect(good.contains("\"seed\": 20261129"))
        let path = folder.appendingPathComponent("validation-erlang-c.json").path
        let tampered = [("\"seed\": 20261129", "\"seed\": -3"), ("\"seed\": 20261129", "\"seed\": 1e300"),
                        ("\"replications\": ", "\"replications\": 1000000, \"x\": "), ("\"replications\": ", "\"replications\": -1, \"x\": "),
                        ("\"scenario\": \"Erlang C", "\"scenario\": \"Another scenario")]
        for (from, to) in tampered {
            try Self.write(good.replacingOccurrences(of: from, with: to), path)
            let start = Date()
            let run = try Fixtures.runCLI(["check", scenario, "--baseline", folder.path])
            #expect(run.status == 2, "\(to): \(run.err)")
            #expect(Date().timeIntervalSince(start) < 10)
        }
        let variantsAt = try #require(good.range(of: "\"variants\": {"))
        try Self.write(String(good[..<variantsAt.lowerBound]) + "\"variants\": {}\n}\n", path)
        let empty = try Fixtures.runCLI(["check", scenario, "--baseline", folder.path])
        #expect(empty.status == 2 && !empty.out.contains("ok"), "\(empty.out)\(empty.err)")
        // The same metric twice takes the last value instead of crashing.
        try Self.write(good, path)
        let repeated = try Fixtures.runCLI(["check", scenario, "--baseline", folder.path, "--tolerance", "wait_days_mean=0.5", "--tolerance", "wait_days_mean=0.6"])
        #expect(repeated.status == 0, "\(repeated.err)")
    }

    // MARK: 14. huge match-quality weights

    @Test("Defect 14: match-quality weights too large to sum are refused")
    func hugeWeights() {
        let text = Fixtures.smallPlatform(extra: "match_quality:\n  weights: {concern: 1e308, severity: 1e308, preferences: 1e308}")
        #expect(Fixtures.problems(text).contains { $0.contains("match_quality.weights.concern: expected a number from 0 to 1000000") })
    }

    // MARK: 15. injection

    @Test("Defect 15: names cannot inject CSV rows or formulas, Markdown or HTML, or terminal escapes")
    func injection() throws {
        let folder = try Fixtures.temporaryFolder("rapport-inject")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("evil.yaml").path
        let base = Self.contents(Fixtures.path("scenarios/validation/erlang-c.yaml")) ?? ""
        try Self.write(base.replacingOccurrences(of: "name: Erlang C validation (M/M/10, λ = 8/h, μ = 1/h)",
                                                 with: "name: \"evil\\r\\n<script>alert(1)</script>\\e]0;owned\\a\\e[31m\"")
            + "variants:\n  - {name: \"=HYPERLINK(\\\"http://x\\\")\"}\n  - {name: \"@SUM(A1)\"}\n", file)
        let arguments = ["run", file, "--replications", "2", "--jobs", "1", "--format"]
        let csv = try Fixtures.runCLI(arguments + ["csv"])
        #expect(csv.status == 0, "\(csv.err)")
        #expect(csv.out.contains("\"evil\r\n<script>"), "the CRLF name is quoted")
        #expect(csv.out.contains(",'=HYPERLINK(\"\"http://x\"\")") || csv.out.contains(",\"'=HYPERLINK("), "formula neutralised")
        #expect(csv.out.contains(",'@SUM(A1),"))
        #expect(!csv.out.contains(",=HYPERLINK") && !csv.out.contains(",@SUM"))
        let markdown = try Fixtures.runCLI(arguments + ["markdown"])
        #expect(!markdown.out.contains("<script>") && markdown.out.contains("&lt;script&gt;"))
        #expect(markdown.out.hasPrefix("# evil &lt;script&gt;"), "the heading stays on one line")
        let text = try Fixtures.runCLI(arguments + ["text"])
        #expect(!text.out.contains("\u{1B}") && !text.out.contains("\u{07}") && text.out.contains("\\x1b]0;owned"))
        let validate = try Fixtures.runCLI(["validate", file])
        #expect(!validate.out.contains("\u{1B}"))
    }

    // MARK: 16. unlocated errors

    @Test("Defect 16: CRLF, NUL, invalid UTF-8, UTF-16, folders and 2 MB lines all give located, plain errors")
    func locatedReadErrors() throws {
        let folder = try Fixtures.temporaryFolder("rapport-located")
        defer { try? FileManager.default.removeItem(at: folder) }
        func validate(_ bytes: [UInt8], _ name: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let run = try Fixtures.runCLI(["validate", path])
            #expect(run.status == 2)
            #expect(!run.err.contains("NSCocoaErrorDomain") && !run.err.contains("correct format"), "\(run.err)")
            return run.err
        }
        let crlf = try validate(Array("name: x\r\nhorizon: 52\r\nclients: {arrivals: {rate: 1/week}}\r\ntherapists: [{group: a, count: 1}]\r\n".utf8), "crlf.yaml")
        #expect(crlf.contains("crlf.yaml:2:10: error: horizon:") && crlf.contains("\n    horizon: 52\n             ^"), "\(crlf)")
        let nul = try validate(Array("name: x\nhorizon: 52w\0\n".utf8), "nul.yaml")
        #expect(nul.contains("nul.yaml:2:13: error:") && nul.contains("NUL"), "\(nul)")
        let latin1 = try validate(Array("name: x\nhorizon: 5".utf8) + [0xFF] + Array("2w\n".utf8), "latin1.yaml")
        #expect(latin1.contains("latin1.yaml:2:11: error: the file is not UTF-8 text"), "\(latin1)")
        let utf16 = try validate([0xFF, 0xFE] + Array("n\0a\0".utf8), "utf16.yaml")
        #expect(utf16.contains("UTF-16"))
        let directory = try Fixtures.runCLI(["validate", folder.path])
        #expect(directory.status == 2 && directory.err.contains("is a folder") || directory.err.contains("this is a folder"), "\(directory.err)")
        let long = try validate(Array(("name: x\nhorizon: [" + String(repeating: "1, ", count: 700_000) + "1]\n").utf8), "long.yaml")
        #expect(long.utf8.count < 2_000, "the 2 MB line is not echoed whole (\(long.utf8.count) bytes)")
        #expect(long.contains("long.yaml:2:10:"))
    }

    // MARK: 17. int and string keys with the same text

    @Test("Defect 17: an int key and a string key with the same text are one duplicate key")
    func intAndStringKeys() {
        let text = Fixtures.smallPlatform().replacingOccurrences(of: "concerns: {anxiety: 0.5, trauma: 0.5}", with: "concerns: {1: 0.5, '1': 0.5}")
        #expect(Fixtures.problems(text).contains { $0.contains("the key '1' appears more than once") }, "\(Fixtures.problems(text))")
    }
}
