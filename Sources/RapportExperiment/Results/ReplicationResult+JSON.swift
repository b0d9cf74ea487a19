import RapportModel

/// One replication as JSON, exact to the last bit, for checkpoints that a resumed run reads back.
extension ReplicationResult {
    public func json() -> JSONValue {
        func numbers(_ values: [Double]) -> JSONValue { .array(values.map(Self.exact)) }
        return .object([
            ("metrics", .object(metrics.keys.sorted().map { ($0, Self.exact(metrics[$0]!)) })),
            ("series", .object(series.keys.sorted().map { ($0, numbers(series[$0]!)) })),
            ("distributions", .object(distributions.keys.sorted().map { ($0, numbers(distributions[$0]!)) })),
            ("edges", .object(distributionEdges.keys.sorted().map { ($0, numbers(distributionEdges[$0]!)) })),
            ("events", .number(Double(events))),
            ("warnings", .array(warnings.map { .string($0) })),
        ])
    }

    public init(json: JSONValue) {
        self.init()
        func numbers(_ value: JSONValue) -> [Double] { (value.array ?? []).map(Self.read) }
        for (k, v) in json["metrics"]?.objectPairs ?? [] { metrics[k] = Self.read(v) }
        for (k, v) in json["series"]?.objectPairs ?? [] { series[k] = numbers(v) }
        for (k, v) in json["distributions"]?.objectPairs ?? [] { distributions[k] = numbers(v) }
        for (k, v) in json["edges"]?.objectPairs ?? [] { distributionEdges[k] = numbers(v) }
        events = max(0, json["events"]?.exactInteger ?? 0)
        warnings = (json["warnings"]?.array ?? []).compactMap(\.string)
    }

    /// NaN and infinities have no JSON number; they travel as strings so nothing is lost.
    static func exact(_ v: Double) -> JSONValue {
        if v.isNaN { return .string("nan") }
        if v.isInfinite { return .string(v > 0 ? "inf" : "-inf") }
        return .number(v)
    }

    static func read(_ value: JSONValue) -> Double {
        switch value {
        case .number(let v): return v
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        default: return .nan
        }
    }
}

extension ReplicationResult {
    /// Metrics every replication reports, in either mode; an entry without them is not a result.
    static let coreMetrics = ["clients_arrived", "sessions_delivered", "utilisation", "wait_days_mean"]

    /// Why `json` cannot be read back as a replication result (a damaged or hand-edited
    /// checkpoint entry), or nil when it can.
    public static func problem(in json: JSONValue) -> String? {
        func isNumber(_ v: JSONValue) -> Bool {
            if case .number = v { return true }
            return ["nan", "inf", "-inf"].contains(v.string ?? "")
        }
        guard let metrics = json["metrics"]?.objectPairs else { return "no metrics" }
        let names = Set(metrics.map(\.0))
        if let missing = coreMetrics.first(where: { !names.contains($0) }) { return "the metric \(missing) is missing" }
        if let bad = metrics.first(where: { !isNumber($0.1) }) { return "the metric \(bad.0) is not a number" }
        for section in ["series", "distributions", "edges"] {
            guard let pairs = json[section]?.objectPairs else { return "no \(section)" }
            if let bad = pairs.first(where: { !($0.1.array?.allSatisfy(isNumber) ?? false) }) {
                return "\(section).\(bad.0) is not a list of numbers"
            }
        }
        guard let events = json["events"]?.exactInteger, events >= 0 else { return "events is not a count" }
        guard json["warnings"]?.array?.allSatisfy({ $0.string != nil }) ?? false else { return "warnings is not a list of texts" }
        return nil
    }
}
