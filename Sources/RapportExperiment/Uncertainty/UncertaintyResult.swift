import RapportModel

/// The result of `rapport run --uncertainty N`, or of one shard of it: every plausible world
/// (outer draw) with its parameter values and each variant's metrics averaged over the draw's
/// inner replications. The statistics (`comparisons`, `best`) are derived from the draws, so
/// merging shards gives exactly the unsharded result.
public struct UncertaintyResult: Sendable, Equatable {
    public static let kind = ResultKind.uncertainty.rawValue

    /// One plausible world.
    public struct Draw: Sendable, Equatable {
        public var index: Int
        /// The master seed its inner replications used (`rapport run --seed` repeats the world).
        public var seed: UInt64
        /// Parameter values, in registry order.
        public var parameters: [NamedValue]
        /// By metric (registry order), each variant's mean over the inner replications, in variant order.
        public var metrics: [(metric: String, values: [Double])]

        public init(index: Int, seed: UInt64, parameters: [NamedValue], metrics: [(metric: String, values: [Double])]) {
            self.index = index
            self.seed = seed
            self.parameters = parameters
            self.metrics = metrics
        }

        public static func == (a: Draw, b: Draw) -> Bool {
            a.index == b.index && a.seed == b.seed && a.parameters == b.parameters
                && a.metrics.map(\.metric) == b.metrics.map(\.metric)
                && zip(a.metrics, b.metrics).allSatisfy { zip($0.values, $1.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } }
        }

        public func values(_ metric: String) -> [Double]? { metrics.first { $0.metric == metric }?.values }
    }

    public struct NamedValue: Sendable, Equatable {
        public var name: String
        public var value: Double
        public init(_ name: String, _ value: Double) { self.name = name; self.value = value }
    }

    /// A parameter the analysis varied, and where its values came from.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var source: String
        public var meaning: String
    }

    public var scenario: String
    public var file: String
    public var seed: UInt64
    /// Outer draws of the whole analysis (all shards).
    public var totalDraws: Int
    /// Inner replications per variant in each draw.
    public var replications: Int
    public var variants: [String]
    public var parameters: [Parameter]
    /// Parameters a variant sets itself and keeps in every world: "variant: parameter".
    public var kept: [String]
    public var warmupNote: String
    /// "i/n" for a shard, nil for a whole analysis.
    public var shard: String?
    /// The draws run, by index.
    public var draws: [Draw]

    public init(scenario: String, file: String, seed: UInt64, totalDraws: Int, replications: Int, variants: [String],
                parameters: [Parameter], kept: [String], warmupNote: String, shard: String?, draws: [Draw]) {
        self.scenario = scenario
        self.file = file
        self.seed = seed
        self.totalDraws = totalDraws
        self.replications = replications
        self.variants = variants
        self.parameters = parameters
        self.kept = kept
        self.warmupNote = warmupNote
        self.shard = shard
        self.draws = draws
    }

    /// The reference every variant is compared with: the first.
    public var reference: String { variants.first ?? "" }

    /// Metrics with a direction of "better" that some world reports.
    public var metrics: [String] { draws.first?.metrics.map(\.metric) ?? [] }

    /// Each non-reference variant against the reference, for every metric, across worlds.
    public var comparisons: [Robustness.Comparison] {
        var result: [Robustness.Comparison] = []
        for metric in metrics {
            let table = draws.map { $0.values(metric) ?? [] }
            let reference = table.map { $0.first ?? .nan }
            for (v, name) in variants.enumerated().dropFirst() {
                let values = table.map { v < $0.count ? $0[v] : .nan }
                if let c = Robustness.compare(variant: name, metric: metric, values: values, reference: reference) { result.append(c) }
            }
        }
        return result
    }

    /// How often each variant is the best, for every metric.
    public var best: [Robustness.Best] {
        metrics.compactMap { metric in Robustness.best(metric: metric, values: draws.map { $0.values(metric) ?? [] }) }
    }
}

// MARK: - JSON

extension UncertaintyResult {
    public func json() -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("kind", .string(Self.kind)),
            ("uncertainty_version", .number(1)),
            ("scenario", .string(scenario)),
            ("file", .string(file)),
            ("seed", .number(Double(seed))),
            ("total_draws", .number(Double(totalDraws))),
            ("replications", .number(Double(replications))),
            ("reference", .string(reference)),
            ("variants", .array(variants.map { .string($0) })),
            ("parameters", .array(parameters.map { .object([("name", .string($0.name)), ("source", .string($0.source)), ("meaning", .string($0.meaning))]) })),
            ("kept", .array(kept.map { .string($0) })),
            ("warmup", .string(warmupNote)),
        ]
        if let shard { pairs.append(("shard", .string(shard))) }
        if shard == nil {
            pairs.append(("comparisons", .array(comparisons.map { c in
                .object([("variant", .string(c.variant)), ("metric", .string(c.metric)),
                         ("probability_better", .number(c.better)), ("probability_worse", .number(c.worse)),
                         ("difference", .object([("median", .number(c.median)), ("p05", .number(c.low)), ("p95", .number(c.high))])),
                         ("worlds", .number(Double(c.worlds)))])
            })))
            pairs.append(("probability_best", .array(best.map { b in
                .object([("metric", .string(b.metric)),
                         ("shares", .object(zip(variants, b.shares).map { ($0, .number($1)) })),
                         ("worlds", .number(Double(b.worlds)))])
            })))
        }
        pairs.append(("draws", .array(draws.map(Self.json))))
        return .object(pairs)
    }

    /// One draw as it appears in `draws` and in checkpoints.
    public static func json(_ d: Draw) -> JSONValue {
        .object([
            ("index", .number(Double(d.index))),
            ("seed", .number(Double(d.seed))),
            ("parameters", .object(d.parameters.map { ($0.name, .number($0.value)) })),
            ("metrics", .object(d.metrics.map { ($0.metric, .array($0.values.map { .number($0) })) })),
        ])
    }

    /// Reads one draw written by `json(_:)`.
    public static func draw(json d: JSONValue) throws -> Draw {
        guard let index = d["index"]?.exactInteger, index >= 0, let seed = d["seed"]?.exactInteger, seed >= 0,
              let parameters = d["parameters"]?.objectPairs, let metrics = d["metrics"]?.objectPairs else {
            throw ResultFileError("an uncertainty draw lacks its index, seed, parameters or metrics")
        }
        return Draw(index: index, seed: UInt64(seed),
                    parameters: try parameters.map { name, value in
                        guard let v = value.double else { throw ResultFileError("draw \(index): parameter \(name) is not a number") }
                        return NamedValue(name, v)
                    },
                    metrics: try metrics.map { name, value in
                        guard let list = value.array else { throw ResultFileError("draw \(index): metric \(name) is not a list") }
                        return (name, list.map { $0.double ?? .nan })
                    })
    }

    public init(json: JSONValue) throws {
        guard (try? ResultKind(json: json)) == .uncertainty, json["uncertainty_version"]?.double == 1 else {
            throw ResultFileError("not a Rapport uncertainty result (expected kind \"uncertainty\", uncertainty_version 1)")
        }
        guard let seed = json["seed"]?.exactInteger, seed >= 0, let total = json["total_draws"]?.exactInteger, total >= 1,
              let replications = json["replications"]?.exactInteger, replications >= 1,
              let variants = json["variants"]?.array?.compactMap(\.string), variants.count >= 2 else {
            throw ResultFileError("an uncertainty result lacks its seed, total_draws, replications or variants")
        }
        scenario = json["scenario"]?.string ?? ""
        file = json["file"]?.string ?? ""
        self.seed = UInt64(seed)
        totalDraws = total
        self.replications = replications
        self.variants = variants
        parameters = (json["parameters"]?.array ?? []).map {
            Parameter(name: $0["name"]?.string ?? "", source: $0["source"]?.string ?? "", meaning: $0["meaning"]?.string ?? "")
        }
        kept = (json["kept"]?.array ?? []).compactMap(\.string)
        warmupNote = json["warmup"]?.string ?? ""
        shard = json["shard"]?.string
        draws = try (json["draws"]?.array ?? []).map(Self.draw(json:))
        for d in draws {
            guard d.index < total else { throw ResultFileError("draw \(d.index) is beyond the analysis's \(total) draws") }
            guard d.metrics.allSatisfy({ $0.values.count == variants.count }) else {
                throw ResultFileError("draw \(d.index) does not have one value per variant for every metric")
            }
        }
    }

    /// Reassembles shards into one analysis; refuses parts of different analyses, overlaps and gaps.
    public static func merge(_ parts: [UncertaintyResult]) throws -> UncertaintyResult {
        guard let first = parts.first else { throw ResultFileError("no uncertainty parts to merge") }
        var byIndex: [Int: Draw] = [:]
        for part in parts {
            guard part.file == first.file, part.scenario == first.scenario else {
                throw ResultFileError("the parts come from different scenarios (\(first.file) and \(part.file))")
            }
            guard part.seed == first.seed, part.totalDraws == first.totalDraws, part.replications == first.replications,
                  part.variants == first.variants, part.parameters == first.parameters, part.kept == first.kept, part.warmupNote == first.warmupNote else {
                throw ResultFileError("the parts were run with different settings (seed, draws, replications, variants or priors); rerun them alike")
            }
            for d in part.draws {
                if byIndex[d.index] != nil { throw ResultFileError("draw \(d.index) appears in more than one part") }
                byIndex[d.index] = d
            }
        }
        let missing = (0..<first.totalDraws).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw ResultFileError("draws \(missing.prefix(10).map(String.init).joined(separator: ", "))\(missing.count > 10 ? " …" : "") are missing; run their shards")
        }
        var merged = first
        merged.shard = nil
        merged.draws = (0..<first.totalDraws).map { byIndex[$0]! }
        return merged
    }
}
