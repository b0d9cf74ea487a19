import ArgumentParser
import Foundation
import RapportExperiment
import RapportScenario

/// The `rapport` command and its subcommands.
public struct RapportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
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
    /// Async because `rapport serve` is; every other command runs synchronously as before.
    public static func main() async {
        do {
            var command = try parseAsRoot(UncertaintyRunner.completingBareOption(Array(CommandLine.arguments.dropFirst())))
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((TerminalText.safe(fullMessage(for: error)) + "\n").utf8))
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
