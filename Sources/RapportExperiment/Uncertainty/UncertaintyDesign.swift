import RapportModel
import RapportRandom
import RapportScenario

/// What a probabilistic sensitivity analysis draws: for each outer draw, one value of each
/// uncertain parameter (one plausible world), and the seed its inner replications use.
///
/// - With `priors:`, each named parameter is drawn from its distribution, truncated to the
///   parameter's feasible range (a draw outside it is drawn again).
/// - With `samples:` (from `rapport calibrate`), draw d takes sample d mod count, in turn.
/// - With neither, every registry parameter is drawn uniformly over its plausible range, and
///   demand (`clients.arrivals.rate`) is multiplied by a factor uniform in ±20% around each
///   variant's own rate.
///
/// Each parameter has its own named stream seeded from (seed, draw, parameter name), so a draw's
/// values do not depend on the number of jobs, the shard, or which other parameters are drawn.
/// Every variant of a draw sees the same values, except a parameter a variant sets itself (such
/// as exact thresholds setting the optimism to 0): that setting is what the variant compares, so
/// it is kept.
public struct UncertaintyDesign: Sendable {
    /// Where one parameter's values come from.
    public enum Source: Sendable {
        case prior(Distribution, text: String)
        case samples
        case plausibleRange
        /// A multiplier on each variant's own value, uniform between the bounds.
        case relative(low: Double, high: Double)

        /// In words, for reports.
        public var words: String {
            switch self {
            case .prior(_, let text): return text
            case .samples: return "calibrated samples, in turn"
            case .plausibleRange: return "uniform over its plausible range"
            case .relative(let low, let high): return "each variant's own value × uniform(\(JSONValue.format(low)), \(JSONValue.format(high)))"
            }
        }
    }

    public struct Parameter: Sendable {
        public var registry: UncertainParameter
        public var source: Source
        public var name: String { registry.name }
    }

    /// The demand factor when demand is drawn by default: ±20% around each variant's own rate.
    public static let defaultDemandChange = 0.2
    /// Outer draws when neither `--uncertainty N` nor `draws:` gives a number.
    public static let defaultDraws = 50

    public var scenario: Scenario
    public var draws: Int
    /// Inner replications of every variant in each draw.
    public var replications: Int
    public var seed: UInt64
    public var parameters: [Parameter]
    public var samples: [UncertaintySpec.Sample]
    /// Parameters a variant sets itself and so keeps in every draw: (variant, parameter).
    public var kept: [(variant: String, parameter: String)]

    /// Why a design cannot run.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The design for `scenario` with `draws` outer draws (default: its `draws:`, else 50) and
    /// `replications` inner replications (default: its `uncertainty.replications`, else its
    /// `replications`). Impossible settings are refused here, before anything runs.
    public init(scenario: Scenario, draws: Int? = nil, replications: Int? = nil, seed: UInt64? = nil) throws {
        let spec = scenario.uncertainty ?? UncertaintySpec()
        self.scenario = scenario
        self.draws = draws ?? spec.draws ?? Self.defaultDraws
        self.replications = replications ?? spec.replications ?? scenario.replications
        self.seed = seed ?? scenario.seed
        samples = spec.samples
        guard (1...ScenarioLimits.maxUncertaintyDraws).contains(self.draws) else {
            throw Problem(description: "--uncertainty must be from 1 to \(ScenarioLimits.maxUncertaintyDraws) draws, found \(self.draws)")
        }
        guard (1...ScenarioLimits.maxReplications).contains(self.replications) else {
            throw Problem(description: "inner replications must be from 1 to \(ScenarioLimits.maxReplications), found \(self.replications)")
        }
        guard scenario.variants.count >= 2 else {
            throw Problem(description: "\(scenario.file) has one variant; an uncertainty analysis compares policies, so add variants: (the first is the reference)")
        }
        if self.draws < 2 && spec.samples.isEmpty {
            throw Problem(description: "one draw is one world; --uncertainty needs at least 2 draws to say how often a policy is better")
        }
        var parameters: [Parameter] = []
        let sampled = Set(spec.samples.flatMap { $0.map(\.parameter) })
        if spec.priors.isEmpty && spec.samples.isEmpty {
            for registry in UncertainParameter.all {
                let bounded = registry.high.isFinite && registry.low.isFinite
                parameters.append(Parameter(registry: registry, source: bounded ? .plausibleRange
                    : .relative(low: 1 - Self.defaultDemandChange, high: 1 + Self.defaultDemandChange)))
            }
        } else {
            for registry in UncertainParameter.all {
                if let prior = spec.priors.first(where: { $0.parameter == registry.name }) {
                    parameters.append(Parameter(registry: registry, source: .prior(prior.distribution, text: prior.text)))
                } else if sampled.contains(registry.name) {
                    parameters.append(Parameter(registry: registry, source: .samples))
                }
            }
        }
        self.parameters = parameters
        var kept: [(variant: String, parameter: String)] = []
        if let base = scenario.baseConfig {
            for variant in scenario.variants {
                for p in parameters where Self.setsItself(variant.config, base: base, p) {
                    kept.append((variant.name, p.name))
                }
            }
        }
        self.kept = kept
    }

    /// Whether `config` sets the parameter to something other than the base does.
    static func setsItself(_ config: ModelConfig, base: ModelConfig, _ p: Parameter) -> Bool {
        if case .relative = p.source { return false }
        return config[keyPath: p.registry.keyPath] != base[keyPath: p.registry.keyPath]
    }

    /// The parameter values of draw `draw`, in registry order (a relative source gives its factor).
    public func values(draw: Int) -> [(parameter: String, value: Double)] {
        let sample = samples.isEmpty ? [] : samples[draw % samples.count]
        return parameters.compactMap { p in
            switch p.source {
            case .samples:
                guard let value = sample.first(where: { $0.parameter == p.name })?.value else { return nil }
                return (p.name, value)
            case .prior(let distribution, _):
                let stream = stream(p.name, draw: draw)
                // Truncated to the feasible range by drawing again; the decoder refused priors
                // centred outside it, so this ends quickly. The cap only guards a pathological
                // prior, which is then clamped.
                for _ in 0..<10_000 {
                    let x = distribution.sample(stream)
                    if p.registry.feasible.contains(x) { return (p.name, x) }
                }
                return (p.name, min(max(distribution.mean, p.registry.feasible.lowerBound), p.registry.feasible.upperBound))
            case .plausibleRange:
                return (p.name, stream(p.name, draw: draw).uniform(p.registry.low, p.registry.high))
            case .relative(let low, let high):
                return (p.name, stream(p.name, draw: draw).uniform(low, high))
            }
        }
    }

    /// The stream of parameter `name` in draw `draw`.
    private func stream(_ name: String, draw: Int) -> RandomStream {
        RandomStream(seed: seed, replication: draw, name: "uncertainty:" + name)
    }

    /// The master seed of draw `draw`'s inner replications: every variant of the draw uses it
    /// (common random numbers), and each draw has its own, at most 2^53 − 1 so a result stores it
    /// exactly and `rapport run --seed` can repeat one world.
    public func innerSeed(draw: Int) -> UInt64 {
        StreamSeed.derive(seed: seed, replication: draw, name: "uncertainty-replications") & ScenarioLimits.maxSeed
    }

    /// The scenario of draw `draw`: every variant with the draw's values laid on.
    public func scenario(draw: Int) -> Scenario {
        let values = values(draw: draw)
        var s = scenario
        for i in s.variants.indices {
            var config = s.variants[i].config
            for (name, value) in values {
                guard let p = parameters.first(where: { $0.name == name }) else { continue }
                if case .relative = p.source {
                    config[keyPath: p.registry.keyPath] *= value
                } else if let base = scenario.baseConfig, Self.setsItself(config, base: base, p) {
                    continue
                } else {
                    config[keyPath: p.registry.keyPath] = value
                }
            }
            s.variants[i].config = config
        }
        return s
    }
}
