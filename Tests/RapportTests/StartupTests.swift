import ArgumentParser
import Foundation
import RapportCLI
import Testing

/// Start-up cost, guarded by structure rather than by time (Benchmarks/startup.sh measures it):
/// each guard here stands for millions of instructions on every `rapport` invocation.
@Suite("Start-up")
struct StartupTests {
    /// Every command in the tree, the root first.
    private static func commandTree(_ command: ParsableCommand.Type = RapportCommand.self) -> [ParsableCommand.Type] {
        [command] + command.configuration.subcommands.flatMap { commandTree($0) }
    }

    @Test("every command names itself: ArgumentParser would otherwise derive each name from the type's demangled name on every run")
    func explicitCommandNames() {
        let commands = Self.commandTree()
        #expect(commands.count > 10)
        for command in commands {
            #expect(command.configuration.commandName != nil, "\(command) has no commandName in its CommandConfiguration")
        }
    }

    @Test("rapport run reflects no option groups: ArgumentParser pays four first-time conformance scans (about 1.5 M instructions) for each group type on every run")
    func runHasNoOptionGroups() throws {
        let run = try #require(RapportCommand.configuration.subcommands.first { $0.configuration.commandName == "run" })
        let labels = Mirror(reflecting: run.init()).children.compactMap { child -> String? in
            String(describing: type(of: child.value)).hasPrefix("OptionGroup<") ? child.label : nil
        }
        #expect(labels.isEmpty, "run declares option groups: \(labels)")
        // Its own declarations carry the groups' options, in the groups' order.
        let help = run.helpMessage(includeHidden: false, columns: 200)
        let flags = ["<file>", "--set <path=value>", "--replications", "--seed", "--jobs", "--format <format>", "-o, --output", "--table", "--resume"]
        let positions = flags.map { help.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "\(help)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(help)")
    }

    @Test("main knows every asynchronous command, so that it never casts a command to AsyncParsableCommand to find out")
    func asynchronousCommandsListed() {
        for command in Self.commandTree() {
            let listed = RapportCommand.asynchronousCommands.contains { $0 == command }
            #expect(listed == (command is AsyncParsableCommand.Type), "\(command) is missing from RapportCommand.asynchronousCommands, or listed there wrongly")
        }
    }

    @Test("the rapport binary carries its own Swift runtime and Foundation: no dynamic binding of their symbols at start-up")
    func staticSwiftRuntime() throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [Fixtures.rapportBinary]
        let out = Pipe()
        ldd.standardOutput = out
        try ldd.run()
        let libraries = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(ldd.terminationStatus == 0)
        #expect(libraries.contains("libgsl"), "\(libraries)")
        for swiftLibrary in ["libswiftCore", "libFoundation", "lib_FoundationICU", "libdispatch", "libswift_Concurrency"] {
            #expect(!libraries.contains(swiftLibrary), "rapport loads \(swiftLibrary) dynamically:\n\(libraries)")
        }
    }

    @Test("a scenario with an explicit YAML tag still compares keys under Yams' default rules, as before the rule-free reading")
    func explicitTagsKeepDefaultRules() {
        // `!!int 1` and `1` are the same key under the default rules (Yams finds the duplicate) …
        #expect(Fixtures.problems("!!int 1: x\n1: y\n") == ["bad.yaml:1:1: error: the key '1' appears more than once in one mapping"])
        // … and `!!str 1` is another key than `1` to Yams, so Rapport's own check names the pair.
        #expect(Fixtures.problems("!!str 1: x\n1: y\n")
            == ["bad.yaml:2:1: error: the key '1' appears more than once in one mapping (written as 1 and as 1); keys are names, so write it once"])
        // Untagged keys compare by their text under either reading.
        #expect(Fixtures.problems("a: 1\na: 2\n") == ["bad.yaml:1:1: error: the key 'a' appears more than once in one mapping"])
    }
}
