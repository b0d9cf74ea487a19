import ArgumentParser
import Foundation
import RapportExperiment
import RapportReport
import RapportScenario

/// `rapport check`: re-run scenarios and fail when results drift from committed baselines.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-run scenarios and compare every metric with a committed baseline.",
        discussion: """
        Exit codes: 0 nothing drifted, 1 something drifted, 2 the check could not run.
        With no scenario files, checks every baseline in the baseline folder.
        Examples:
          rapport check --baseline reports/baselines
          rapport check scenarios/baseline.yaml --baseline reports/baselines --update --replications 4
        """)

    @Argument(help: "Scenario files (default: every scenario that has a baseline).")
    var scenarios: [String] = []

    @Option(help: "The folder holding baselines.")
    var baseline: String = "reports/baselines"

    @Flag(help: "Write or refresh the baselines instead of checking.")
    var update = false

    @Flag(help: "Demand byte-identical replication values (same binary and platform).")
    var exact = false

    @Option(help: "Family-wise significance level of the statistical test, across every metric of every scenario checked.")
    var alpha: Double = 0.05

    @Option(help: ArgumentHelp("Judge a metric by relative tolerance: --tolerance wait_days_mean=0.05 (repeatable).", valueName: "metric=fraction"))
    var tolerance: [String] = []

    @Option(help: "Replications when writing a baseline (default: the scenario's).")
    var replications: Int?

    @Option(help: "Run with this seed instead of the baseline's (to see noise alone).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    @Option(help: "Write JUnit XML here.")
    var junit: String?

    @Option(help: "Write a Markdown summary here.")
    var markdown: String?

    func validate() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1, found \(alpha)") }
        for t in tolerance {
            let parts = t.split(separator: "=")
            guard parts.count == 2, let v = Double(parts[1]), v >= 0, v.isFinite else {
                throw ValidationError("--tolerance expects metric=fraction with a finite fraction >= 0, such as wait_days_mean=0.05; found '\(t)'")
            }
            try MetricOption.check(String(parts[0]), flag: "--tolerance")
        }
        try SeedOption.check(seed)
        if let r = replications, r < 1 || r > ScenarioLimits.maxReplications {
            throw ValidationError("--replications must be from 1 to \(ScenarioLimits.maxReplications), found \(r)")
        }
    }

    func run() throws {
        if update {
            guard !scenarios.isEmpty else { throw ValidationError("--update needs the scenario files to write baselines for") }
            for file in scenarios {
                let scenario = try CLIScenario.load(file)
                let result = Experiment(scenario: scenario, replications: replications, seed: seed, jobs: jobs).run()
                let path = BaselineFiles.path(for: file, in: baseline)
                try Output.write(Baseline(result: result).json().rendered(), to: path)
            }
            return
        }
        let targets = try checkTargets()
        var comparisons: [DriftCheck.Comparison] = []
        // A metric given twice takes its last value, as repeated flags do elsewhere.
        let flagTolerances = Dictionary(tolerance.map { t -> (String, Double) in
            let parts = t.split(separator: "=")
            return (String(parts[0]), Double(parts[1]) ?? 0)
        }, uniquingKeysWith: { _, last in last })
        for (file, base) in targets {
            let scenario = try CLIScenario.load(file, showWarnings: false)
            let names = scenario.variants.map(\.name), baseNames = base.values.map(\.variant)
            guard base.scenario == scenario.name, Set(baseNames) == Set(names) else {
                Terminal.error("error: the baseline for \(file) was written for scenario '\(base.scenario)' (variants \(baseNames.joined(separator: ", "))), but \(file) is '\(scenario.name)' (variants \(names.joined(separator: ", "))); write its baseline again with --update")
                throw ExitCode(2)
            }
            let result = Experiment(scenario: scenario, replications: base.replications, seed: seed ?? base.seed, jobs: jobs).run()
            let tolerances = scenario.checkTolerances.merging(flagTolerances) { _, flag in flag }
            comparisons.append(DriftCheck.Comparison(baseline: base, result: result, tolerances: tolerances))
        }
        // One family for every scenario checked: α bounds the chance that this check flags anything.
        let findings = DriftCheck(mode: exact ? .exact : .statistical(alpha: alpha)).compare(comparisons)
        guard !findings.isEmpty else {
            Terminal.error("error: the baselines hold no metrics to compare; write them again with --update")
            throw ExitCode(2)
        }
        try Output.print(CheckReport.table(findings))
        if let junit { try Output.write(CheckReport.junit(findings), to: junit, announce: false) }
        if let markdown { try Output.write(CheckReport.markdown(findings), to: markdown, announce: false) }
        if findings.contains(where: \.drifted) { throw ExitCode(1) }
    }

    /// Scenario files paired with their baselines.
    private func checkTargets() throws -> [(String, Baseline)] {
        var files = scenarios
        if files.isEmpty {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: baseline)) ?? []
            let baselines = names.filter { $0.hasSuffix(".json") }.sorted()
            guard !baselines.isEmpty else {
                Terminal.error("error: no baselines in \(baseline); write them with --update")
                throw ExitCode(2)
            }
            files = try baselines.map { try BaselineFiles.read((baseline as NSString).appendingPathComponent($0)).file }
        }
        return try files.map { file in
            let path = BaselineFiles.path(for: file, in: baseline)
            guard FileManager.default.fileExists(atPath: path) else {
                Terminal.error("error: \(file) has no baseline at \(path); write one with --update")
                throw ExitCode(2)
            }
            return (file, try BaselineFiles.read(path))
        }
    }
}

/// Where baselines live and how they are read.
enum BaselineFiles {
    /// `scenarios/validation/erlang-c.yaml` → `DIR/validation-erlang-c.json`.
    static func path(for scenario: String, in folder: String) -> String {
        var parts = scenario.split(separator: "/").map(String.init)
        if let i = parts.lastIndex(of: "scenarios") { parts = Array(parts[(i + 1)...]) } else { parts = [parts.last ?? scenario] }
        let name = parts.joined(separator: "-").replacingOccurrences(of: ".yaml", with: "").replacingOccurrences(of: ".yml", with: "")
        return (folder as NSString).appendingPathComponent(name + ".json")
    }

    static func read(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            Terminal.error("error: cannot read \(path)")
            throw ExitCode(2)
        }
        do {
            return try Baseline(json: JSONValue.parse(String(decoding: data, as: UTF8.self)))
        } catch {
            Terminal.error("\(path): error: \(error)")
            throw ExitCode(2)
        }
    }
}
