import Testing
import Foundation

/// The repository stands alone: a clone placed anywhere runs every command and benchmark in it,
/// so no tracked file may point at a sibling folder outside it.
@Suite("A self-contained repository")
struct SelfContainedTests {
    /// The sibling folder earlier work leaned on; spelt in two pieces so this file does not match.
    static let outside = ".." + "/shared"

    /// Tracked files (git ls-files), or every file under the root but build folders without git.
    static func trackedFiles() -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", Fixtures.root.path, "ls-files", "-z"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        if (try? process.run()) != nil {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationStatus == 0 {
                return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        var files: [String] = []
        let walker = FileManager.default.enumerator(atPath: Fixtures.root.path)
        while let item = walker?.nextObject() as? String {
            if item.hasPrefix(".build") || item.hasPrefix(".git/") { walker?.skipDescendants(); continue }
            files.append(item)
        }
        return files
    }

    @Test("No tracked file names the sibling folder outside the repository")
    func noOutsidePaths() {
        let files = Self.trackedFiles()
        #expect(files.count > 50, "expected the repository's files, found \(files.count)")
        var offenders: [String] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: Fixtures.path(file)) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(Self.outside) {
                offenders.append("\(file):\(number + 1): \(line.prefix(120))")
            }
        }
        #expect(offenders.isEmpty, "files that name a path outside the repository:\n\(offenders.joined(separator: "\n"))")
    }

    @Test("The benchmark's reference programs are in the repository")
    func referencesPresent() {
        for program in ["mmc.c", "simpy_mmc.py", "ciw_mmc.py", "erlang.py", "race.py"] {
            #expect(FileManager.default.fileExists(atPath: Fixtures.path("Benchmarks/reference/\(program)")), "\(program)")
        }
    }

    @Test("The Erlang calculator gives the analytic values the validation scenarios quote")
    func erlangCalculator() throws {
        func erlang(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Fixtures.path("Benchmarks/reference/erlang.py")] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try erlang(["10", "8", "1"]).contains("P(W>0)=0.4092 Wq=0.2046 h"))
        #expect(try erlang(["20", "18", "1", "0.5"]).contains("P(W>0)=0.3978 P(abandon)=0.0378"))
        let quoted = try String(contentsOfFile: Fixtures.path("scenarios/validation/erlang-a.yaml"), encoding: .utf8)
        #expect(quoted.contains("P(W>0) = 0.3978, P(abandon) = 0.0378"))
    }
}
