import RapportModel
import RapportScenario

/// Finds the smallest headcount per therapist group that meets every target with confidence.
///
/// Every candidate roster runs with the same seed and replications (common random numbers), so
/// neighbouring rosters differ by the roster, not by luck. The search assumes more therapists
/// never make a target harder to meet: it bisects a common scale on every group first, then
/// lowers each group in turn by bisection with the others fixed. It runs O(groups · log size)
/// candidates, not every roster.
public struct HeadcountPlanner {
    /// One roster tried, and whether it met every target.
    public struct Candidate: Sendable, Equatable {
        public var counts: [Int]
        public var met: Bool
        public var metrics: [String: Summary]
        /// The run's warnings (the scenario's own, then this roster's), for the chosen roster's report.
        public var warnings: [String] = []
    }

    public var scenario: Scenario
    public var variant: Int
    public var targets: [Target]
    public var replications: Int?
    public var seed: UInt64?
    public var jobs: Int?
    /// Largest multiple of the current roster tried before giving up.
    public var maximumScale = 4.0
    /// Confidence of the interval that must lie on the right side of each target.
    public var confidence = 0.95

    public init(scenario: Scenario, variant: Int = 0, targets: [Target], replications: Int? = nil, seed: UInt64? = nil, jobs: Int? = nil) {
        self.scenario = scenario
        self.variant = variant
        self.targets = targets
        self.replications = replications
        self.seed = seed
        self.jobs = jobs
    }

    /// Every roster tried, in order, and the smallest that met the targets (nil if none did).
    public func plan() -> (frontier: [Candidate], best: [Int]?) {
        var tried: [[Int]: Candidate] = [:]
        var order: [Candidate] = []
        let base = scenario.variants[variant].config.therapistGroups.map(\.count)

        func evaluate(_ counts: [Int]) -> Bool {
            if let known = tried[counts] { return known.met }
            var s = scenario
            var config = s.variants[variant].config
            for g in counts.indices { config.therapistGroups[g].count = counts[g] }
            s.variants = [.init(name: s.variants[variant].name, config: config)]
            let result = Experiment(scenario: s, replications: replications, seed: seed, jobs: jobs).run()
            let metrics = result.variants[0].metrics
            let candidate = Candidate(counts: counts, met: targets.allSatisfy { $0.isMet(by: metrics[$0.metric], confidence: confidence) },
                                      metrics: metrics, warnings: result.warnings + result.variants[0].warnings)
            tried[counts] = candidate
            order.append(candidate)
            return candidate.met
        }
        func scaled(_ m: Double) -> [Int] { base.map { $0 == 0 ? 0 : max(1, Int((Double($0) * m).rounded(.up))) } }

        // Stage 1: a common scale, doubled until the targets are met, then bisected.
        var high = 1.0
        while !evaluate(scaled(high)) {
            high *= 2
            if high > maximumScale { return (order, nil) }
        }
        var low = high == 1 ? 0.0 : high / 2
        while scaled(low) != scaled(high), (high - low) > 0.01 {
            let mid = (low + high) / 2
            if evaluate(scaled(mid)) { high = mid } else { low = mid }
        }
        var best = scaled(high)
        // Stage 2: each group lowered alone, by bisection on its count.
        for g in best.indices where best[g] > 0 {
            var lo = 0, hi = best[g]
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                var counts = best
                counts[g] = mid
                if counts.reduce(0, +) > 0, evaluate(counts) { hi = mid } else { lo = mid }
            }
            best[g] = hi
        }
        return (order, best)
    }
}
