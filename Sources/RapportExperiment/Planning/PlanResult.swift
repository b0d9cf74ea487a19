/// What `rapport plan` found, as written with `--output` and read back by `rapport report`: every
/// roster tried, each target's mean and interval there, and the smallest roster meeting every target.
public struct PlanResult: Sendable, Equatable {
    public var scenario: String
    public var file: String
    /// The variant planned for.
    public var variant: String
    public var seed: UInt64
    public var replications: Int
    /// Confidence with which each target had to be met.
    public var confidence: Double
    public var targets: [Target]
    /// Therapist group names, in the order of every roster's counts.
    public var groups: [String]
    /// The scenario's own roster.
    public var current: [Int]
    /// Every roster tried, in the order the search tried them.
    public var candidates: [HeadcountPlanner.Candidate]
    /// The smallest roster meeting every target; nil when none up to the search's limit did.
    public var best: [Int]?
    /// Warnings the reader must weigh: the scenario's own, and the chosen roster's run.
    public var warnings: [String]

    public init(scenario: String, file: String, variant: String, seed: UInt64, replications: Int, confidence: Double,
                targets: [Target], groups: [String], current: [Int], candidates: [HeadcountPlanner.Candidate],
                best: [Int]?, warnings: [String]) {
        self.scenario = scenario
        self.file = file
        self.variant = variant
        self.seed = seed
        self.replications = replications
        self.confidence = confidence
        self.targets = targets
        self.groups = groups
        self.current = current
        self.candidates = candidates
        self.best = best
        self.warnings = warnings
    }

    /// The chosen roster's candidate, when there is one.
    public var chosen: HeadcountPlanner.Candidate? { best.flatMap { b in candidates.first { $0.counts == b } } }

    public func json() -> JSONValue {
        func counts(_ c: [Int]) -> JSONValue { .array(c.map { .number(Double($0)) }) }
        let metrics = targets.map(\.metric).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return .object([
            ("kind", .string(ResultKind.plan.rawValue)),
            ("scenario", .string(scenario)),
            ("file", .string(file)),
            ("variant", .string(variant)),
            ("seed", .number(Double(seed))),
            ("replications", .number(Double(replications))),
            ("confidence", .number(confidence)),
            ("targets", .array(targets.map { .string($0.description) })),
            ("groups", .array(groups.map { .string($0) })),
            ("current", counts(current)),
            ("best", best.map(counts) ?? .null),
            ("frontier", .array(candidates.map { c in
                .object([("counts", counts(c.counts)), ("meets_all", .bool(c.met)),
                         ("metrics", .object(metrics.map { ($0, JSONValue.finite(c.metrics[$0]?.mean)) })),
                         ("intervals", .object(metrics.map { m in
                             (m, .array([JSONValue.finite(c.metrics[m]?.ciLow), JSONValue.finite(c.metrics[m]?.ciHigh)])) }))])
            })),
            ("warnings", .array(warnings.map { .string($0) })),
        ])
    }

    /// Reads a plan file; one written before plans carried their provenance still reads, with
    /// what it has (no intervals, no scenario name).
    public init(json: JSONValue) throws {
        guard let targetTexts = json["targets"]?.array?.compactMap(\.string), let frontier = json["frontier"]?.array,
              let groups = json["groups"]?.array?.compactMap(\.string) else {
            throw ResultFileError("not a Rapport plan (expected targets, groups and frontier)")
        }
        let targets = targetTexts.compactMap(Target.init)
        guard targets.count == targetTexts.count else { throw ResultFileError("a plan target is not metric<=value or metric>=value") }
        func counts(_ value: JSONValue?) -> [Int]? { value?.array?.compactMap(\.exactInteger) }
        let candidates = try frontier.map { c -> HeadcountPlanner.Candidate in
            guard let n = counts(c["counts"]), n.count == groups.count, case .bool(let met)? = c["meets_all"] else {
                throw ResultFileError("a plan roster lacks counts for every group or meets_all")
            }
            var metrics: [String: Summary] = [:]
            for (name, mean) in c["metrics"]?.objectPairs ?? [] {
                let interval = c["intervals"]?[name]?.array?.map { $0.double.flatMap { $0.isNaN ? nil : $0 } }
                metrics[name] = Summary(mean: mean.double ?? .nan, ciLow: interval?.first ?? nil, ciHigh: interval?.last ?? nil, values: [])
            }
            return HeadcountPlanner.Candidate(counts: n, met: met, metrics: metrics)
        }
        self.init(scenario: json["scenario"]?.string ?? "", file: json["file"]?.string ?? "", variant: json["variant"]?.string ?? "",
                  seed: UInt64(json["seed"]?.exactInteger ?? 0), replications: json["replications"]?.exactInteger ?? 0,
                  confidence: json["confidence"]?.double ?? 0.95, targets: targets, groups: groups,
                  current: counts(json["current"]) ?? [], candidates: candidates, best: counts(json["best"]),
                  warnings: (json["warnings"]?.array ?? []).compactMap(\.string))
    }
}
