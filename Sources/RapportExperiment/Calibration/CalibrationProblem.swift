import Foundation
import RapportModel
import RapportRandom
import RapportScenario

/// Everything a calibration searches: one variant of a scenario, the targets it must reproduce,
/// the parameters it may move (each over a range), and how hard it may look.
///
/// Every candidate runs with the same seed and replications (common random numbers), so two
/// candidates differ by their parameters, not by luck, and the distance to the targets is a
/// deterministic function of the parameters that Nelder–Mead can follow.
public struct CalibrationProblem: Sendable {
    /// The scenario reduced to the calibrated variant, with any `warmup: auto` already resolved.
    public private(set) var scenario: Scenario
    public var variantName: String
    public var targets: [CalibrationTarget]
    public var parameters: [CalibrationParameter]
    /// Points of the space-filling (Sobol) design.
    public var designSize: Int
    /// Most simulated candidates Nelder–Mead may add after the design.
    public var polishBudget: Int
    public var replications: Int
    public var seed: UInt64

    /// How far (as a share of each range) the identifiability profile moves each parameter.
    public static let profileStep = 0.2

    /// Checks everything before any simulation runs; throws a `CalibrationInputError` naming
    /// every problem found.
    public init(scenario: Scenario, variant: String?, targets: [CalibrationTarget], parameters: [CalibrationParameter],
                designSize: Int, polishBudget: Int, replications: Int?, seed: UInt64?, jobs: Int? = nil) throws {
        var problems: [String] = []
        let index = variant.map { name in scenario.variants.firstIndex { $0.name == name } } ?? 0
        if index == nil, let variant {
            problems.append("no variant named '\(variant)'" + Suggestions.hint(for: variant, in: scenario.variants.map(\.name),
                                                                           otherwise: "; the scenario has \(scenario.variants.map(\.name).joined(separator: ", "))"))
        }
        if targets.isEmpty { problems.append("give at least one --target, such as 'burnout_risk_share=0.40±0.05'") }
        if parameters.isEmpty { problems.append("no parameter to calibrate") }
        if parameters.count > SobolSequence.maximumDimension {
            problems.append("at most \(SobolSequence.maximumDimension) parameters can be calibrated at once, found \(parameters.count)")
        }
        for (what, names) in [("target", targets.map(\.metric)), ("parameter", parameters.map(\.name))] {
            let repeated = Set(names.filter { n in names.filter { $0 == n }.count > 1 })
            if !repeated.isEmpty { problems.append("each \(what) may be given once; repeated: \(repeated.sorted().joined(separator: ", "))") }
        }
        if designSize < 2 * parameters.count + 2 || designSize > 100_000 {
            problems.append("--budget must be from \(2 * parameters.count + 2) (two design points per parameter, plus two) to 100000, found \(designSize)")
        }
        if polishBudget < 0 || polishBudget > 100_000 { problems.append("--polish must be from 0 to 100000, found \(polishBudget)") }
        if let config = index.map({ scenario.variants[$0].config }) {
            for target in targets {
                guard let definition = MetricRegistry.definition(target.metric) else { continue }
                if definition.needsWellbeing && !config.wellbeing.enabled {
                    problems.append("target \(target.metric) needs the wellbeing model, which is off in this scenario (wellbeing: {enabled: false})")
                }
                if definition.needsClinical && !config.clinical.enabled {
                    problems.append("target \(target.metric) needs symptom scores, which are off in this scenario (outcomes: {symptoms: false})")
                }
            }
        }
        guard problems.isEmpty, let index else { throw CalibrationInputError(problems.joined(separator: "\n")) }
        var reduced = scenario
        reduced.variants = [scenario.variants[index]]
        // `warmup: auto` is settled once, by a pilot at the scenario's own values, so every
        // candidate is measured over the same period.
        let pilot = Experiment(scenario: reduced, replications: replications, seed: seed, jobs: jobs)
        self.scenario = pilot.scenario
        variantName = scenario.variants[index].name
        self.targets = targets
        self.parameters = parameters
        self.designSize = designSize
        self.polishBudget = polishBudget
        self.replications = pilot.replications
        self.seed = pilot.seed
    }

    /// The scenario's own values of the calibrated parameters.
    public var startingValues: [Double] {
        parameters.map { scenario.variants[0].config[keyPath: $0.registered.keyPath] }
    }

    /// The design's points in the unit cube: the first `designSize` points of the Sobol sequence.
    public var unitDesign: [[Double]] { SobolSequence.points(count: designSize, dimension: parameters.count) }

    /// A point of the unit cube as parameter values, rounded to four significant digits (so the
    /// values written to the calibrated scenario are exactly those simulated).
    public func values(unit: [Double]) -> [Double] {
        zip(parameters, unit).map { p, u in Self.rounded(p.low + u * (p.high - p.low)) }
    }

    /// Parameter values as a point of the unit cube.
    public func unit(values: [Double]) -> [Double] {
        zip(parameters, values).map { p, v in (v - p.low) / (p.high - p.low) }
    }

    /// The experiment that evaluates one candidate.
    public func experiment(values: [Double]) -> Experiment {
        var s = scenario
        for (p, v) in zip(parameters, values) { s.variants[0].config[keyPath: p.registered.keyPath] = v }
        return Experiment(scenario: s, replications: replications, seed: seed, jobs: 1)
    }

    /// A candidate's result reduced to what calibration needs: each target metric's values.
    public func evaluation(values: [Double], result: RunResult) -> CalibrationEvaluation {
        let metrics = result.variants.first?.metrics ?? [:]
        return CalibrationEvaluation(values: values, outputs: targets.map { metrics[$0.metric]?.values ?? [] })
    }

    /// `v` to four significant digits.
    public static func rounded(_ v: Double) -> Double {
        guard v.isFinite, v != 0 else { return v }
        return Double(String(format: "%.4g", v)) ?? v
    }
}

/// One simulated candidate: its parameter values and, per target, each replication's value.
public struct CalibrationEvaluation: Sendable, Equatable {
    public var values: [Double]
    public var outputs: [[Double]]

    public init(values: [Double], outputs: [[Double]]) {
        self.values = values
        self.outputs = outputs
    }

    /// Each target metric's mean and interval over the replications.
    public func summaries(_ targets: [CalibrationTarget]) -> [Summary] {
        zip(targets, outputs).map { target, values in
            let summary = Summary(values: values)
            return MetricRegistry.definition(target.metric).map { summary.clamped(to: $0.feasibleRange) } ?? summary
        }
    }

    /// Root-mean-square of each target's gap in tolerances: 0 is a perfect match, and a value at
    /// most 1 on every target means it reproduces them all. Infinite when a metric is undefined.
    public func distance(_ targets: [CalibrationTarget]) -> Double {
        let gaps = zip(targets, summaries(targets)).map { $0.scaledGap($1.mean) }
        guard !gaps.isEmpty, gaps.allSatisfy(\.isFinite) else { return .infinity }
        return (gaps.reduce(0) { $0 + $1 * $1 } / Double(gaps.count)).squareRoot()
    }

    /// Whether every target's mean is within its tolerance (approximate Bayesian computation's
    /// acceptance rule, a uniform kernel on each target).
    public func isAccepted(_ targets: [CalibrationTarget]) -> Bool {
        zip(targets, summaries(targets)).allSatisfy { abs($0.scaledGap($1.mean)) <= 1 }
    }

    public var json: JSONValue {
        .object([("values", .array(values.map { .number($0) })),
                 ("outputs", .array(outputs.map { .array($0.map { JSONValue.number($0) }) }))])
    }

    /// Reads `json`, checking its shape against the problem's parameters and targets.
    public init(json: JSONValue, parameters: Int, targets: Int) throws {
        guard let values = json["values"]?.array?.compactMap(\.double), values.count == parameters, values.allSatisfy(\.isFinite),
              let outputs = json["outputs"]?.array?.map({ $0.array?.compactMap(\.double) ?? [] }), outputs.count == targets else {
            throw ResultFileError("a calibration evaluation needs \(parameters) parameter values and \(targets) output lists")
        }
        self.init(values: values, outputs: outputs)
    }
}
