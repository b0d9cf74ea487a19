import Foundation
import RapportModel

/// What a calibration found: the point estimate, each target against what the calibrated model
/// gives, the accepted parameter sets, and which parameters the targets could not pin down.
///
/// Everything derived (checks, accepted set, verdicts) is computed from the simulated candidates,
/// so a result read back from JSON is identical to the one written.
public struct CalibrationResult: Sendable, Equatable {
    /// One target against the calibrated model's replications.
    public struct Check: Sendable, Equatable {
        public var target: CalibrationTarget
        /// The calibrated point's mean and 95% interval.
        public var calibrated: Summary
        /// How many tolerances the mean is from the target (signed).
        public var gap: Double
        public var isMet: Bool { abs(gap) <= 1 }
    }

    /// How well the targets determine one parameter.
    public struct Verdict: Sendable, Equatable {
        public enum Level: String, Sendable {
            case pinned = "pinned down"
            case weak = "weakly pinned down"
            case loose = "not pinned down"
            /// It moves the targets, but too few sets were accepted to say how tightly they hold it.
            case unclear = "unclear (too few accepted sets)"
        }
        public var parameter: CalibrationParameter
        public var fitted: Double
        /// The accepted set's smallest and largest value (nil with fewer than three accepted).
        public var acceptedRange: ClosedRange<Double>?
        /// The accepted range as a share of the searched range.
        public var acceptedShare: Double?
        /// The most any target moves, in tolerances, across the parameter's whole searched range
        /// (extrapolated from the profile around the point estimate).
        public var reach: Double
        public var level: Level
        /// Why, in words.
        public var reason: String
    }

    public var scenario: String
    public var file: String
    public var variant: String
    public var seed: UInt64
    public var replications: Int
    public var designSize: Int
    public var polishBudget: Int
    public var targets: [CalibrationTarget]
    public var parameters: [CalibrationParameter]
    /// The design's candidates, in design order.
    public var design: [CalibrationEvaluation]
    /// The candidates Nelder–Mead asked for, in order (a candidate asked for twice appears twice).
    public var trace: [CalibrationEvaluation]
    /// The point estimate: the candidate nearest the targets.
    public var best: CalibrationEvaluation
    /// The profile: each parameter moved down and up from the point estimate, in that order.
    public var profile: [CalibrationEvaluation]
    public var polishConverged: Bool
    /// Simulated replication runs the search took (distinct candidates × replications).
    public var simulatedRuns: Int

    /// Fewest accepted sets from which a parameter's accepted range is judged.
    public static let minimumAccepted = 10
    /// An accepted range covering at least this share of the searched range pins a parameter only weakly.
    public static let looseShare = 0.6

    public init(problem: CalibrationProblem, design: [CalibrationEvaluation], trace: [CalibrationEvaluation], best: CalibrationEvaluation,
                profile: [CalibrationEvaluation], polishConverged: Bool, simulatedRuns: Int) {
        self.init(scenario: problem.scenario.name, file: problem.scenario.file, variant: problem.variantName, seed: problem.seed,
                  replications: problem.replications, designSize: problem.designSize, polishBudget: problem.polishBudget,
                  targets: problem.targets, parameters: problem.parameters, design: design, trace: trace, best: best, profile: profile,
                  polishConverged: polishConverged, simulatedRuns: simulatedRuns)
    }

    public init(scenario: String, file: String, variant: String, seed: UInt64, replications: Int, designSize: Int, polishBudget: Int,
                targets: [CalibrationTarget], parameters: [CalibrationParameter], design: [CalibrationEvaluation],
                trace: [CalibrationEvaluation], best: CalibrationEvaluation, profile: [CalibrationEvaluation],
                polishConverged: Bool, simulatedRuns: Int) {
        self.scenario = scenario
        self.file = file
        self.variant = variant
        self.seed = seed
        self.replications = replications
        self.designSize = designSize
        self.polishBudget = polishBudget
        self.targets = targets
        self.parameters = parameters
        self.design = design
        self.trace = trace
        self.best = best
        self.profile = profile
        self.polishConverged = polishConverged
        self.simulatedRuns = simulatedRuns
    }

    /// The fitted values, in parameter order.
    public var fitted: [Double] { best.values }

    /// Indices of the design's accepted candidates (every target within its tolerance).
    public var accepted: [Int] { design.indices.filter { design[$0].isAccepted(targets) } }

    /// Each target against the calibrated point.
    public var checks: [Check] {
        zip(targets, best.summaries(targets)).map { Check(target: $0, calibrated: $1, gap: $0.scaledGap($1.mean)) }
    }

    /// Distinct candidates simulated.
    public var evaluations: Int { simulatedRuns / max(1, replications) }

    /// How far a target moved between the profile's two points, beyond what their replications
    /// cannot tell from noise: the mean of the replication-by-replication differences (they share
    /// random numbers) less its 95% Student-t half-width, and never below zero. On a small
    /// platform a share such as burnout moves in steps of one therapist, and a single therapist
    /// crossing the threshold in one replication would otherwise read as the parameter moving the
    /// target by a tolerance or more. With fewer than two replications, the plain difference.
    public static func moveBeyondNoise(from down: [Double], to up: [Double]) -> Double {
        let n = min(down.count, up.count)
        let differences = (0..<n).map { up[$0] - down[$0] }
        let mean = differences.reduce(0, +) / Double(max(n, 1))
        guard n >= 2 else { return abs(mean) }
        let beyond = abs(mean) - Summary.halfWidth(differences, mean: mean)
        // An undefined metric stays undefined (the caller reads that as moving without bound).
        return beyond.isNaN ? .nan : max(0, beyond)
    }

    /// Identifiability, parameter by parameter.
    public var verdicts: [Verdict] {
        let acceptedSets = accepted.map { design[$0].values }
        return parameters.enumerated().map { p, parameter in
            let span = parameter.high - parameter.low
            var range: ClosedRange<Double>?
            var share: Double?
            if acceptedSets.count >= Self.minimumAccepted {
                let values = acceptedSets.map { $0[p] }
                range = values.min()!...values.max()!
                share = (range!.upperBound - range!.lowerBound) / span
            }
            var reach = 0.0
            if profile.count == 2 * parameters.count {
                let down = profile[2 * p], up = profile[2 * p + 1]
                let moved = (up.values[p] - down.values[p]) / span
                if moved > 0 {
                    for (k, target) in targets.enumerated() {
                        let change = Self.moveBeyondNoise(from: down.outputs[k], to: up.outputs[k]) / target.tolerance / moved
                        reach = max(reach, change.isFinite ? change : .infinity)
                    }
                }
            }
            let level: Verdict.Level
            let reason: String
            let reachText = String(format: "%.2g", reach)
            if reach < 1 {
                level = .loose
                reason = "across its whole range it would move no target by more than its tolerance (at most \(reachText) tolerances)"
            } else if share == nil {
                level = .unclear
                reason = "the targets move \(reachText) tolerances across its range, but only \(acceptedSets.count) set\(acceptedSets.count == 1 ? " was" : "s were") accepted, too few (under \(Self.minimumAccepted)) to judge how tightly they hold it; raise --budget or widen the tolerances"
            } else if let share, share >= Self.looseShare {
                level = .weak
                reason = "accepted values span \(Int((share * 100).rounded()))% of its range, though the targets move \(reachText) tolerances across it"
            } else {
                level = .pinned
                reason = "accepted values span \(Int(((share ?? 0) * 100).rounded()))% of its range; the targets move \(reachText) tolerances across it"
            }
            return Verdict(parameter: parameter, fitted: best.values[p], acceptedRange: range, acceptedShare: share,
                           reach: reach, level: level, reason: reason)
        }
    }

    /// Parameters that move the targets, when there are more of them than targets: they trade off
    /// against each other, so no single fitted value among them is determined on its own.
    public var tradeOffNote: String? {
        let moving = verdicts.filter { $0.level != .loose }.map(\.parameter.name)
        guard moving.count > targets.count else { return nil }
        return "\(moving.count) parameters move the targets but there \(targets.count == 1 ? "is 1 target" : "are \(targets.count) targets"): they trade off against each other, so the accepted sets, not the single fitted point, say what the observations allow"
    }

    // MARK: JSON

    public static let kind = ResultKind.calibration.rawValue

    public func json() -> JSONValue {
        let verdicts = self.verdicts
        let accepted = self.accepted
        return .object([
            ("kind", .string(Self.kind)),
            ("calibration_version", .number(1)),
            ("scenario", .string(scenario)),
            ("file", .string(file)),
            ("variant", .string(variant)),
            ("seed", .number(Double(seed))),
            ("replications", .number(Double(replications))),
            ("method", .string("Sobol design of \(designSize), approximate Bayesian computation (rejection), GSL nmsimplex2 polish of at most \(polishBudget)")),
            ("design_size", .number(Double(designSize))),
            ("polish_budget", .number(Double(polishBudget))),
            ("evaluations", .number(Double(evaluations))),
            ("simulated_runs", .number(Double(simulatedRuns))),
            ("polish_converged", .bool(polishConverged)),
            ("targets", .array(checks.map { c in
                .object([("metric", .string(c.target.metric)), ("value", .number(c.target.value)), ("tolerance", .number(c.target.tolerance)),
                         ("calibrated", c.calibrated.json()), ("gap_in_tolerances", .finite(c.gap)), ("met", .bool(c.isMet))])
            })),
            ("parameters", .array(verdicts.map { v in
                .object([("name", .string(v.parameter.name)), ("low", .number(v.parameter.low)), ("high", .number(v.parameter.high)),
                         ("fitted", .number(v.fitted)),
                         ("accepted_low", .finite(v.acceptedRange?.lowerBound)), ("accepted_high", .finite(v.acceptedRange?.upperBound)),
                         ("accepted_share", .finite(v.acceptedShare)), ("reach_in_tolerances", .finite(v.reach)),
                         ("identifiability", .string(v.level.rawValue)), ("reason", .string(v.reason))])
            })),
            ("distance", .finite(best.distance(targets))),
            ("best", best.json),
            ("accepted", .array(accepted.map { .number(Double($0)) })),
            ("design", .array(design.map(\.json))),
            ("polish", .array(trace.map(\.json))),
            ("profile", .array(profile.map(\.json))),
        ])
    }

    /// Reads a result written by `json()`.
    public init(json: JSONValue) throws {
        guard json["kind"]?.string == Self.kind, json["calibration_version"]?.double == 1 else {
            throw ResultFileError("not a Rapport calibration (expected kind \"calibration\", version 1)")
        }
        let targets = try (json["targets"]?.array ?? []).map { t -> CalibrationTarget in
            guard let metric = t["metric"]?.string, let value = t["value"]?.double, let tolerance = t["tolerance"]?.double, tolerance > 0 else {
                throw ResultFileError("a calibration target lacks its metric, value or a positive tolerance")
            }
            return CalibrationTarget(metric: metric, value: value, tolerance: tolerance)
        }
        let parameters = try (json["parameters"]?.array ?? []).map { p -> CalibrationParameter in
            guard let name = p["name"]?.string, let low = p["low"]?.double, let high = p["high"]?.double, low < high else {
                throw ResultFileError("a calibrated parameter lacks its name or range")
            }
            return CalibrationParameter(name: name, low: low, high: high)
        }
        guard !targets.isEmpty, !parameters.isEmpty else { throw ResultFileError("a calibration needs targets and parameters") }
        func evaluations(_ key: String) throws -> [CalibrationEvaluation] {
            try (json[key]?.array ?? []).map { try CalibrationEvaluation(json: $0, parameters: parameters.count, targets: targets.count) }
        }
        guard let best = json["best"], let seed = json["seed"]?.exactInteger.flatMap({ $0 >= 0 ? UInt64($0) : nil }),
              let replications = json["replications"]?.exactInteger, replications >= 1,
              let designSize = json["design_size"]?.exactInteger, let polishBudget = json["polish_budget"]?.exactInteger,
              let runs = json["simulated_runs"]?.exactInteger else {
            throw ResultFileError("a calibration lacks its best point, seed, replications, budgets or run count")
        }
        let design = try evaluations("design")
        guard design.count == designSize else { throw ResultFileError("a calibration's design has \(design.count) points, not \(designSize)") }
        self.init(scenario: json["scenario"]?.string ?? "", file: json["file"]?.string ?? "", variant: json["variant"]?.string ?? "",
                  seed: seed, replications: replications, designSize: designSize, polishBudget: polishBudget,
                  targets: targets, parameters: parameters, design: design, trace: try evaluations("polish"),
                  best: try CalibrationEvaluation(json: best, parameters: parameters.count, targets: targets.count),
                  profile: try evaluations("profile"), polishConverged: json["polish_converged"] == .bool(true), simulatedRuns: runs)
    }
}
