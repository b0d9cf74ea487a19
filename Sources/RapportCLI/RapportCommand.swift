import ArgumentParser
import RapportExperiment

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
        subcommands: [Run.self, Validate.self, Report.self, Compare.self, Sweep.self, Merge.self, Plan.self, Sensitivity.self, Check.self, Serve.self],
        defaultSubcommand: nil
    )

    public init() {}
}
