import ArgumentParser
import Foundation
import RapportCLI
import Testing

/// Start-up cost, guarded by structure rather than by time (Benchmarks/startup.sh measures it):
/// each guard here stands for millions of instructions on every `rapport` invocation.
/// Serialized: `CompletionScriptCheck.parse` switches the root configuration while it parses.
@Suite("Start-up", .serialized)
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

    @Test("rapport run and rapport report reflect no option groups: ArgumentParser pays four first-time conformance scans (about 1.1 M instructions) for each group type on every run")
    func quickCommandsHaveNoOptionGroups() throws {
        let expectedFlags = [
            "run": ["<file>", "--set <path=value>", "--replications", "--seed", "--jobs", "--format <format>", "-o, --output", "--table", "--resume"],
            "report": ["<results>", "--format <format>", "-o, --output", "--table"],
        ]
        for (name, flags) in expectedFlags {
            let command = try #require(RapportCommand.configuration.subcommands.first { $0.configuration.commandName == name })
            let labels = Mirror(reflecting: command.init()).children.compactMap { child -> String? in
                String(describing: type(of: child.value)).hasPrefix("OptionGroup<") ? child.label : nil
            }
            #expect(labels.isEmpty, "\(name) declares option groups: \(labels)")
            // Its own declarations carry the groups' options, in the groups' order.
            let fullHelp = command.helpMessage(includeHidden: false, columns: 200)
            let help = try #require(fullHelp.range(of: "ARGUMENTS:").map { fullHelp[$0.lowerBound...] }, "\(fullHelp)")
            let positions = flags.map { help.range(of: $0)?.lowerBound }
            #expect(!positions.contains(nil), "\(help)")
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(help)")
        }
    }

    @Test("no command is asynchronous: main runs each one directly, without the concurrency runtime's main queue")
    func noAsynchronousCommands() {
        for command in Self.commandTree() {
            #expect(!(command is AsyncParsableCommand.Type), "\(command) is asynchronous; RapportCommand.main would not await it")
        }
    }

    @Test("rapport is one static executable: no dynamic loader, and no shared library (Swift runtime, Foundation, GSL, libstdc++, libc) bound at start-up")
    func staticCommandLine() throws {
        let rapport = try ELFHeader(path: Fixtures.rapportBinary)
        #expect(rapport.type == 2, "rapport is not a fixed-address executable (e_type \(rapport.type))")
        #expect(!rapport.segmentTypes.contains(ELFHeader.interpreter), "rapport names a dynamic loader")
        #expect(!rapport.segmentTypes.contains(ELFHeader.dynamic), "rapport has a dynamic section")
        #expect(try Self.output(of: "/usr/bin/nm", ["--defined-only", Fixtures.rapportBinary]).contains(" T gsl_rng_alloc"),
                "GSL is not linked into rapport")
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

    @Test("ArgumentParser's completion-script check runs only when an argument names --generate-completion-script (it costs about 4 M instructions a run)")
    func completionScriptCheckSkipped() throws {
        #expect(CompletionScriptCheck.mayRequestScript(["--generate-completion-script", "bash"]))
        #expect(CompletionScriptCheck.mayRequestScript(["--generate-completion-script=zsh"]))
        #expect(CompletionScriptCheck.mayRequestScript(["run", "x.yaml", "--generate-completion-script"]))
        #expect(!CompletionScriptCheck.mayRequestScript(["run", "scenarios/baseline.yaml", "--jobs", "1", "--set", "horizon=8w"]))
        #expect(!CompletionScriptCheck.mayRequestScript(["--version"]))
        #expect(!CompletionScriptCheck.mayRequestScript([]))

        // ArgumentParser honours the skip: forced on a command line that does ask for a script,
        // the flag is an unknown option. If a new ArgumentParser ignored the super-command name,
        // the request would be recognised here and this would fail.
        let request = ["--generate-completion-script", "bash"]
        #expect(throws: (any Error).self) { _ = try CompletionScriptCheck.parse(request, skippingCheck: true) }
        do {
            _ = try CompletionScriptCheck.parse(request, skippingCheck: true)
        } catch {
            #expect(RapportCommand.fullMessage(for: error).contains("Unknown option '--generate-completion-script'"), "\(RapportCommand.fullMessage(for: error))")
        }
        // Without it (and so for every command line that names the flag) the script comes out.
        do {
            _ = try CompletionScriptCheck.parse(request)
            Issue.record("a completion request parsed as a command")
        } catch {
            #expect(RapportCommand.exitCode(for: error) == .success)
            #expect(RapportCommand.fullMessage(for: error) == RapportCommand.completionScript(for: .bash))
        }
        // The switch lasts only as long as the parse, failed or not.
        #expect(RapportCommand.configuration._superCommandName == nil)
    }

    @Test("help, usage errors and completion scripts from the binary are ArgumentParser's renderings from the plain configuration")
    func renderingsUnchanged() throws {
        let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) } ?? 80
        let run = try #require(RapportCommand.configuration.subcommands.first { $0.configuration.commandName == "run" })
        #expect(try Fixtures.runCLI(["--help"]).out == RapportCommand.helpMessage(columns: columns) + "\n")
        #expect(try Fixtures.runCLI(["run", "--help"]).out == RapportCommand.helpMessage(for: run, columns: columns) + "\n")
        #expect(try Fixtures.runCLI(["help", "run"]).out == RapportCommand.helpMessage(for: run, columns: columns) + "\n")
        #expect(try Fixtures.runCLI(["--version"]).out == RapportCommand.configuration.version + "\n")
        for arguments in [["run", "--bogus"], ["nosuch"], ["run", "scenarios/bench/mmc.yaml", "--replications", "0"], ["validate"]] {
            let cli = try Fixtures.runCLI(arguments)
            #expect(cli.status == 2)
            #expect(throws: (any Error).self) { _ = try RapportCommand.parseAsRoot(arguments) }
            do { _ = try RapportCommand.parseAsRoot(arguments) } catch {
                #expect(cli.err == RapportCommand.fullMessage(for: error) + "\n", "\(arguments)")
            }
        }
        #expect(try Fixtures.runCLI(["--generate-completion-script", "zsh"]).out == RapportCommand.completionScript(for: .zsh) + "\n")
        #expect(try Fixtures.runCLI(["--generate-completion-script=fish"]).out == RapportCommand.completionScript(for: .fish) + "\n")
    }

    @Test("the modules around the simulation reach generic types' metadata through accessors: releasing a Simulation<PlatformModel> does not look its type up by mangled name (a conformance scan, about 0.4 M instructions)")
    func noMangledNameMetadataLookups() throws {
        let symbols = try Self.output(of: "/usr/bin/nm", ["--defined-only", Fixtures.rapportBinary])
        #expect(symbols.contains("Replication"), "no symbol table in \(Fixtures.rapportBinary)")
        // `demangling cache variable for type metadata for Simulation<PlatformModel>`: only code
        // compiled without `startupSettings` (Package.swift) has one.
        #expect(!symbols.contains("$s13RapportKernel10SimulationVy0A5Model08PlatformD0VGMD"))
    }

    /// What `tool arguments` prints; it must succeed.
    private static func output(of tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) \(arguments)")
        return text
    }

    @Test("rapport-server links the Swift runtime and Foundation statically but the rest dynamically, as a position-independent executable: it faces a network")
    func serverLinking() throws {
        let server = Fixtures.serverBinary
        let header = try ELFHeader(path: server)
        #expect(header.type == 3, "rapport-server is not position-independent (e_type \(header.type))")
        #expect(header.segmentTypes.contains(ELFHeader.interpreter))
        let libraries = try Self.output(of: "/usr/bin/ldd", [server])
        #expect(libraries.contains("libgsl"), "\(libraries)")
        for swiftLibrary in ["libswiftCore", "libFoundation", "lib_FoundationICU", "libdispatch", "libswift_Concurrency"] {
            #expect(!libraries.contains(swiftLibrary), "rapport-server loads \(swiftLibrary) dynamically:\n\(libraries)")
        }
    }

    @Test("rapport does not carry the web app (about 4.5 M instructions of start-up on every command): rapport-server beside it does, and loads SQLite")
    func webAppApart() throws {
        let symbols = try Self.output(of: "/usr/bin/nm", [Fixtures.rapportBinary])
        #expect(!symbols.contains("sqlite3_open") && !symbols.contains("11Hummingbird"), "rapport links SQLite or Hummingbird")
        let server = Fixtures.serverBinary
        #expect(FileManager.default.isExecutableFile(atPath: server), "no \(server): swift build -c release builds both executables")
        #expect(try Self.output(of: "/usr/bin/ldd", [server]).contains("libsqlite3"))
    }

    @Test("rapport serve's options reach rapport-server as they were parsed")
    func serveOptionsRoundTrip() throws {
        for arguments in [[], ["--port", "9001", "--host", "::1", "--data", "d b", "--token", "0123456789abcdef", "--scenarios", "s", "--slots", "3", "--queue", "10"]] {
            let serve = try Serve.parse(arguments)
            let again = try Serve.parse(serve.arguments)
            #expect(again.arguments == serve.arguments)
            #expect(again.port == serve.port && again.host == serve.host && again.data == serve.data)
            #expect(again.token == serve.token && again.scenarios == serve.scenarios && again.slots == serve.slots && again.queue == serve.queue)
        }
        // A token from the environment stays there, off the command line.
        #expect(try !Serve.parse([]).arguments.contains("--token"))
    }

    @Test("rapport serve without rapport-server beside it says what to build and exits 2")
    func serveWithoutServer() throws {
        let folder = try Fixtures.temporaryFolder("rapport-alone")
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("rapport").path
        try FileManager.default.copyItem(atPath: Fixtures.rapportBinary, toPath: alone)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: alone)
        process.arguments = ["serve", "--port", "1"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("rapport-server") && message.contains("swift build -c release --product rapport-server"), "\(message)")
    }
}

/// The parts of a 64-bit little-endian ELF file's headers the start-up tests read: the file's type
/// (`e_type`: 2 a fixed-address executable, 3 a position-independent one) and its program headers'
/// segment types, which name a dynamic loader (`PT_INTERP`) and dynamic section (`PT_DYNAMIC`) if
/// the file has them.
private struct ELFHeader {
    static let dynamic: UInt32 = 2
    static let interpreter: UInt32 = 3

    let type: UInt16
    let segmentTypes: [UInt32]

    init(path: String) throws {
        let file = try #require(FileHandle(forReadingAtPath: path), "cannot open \(path)")
        defer { try? file.close() }
        let header = [UInt8](file.readData(ofLength: 64))
        try #require(header.count == 64 && header.starts(with: [0x7F, 0x45, 0x4C, 0x46, 2, 1]), "\(path) is not a 64-bit little-endian ELF file")
        func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
            (0..<size).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
        }
        type = UInt16(integer(header, at: 16, size: 2))
        let tableOffset = integer(header, at: 32, size: 8), entrySize = Int(integer(header, at: 54, size: 2))
        let count = Int(integer(header, at: 56, size: 2))
        try file.seek(toOffset: tableOffset)
        let table = [UInt8](file.readData(ofLength: entrySize * count))
        try #require(entrySize >= 4 && table.count == entrySize * count, "\(path): truncated program headers")
        segmentTypes = (0..<count).map { UInt32(integer(table, at: $0 * entrySize, size: 4)) }
    }
}
