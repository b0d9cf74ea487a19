import ArgumentParser
import Foundation
import RapportExperiment
import RapportReport
import RapportScenario

/// `rapport compare A.yaml B.yaml`: two scenario files compared like two variants.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two scenario files with paired replications (common random numbers).",
        discussion: "Each file's first variant is run with the same seed and replications; the table shows B − A with a paired-t 95% interval.")

    @Argument(help: "The reference scenario.")
    var first: String
    @Argument(help: "The scenario compared with it.")
    var second: String

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let a = try CLIScenario.load(first), b = try CLIScenario.load(second)
        var combined = a
        let nameA = a.variants[0].name == "base" ? (first as NSString).lastPathComponent : a.variants[0].name
        var nameB = b.variants[0].name == "base" ? (second as NSString).lastPathComponent : b.variants[0].name
        if nameB == nameA { nameB += " (B)" }
        combined.name = "\(a.name) vs \(b.name)"
        combined.variants = [.init(name: nameA, config: a.variants[0].config), .init(name: nameB, config: b.variants[0].config)]
        let experiment = Experiment(scenario: combined, replications: runOptions.replications, seed: runOptions.seed, jobs: runOptions.jobs)
        try ReportWriter.write(ProgressRun.run(experiment), format: output.format, to: output.output, table: output.table)
    }
}
