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
        guard let seed = json["seed"]?.double, let reps = json["replications"]?.double,
              let variants = json["variants"]?.objectPairs else { throw ResultFileError("a baseline needs seed, replications and variants") }
        scenario = json["scenario"]?.string ?? ""
        file = json["file"]?.string ?? ""
        self.seed = UInt64(seed)
        replications = Int(reps)
        values = variants.map { name, metrics in
            (name, (metrics.objectPairs ?? []).map { ($0.0, ($0.1.array ?? []).map { $0.double ?? .nan }) })
        }
    }
}
