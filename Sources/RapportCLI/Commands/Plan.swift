import ArgumentParser
import Foundation
import RapportExperiment
import RapportReport
import RapportModel
import RapportScenario

/// `rapport plan FILE --target …`: the smallest headcount that meets every target.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Find the smallest headcount per therapist group that meets every target with 95% confidence.",
        discussion: "Example: rapport plan scenarios/baseline.yaml --target 'wait_days_p90<=14' --target 'burnout_risk_share<=0.10'")

    @OptionGroup var scenario: ScenarioOptions
    @Option(help: ArgumentHelp("A target: metric<=value or metric>=value (repeatable).", valueName: "target"))
    var target: [String] = []
    @Option(help: "The variant to plan for (default: the first).")
    var variant: String?
    @Option(help: "Confidence with which each target must be met: its two-sided interval must clear the bound.")
    var confidence: Double = 0.95
    @OptionGroup var runOptions: RunOptions
    @Option(name: .shortAndLong, help: "Write the frontier as JSON here (atomically).")
    var output: String?

    func validate() throws {
        guard confidence > 0.5, confidence < 1 else { throw ValidationError("--confidence must be between 0.5 and 1, found \(confidence)") }
        guard !target.isEmpty else { throw ValidationError("give at least one --target, such as 'wait_days_p90<=14'") }
        for t in target {
            guard let parsed = Target(t) else {
                throw ValidationError("--target expects metric<=value or metric>=value (the value may be a percentage, as in burnout_risk_share<=10%), found '\(t)'")
            }
            try MetricOption.check(parsed.metric, flag: "--target")
        }
    }

    func run() throws {
        let loaded = try scenario.load()
        let targets = target.compactMap(Target.init)
        let index = try variant.map { name in
            guard let i = loaded.variants.firstIndex(where: { $0.name == name }) else {
                Terminal.error("error: no variant named '\(name)'; the scenario has \(loaded.variants.map(\.name).joined(separator: ", "))")
                throw ExitCode(2)
            }
            return i
        } ?? 0
        var planner = HeadcountPlanner(scenario: loaded, variant: index, targets: targets,
                                       replications: runOptions.replications, seed: runOptions.seed, jobs: runOptions.jobs)
        planner.confidence = confidence
        let (frontier, best) = planner.plan()
        let config = loaded.variants[index].config
        let chosen = best.flatMap { b in frontier.first { $0.counts == b } }
        var warnings = chosen?.warnings.map { "chosen roster: \($0)" } ?? []
        if chosen == nil, let largest = frontier.max(by: { $0.counts.reduce(0, +) < $1.counts.reduce(0, +) }) {
            warnings = largest.warnings.map { "largest roster tried: \($0)" }
        }
        let plan = PlanResult(scenario: loaded.name, file: scenario.file, variant: loaded.variants[index].name,
                              seed: runOptions.seed ?? loaded.seed, replications: runOptions.replications ?? loaded.replications,
                              confidence: confidence, targets: targets, groups: config.therapistGroups.map(\.name),
                              current: config.therapistGroups.map(\.count), candidates: frontier, best: best, warnings: warnings)
        try Output.print(PlanReport.text(plan))
        if let output { try Output.write(plan.json().rendered(), to: output) }
        if best == nil { throw ExitCode(1) }
    }
}

/// `rapport sensitivity FILE`: the tornado-chart data for the model's uncertain assumptions.
struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Move each uncertain parameter down and up and rank its effect on a metric.",
        discussion: "Example: rapport sensitivity scenarios/quota-vs-thresholds.yaml --variant fixed-quota --metric burnout_risk_share --format html --output reports/sensitivity.html")

    @OptionGroup var scenario: ScenarioOptions
    @Option(help: "The metric to explain.")
    var metric: String = "burnout_risk_share"
    @Option(help: "How far to move each parameter, as a fraction.")
    var change: Double = 0.2
    @Option(help: ArgumentHelp("Only these parameters (repeatable); default: every uncertain one.", valueName: "name"))
    var parameter: [String] = []
    @Option(help: "The variant to analyse (default: the first).")
    var variant: String?
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard change > 0, change < 1 else { throw ValidationError("--change must be between 0 and 1, found \(change)") }
        let known = SensitivityAnalysis.uncertain.map(\.name)
        for p in parameter where !known.contains(p) {
            throw ValidationError("unknown parameter '\(p)'; choose from \(known.joined(separator: ", "))")
        }
        try MetricOption.check(metric, flag: "--metric")
    }

    func run() throws {
        let loaded = try scenario.load()
        let index = loaded.variants.firstIndex { $0.name == variant } ?? 0
        if let variant, loaded.variants[index].name != variant {
            Terminal.error("error: no variant named '\(variant)'")
            throw ExitCode(2)
        }
        let chosen = parameter.isEmpty ? SensitivityAnalysis.uncertain : SensitivityAnalysis.uncertain.filter { parameter.contains($0.name) }
        let analysis = SensitivityAnalysis(scenario: loaded, variant: index, metric: metric, change: change, parameters: chosen,
                                           replications: runOptions.replications, seed: runOptions.seed, jobs: runOptions.jobs)
        let result = analysis.run()
        if output.format == .text, output.output == nil, let s = result.sensitivity {
            var rows: [[String]] = [["parameter", "−\(Int(change * 100))%", "+\(Int(change * 100))%", "swing"]]
            for e in s.entries {
                rows.append([e.parameter, MetricFormatting.summary(e.low, metric: metric), MetricFormatting.summary(e.high, metric: metric),
                             MetricFormatting.value(e.swing, metric: metric)])
            }
            try Output.print("\(metric) in \(s.variant): baseline \(MetricFormatting.summary(s.baseline, metric: metric))\n" + PlainTable.render(rows))
            return
        }
        try ReportWriter.write(result, format: output.format, to: output.output, table: output.table)
    }
}
