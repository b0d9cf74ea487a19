import RapportModel
import RapportScenario

/// One-at-a-time sensitivity: each uncertain parameter moved down and up by a fraction, with
/// common random numbers, and the chosen metric's response ranked by size. The data for a
/// tornado chart.
public struct SensitivityAnalysis {
    /// A parameter that can be moved, by the name reports show.
    public struct Parameter: Sendable {
        public var name: String
        public var keyPath: WritableKeyPath<ModelConfig, Double> & Sendable
    }

    /// The model's assumptions that no study pins down, plus the demand they act on: the
    /// registry `UncertainParameter.all`.
    public static let uncertain: [Parameter] = UncertainParameter.all.map {
        Parameter(name: $0.name, keyPath: $0.keyPath)
    }

    public var scenario: Scenario
    public var variant: Int
    public var metric: String
    public var change: Double
    public var parameters: [Parameter]
    public var replications: Int?
    public var seed: UInt64?
    public var jobs: Int?

    public init(scenario: Scenario, variant: Int = 0, metric: String, change: Double = 0.2, parameters: [Parameter] = uncertain,
                replications: Int? = nil, seed: UInt64? = nil, jobs: Int? = nil) {
        self.scenario = scenario
        self.variant = variant
        self.metric = metric
        self.change = change
        self.parameters = parameters
        self.replications = replications
        self.seed = seed
        self.jobs = jobs
    }

    /// Runs the baseline and 2 × parameters variants in one experiment (so they share streams)
    /// and returns the baseline's full result with the sensitivity section filled in.
    public func run() -> RunResult {
        let base = scenario.variants[variant]
        var s = scenario
        s.variants = [base]
        for p in parameters {
            for (suffix, factor) in [("low", 1 - change), ("high", 1 + change)] {
                var config = base.config
                config[keyPath: p.keyPath] *= factor
                s.variants.append(.init(name: "\(p.name) \(suffix)", config: config))
            }
        }
        let all = Experiment(scenario: s, replications: replications, seed: seed, jobs: jobs).run()
        let baseline = all.variants[0].metrics[metric] ?? Summary(values: [])
        var entries: [SensitivityResult.Entry] = []
        for (i, p) in parameters.enumerated() {
            let low = all.variants[1 + 2 * i].metrics[metric] ?? Summary(values: [])
            let high = all.variants[2 + 2 * i].metrics[metric] ?? Summary(values: [])
            entries.append(.init(parameter: p.name, low: low, high: high))
        }
        entries.sort { $0.swing != $1.swing ? $0.swing > $1.swing : $0.parameter < $1.parameter }
        var result = all
        result.variants = [all.variants[0]]
        result.comparisons = []
        result.assumptions = all.assumptions.filter { $0.variant == base.name }
        result.sensitivity = SensitivityResult(metric: metric, variant: base.name, change: change, baseline: baseline, entries: entries)
        return result
    }
}
