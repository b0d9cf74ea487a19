import ArgumentParser
import Foundation
import RapportExperiment
import RapportScenario

/// The `rapport` command and its subcommands.
public struct RapportCommand: ParsableCommand {
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
    /// Synchronous, and every command is: `rapport serve` hands over to `rapport-server`. An async
    /// `main` would park the main thread in `dispatch_main`, which costs start-up time and makes
    /// the process impossible to run under valgrind 3.19 (its `rt_sigsuspend` wrapper writes into
    /// libdispatch's read-only signal mask).
    public static func main() {
        do {
            var command = try CompletionScriptCheck.parse(UncertaintyRunner.completingBareOption(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            exitReporting(error)
        }
    }

    /// Exits with `error`'s message and code, a usage error with 2 (see `main`).
    public static func exitReporting(_ error: Error) -> Never {
        if exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data(utf8: TerminalText.safe(fullMessage(for: error)) + "\n"))
            Glibc.exit(2)
        }
        exit(withError: error)
    }
}
