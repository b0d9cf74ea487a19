import RapportModel

/// Everything a run produced: one entry per variant, with summaries over replications, and
/// paired comparisons against the first (reference) variant.
public struct RunResult: Sendable, Equatable {
    /// The version of the JSON layout; bump when a field changes meaning.
    public static let schemaVersion = 1

    public var scenario: String
    public var file: String
    public var seed: UInt64
    public var replications: Int
    /// How the warm-up was chosen and what it cut, in words.
    public var warmupNote: String
    public var variants: [VariantResult]
    /// Each non-reference variant against the reference, per metric.
    public var comparisons: [PairedDifference]
    /// Assumptions that drove the run, as (parameter, value) pairs, for reports.
    public var assumptions: [Assumption]
    /// Sensitivity results, when a sensitivity analysis produced this result.
    public var sensitivity: SensitivityResult?
    /// Warnings about the scenario as a whole (demand above capacity, say), as the loader gave them.
    public var warnings: [String] = []

    public init(scenario: String, file: String, seed: UInt64, replications: Int, warmupNote: String,
                variants: [VariantResult], comparisons: [PairedDifference], assumptions: [Assumption],
                sensitivity: SensitivityResult? = nil) {
        self.scenario = scenario
        self.file = file
        self.seed = seed
        self.replications = replications
        self.warmupNote = warmupNote
        self.variants = variants
        self.comparisons = comparisons
        self.assumptions = assumptions
        self.sensitivity = sensitivity
    }

    /// The reference variant for comparisons.
    public var reference: VariantResult? { variants.first }
}

/// A parameter and its value as the report states it.
public struct Assumption: Sendable, Equatable {
    public var variant: String
    public var parameter: String
    public var value: String
    public init(variant: String, parameter: String, value: String) {
        self.variant = variant
        self.parameter = parameter
        self.value = value
    }
}

/// One variant's results.
public struct VariantResult: Sendable, Equatable {
    public var name: String
    /// Metric summaries, by name.
    public var metrics: [String: Summary]
    /// Weekly series summaries, by name.
    public var series: [String: SeriesSummary]
    /// Distributions averaged over replications, by name.
    public var distributions: [String: DistributionSummary]
    /// Warnings raised in any replication.
    public var warnings: [String]
    /// Events handled, summed over replications.
    public var events: Int

    public init(name: String, metrics: [String: Summary], series: [String: SeriesSummary],
                distributions: [String: DistributionSummary], warnings: [String], events: Int) {
        self.name = name
        self.metrics = metrics
        self.series = series
        self.distributions = distributions
        self.warnings = warnings
        self.events = events
    }

    /// Metric names in catalogue order, then any others alphabetically.
    public var metricNames: [String] {
        let known = MetricRegistry.names.filter { metrics[$0] != nil }
        return known + metrics.keys.filter { !MetricRegistry.names.contains($0) }.sorted()
    }
}

/// A weekly series across replications: the mean and a 95% band for each week.
public struct SeriesSummary: Sendable, Equatable {
    public var mean: [Double]
    public var low: [Double]
    public var high: [Double]
    public init(mean: [Double], low: [Double], high: [Double]) {
        self.mean = mean
        self.low = low
        self.high = high
    }
}

/// A distribution averaged over replications: bin edges (or x positions) and values.
public struct DistributionSummary: Sendable, Equatable {
    public var edges: [Double]
    public var values: [Double]
    public init(edges: [Double], values: [Double]) {
        self.edges = edges
        self.values = values
    }
}

/// One-at-a-time sensitivity: each parameter moved down and up, and the metric's response.
public struct SensitivityResult: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var parameter: String
        public var low: Summary
        public var high: Summary
        public init(parameter: String, low: Summary, high: Summary) {
            self.parameter = parameter
            self.low = low
            self.high = high
        }
        /// The size of the metric's response, for ranking.
        public var swing: Double { abs(high.mean - low.mean) }
    }
    public var metric: String
    public var variant: String
    /// How far each parameter was moved, as a fraction (0.2 = ±20%).
    public var change: Double
    public var baseline: Summary
    public var entries: [Entry]
    public init(metric: String, variant: String, change: Double, baseline: Summary, entries: [Entry]) {
        self.metric = metric
        self.variant = variant
        self.change = change
        self.baseline = baseline
        self.entries = entries
    }
}
