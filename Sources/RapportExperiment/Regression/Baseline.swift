/// What `rapport check` compares against: per variant and metric, the replication values of a
/// reference run, with the seed and replication count needed to repeat it.
public struct Baseline: Sendable, Equatable {
    public var scenario: String
    public var file: String
    public var seed: UInt64
    public var replications: Int
    /// Variant → metric → replication values.
    public var values: [(variant: String, metrics: [(metric: String, values: [Double])])]

    public static func == (lhs: Baseline, rhs: Baseline) -> Bool {
        lhs.json().rendered() == rhs.json().rendered()
    }

    public init(result: RunResult) {
        scenario = result.scenario
        file = result.file
        seed = result.seed
        replications = result.replications
        values = result.variants.map { v in (v.name, v.metricNames.map { ($0, v.metrics[$0]!.values) }) }
    }

    /// Small, readable JSON meant to be reviewed in diffs: one line per metric.
    public func json() -> JSONValue {
        .object([
            ("baseline_version", .number(1)),
            ("scenario", .string(scenario)),
            ("file", .string(file)),
            ("seed", .number(Double(seed))),
            ("replications", .number(Double(replications))),
            ("variants", .object(values.map { variant in
                (variant.variant, .object(variant.metrics.map { ($0.metric, .array($0.values.map { .finite($0) })) }))
            })),
        ])
    }

    public init(json: JSONValue) throws {
        guard json["baseline_version"]?.double == 1 else { throw ResultFileError("not a Rapport baseline (expected baseline_version 1)") }
        seed = try json.seedField()
        replications = try json.replicationsField()
        guard let variants = json["variants"]?.objectPairs, !variants.isEmpty else {
            throw ResultFileError("a baseline needs at least one variant; write it again with rapport check --update")
        }
        scenario = json["scenario"]?.string ?? ""
        file = json["file"]?.string ?? ""
        var values: [(variant: String, metrics: [(metric: String, values: [Double])])] = []
        for (name, metrics) in variants {
            guard let pairs = metrics.objectPairs, !pairs.isEmpty else { throw ResultFileError("variant '\(name)' has no metrics") }
            var list: [(metric: String, values: [Double])] = []
            for (metric, numbers) in pairs {
                guard let items = numbers.array, items.count == replications,
                      items.allSatisfy({ $0 == .null || $0.exactInteger != nil || $0.double?.isFinite == true }) else {
                    throw ResultFileError("\(name).\(metric) must list \(replications) numbers (one per replication)")
                }
                list.append((metric, items.map { $0.double ?? .nan }))
            }
            values.append((name, list))
        }
        self.values = values
    }
}
