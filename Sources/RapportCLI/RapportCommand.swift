import ArgumentParser
import Foundation
import RapportExperiment
import RapportScenario

/// The `rapport` command and its subcommands.
public struct RapportCommand: AsyncParsableCommand {
    /// The root's configuration: `plainConfiguration`, except while `main` parses a command line
    /// that cannot ask for a completion script (see `CompletionScriptCheck`).
    public static var configuration: CommandConfiguration {
        CompletionScriptCheck.isSkipped ? skippingConfiguration : plainConfiguration
    }

    private static let skippingConfiguration = CompletionScriptCheck.skipping(plainConfiguration)

    /// The configuration ArgumentParser renders help, usage and completion scripts from.
    public static let plainConfiguration = CommandConfiguration(
        commandName: "rapport",
        abstract: "Simulate a therapy platform and compare the policies that shape it.",
        discussion: """
        Rapport runs a scenario file (YAML) describing clients, therapists and policies, and reports \
        therapist burnout risk, client waits, match quality, dropout and attrition with 95% confidence \
        intervals. Exit codes: 0 success, 1 a check found drift, 2 the input could not be used.
        """,
        version: RapportVersion.current,
        subcommands: [Run.self, Validate.self, Report.self, Compare.self, Sweep.self, Merge.self, Plan.self, Sensitivity.self, Check.self,
                      Metrics.self, Init.self, Fit.self, Calibrate.self, Serve.self],
        defaultSubcommand: nil
    )

    public init() {}

    /// Runs the command line. A usage error (an unknown flag, a bad value) exits 2 like every other
    /// input Rapport cannot use, not ArgumentParser's 64, so scripts need to know one code.
    ///
    /// Synchronous: only `rapport serve` is async, and only it starts the concurrency runtime's
    /// main queue. An async `main` would park the main thread in `dispatch_main` for every command,
    /// which costs start-up time and makes the process impossible to run under valgrind 3.19 (its
    /// `rt_sigsuspend` wrapper writes into libdispatch's read-only signal mask).
    public static func main() {
        do {
            var command = try CompletionScriptCheck.parse(UncertaintyRunner.completingBareOption(Array(CommandLine.arguments.dropFirst())))
            // Asks the list before casting to the protocol: a cast to a protocol costs a scan of
            // every conformance record in the binary (about 0.4 M instructions) the first time it
            // meets a type, and most runs are synchronous.
            if asynchronousCommands.contains(where: { $0 == type(of: command) }), let asynchronous = command as? AsyncParsableCommand {
                runOnMainQueue(asynchronous)
            } else {
                try command.run()
            }
        } catch {
            exitReporting(error)
        }
    }

    /// The commands whose `run` is asynchronous: `main` runs them on the main queue.
    public static let asynchronousCommands: [ParsableCommand.Type] = [RapportCommand.self, Serve.self]

    /// Runs an async command to completion, then exits: the main thread becomes the dispatch main
    /// queue, as it would under an async `main`.
    private static func runOnMainQueue(_ command: AsyncParsableCommand) -> Never {
        nonisolated(unsafe) var command = command
        Task { @MainActor in
            do {
                try await command.run()
                Glibc.exit(0)
            } catch {
                exitReporting(error)
            }
        }
        dispatchMain()
    }

    private static func exitReporting(_ error: Error) -> Never {
        if exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data(utf8: TerminalText.safe(fullMessage(for: error)) + "\n"))
            Glibc.exit(2)
        }
        exit(withError: error)
    }
}
