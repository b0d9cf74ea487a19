import RapportModel
import RapportRandom

/// The statistics of a probabilistic sensitivity analysis, over plausible worlds (outer draws):
/// how often a variant is better than the reference, how the difference is distributed, and how
/// often each variant is the best of all.
public enum Robustness {
    /// One variant against the reference on one metric, across worlds.
    public struct Comparison: Sendable, Equatable {
        public var variant: String
        public var metric: String
        /// Share of worlds where the variant is better (by the metric's direction of "better").
        public var better: Double
        /// Share of worlds where it is worse; worlds with no difference count in neither.
        public var worse: Double
        /// Share of worlds where the variant's value is higher / lower than the reference's.
        public var higher: Double
        public var lower: Double
        /// The difference (variant − reference): median and 90% range (5th to 95th percentile).
        public var median: Double
        public var low: Double
        public var high: Double
        /// Worlds where both values exist.
        public var worlds: Int
        /// Every world's difference, in draw order (NaN where a value is missing), for charts.
        public var differences: [Double]
    }

    /// How often each variant is the best on one metric.
    public struct Best: Sendable, Equatable {
        public var metric: String
        /// By variant, in variant order; ties share a world equally.
        public var shares: [Double]
        public var worlds: Int
    }

    /// Compares `variant` with `reference` world by world; nil when no world has both values or
    /// the metric has no direction of "better".
    public static func compare(variant: String, metric: String, values: [Double], reference: [Double]) -> Comparison? {
        guard let better = MetricRegistry.definition(metric)?.better, better != .neither else { return nil }
        let differences = zip(values, reference).map { $0 - $1 }
        let finite = differences.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        let n = Double(finite.count)
        let higher = Double(finite.filter { $0 > 0 }.count) / n
        let lower = Double(finite.filter { $0 < 0 }.count) / n
        return Comparison(variant: variant, metric: metric,
                          better: better == .higher ? higher : lower, worse: better == .higher ? lower : higher,
                          higher: higher, lower: lower,
                          median: SampleStatistics.quantile(finite, 0.5), low: SampleStatistics.quantile(finite, 0.05),
                          high: SampleStatistics.quantile(finite, 0.95), worlds: finite.count, differences: differences)
    }

    /// How often each variant is the best on `metric`; `values[world][variant]`. Worlds where a
    /// variant lacks the value are left out. Nil when the metric has no direction or no world counts.
    public static func best(metric: String, values: [[Double]]) -> Best? {
        guard let better = MetricRegistry.definition(metric)?.better, better != .neither, let width = values.first?.count else { return nil }
        var shares = [Double](repeating: 0, count: width)
        var worlds = 0
        for world in values where world.count == width && world.allSatisfy(\.isFinite) {
            let top = better == .higher ? world.max()! : world.min()!
            let winners = world.indices.filter { world[$0] == top }
            for w in winners { shares[w] += 1 / Double(winners.count) }
            worlds += 1
        }
        guard worlds > 0 else { return nil }
        return Best(metric: metric, shares: shares.map { $0 / Double(worlds) }, worlds: worlds)
    }
}
