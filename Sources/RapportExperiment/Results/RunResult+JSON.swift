import RapportScenario
/// The JSON contract other tools rely on:
/// `{"schema_version", "scenario", "seed", "replications", "variants": [{"name", "metrics": {m: {"mean", "ci_low", "ci_high", "values"}}, "timeseries", …}], "comparisons", …}`.
extension RunResult {
    public func json() -> JSONValue {
        var top: [(String, JSONValue)] = [
            ("schema_version", .number(Double(Self.schemaVersion))),
            ("scenario", .string(scenario)),
            ("file", .string(file)),
            ("seed", .number(Double(seed))),
            ("replications", .number(Double(replications))),
            ("warmup", .string(warmupNote)),
            ("variants", .array(variants.map { $0.json() })),
            ("comparisons", .array(comparisons.map { $0.json() })),
            ("assumptions", .array(assumptions.map {
                .object([("variant", .string($0.variant)), ("parameter", .string($0.parameter)), ("value", .string($0.value))])
            })),
        ]
        if let sensitivity { top.append(("sensitivity", sensitivity.json())) }
        // Only when there are some, so results without warnings keep their layout.
        if !warnings.isEmpty { top.insert(("warnings", .array(warnings.map { .string($0) })), at: 6) }
        return .object(top)
    }

    /// Reads a result written by `json()`.
    public init(json: JSONValue) throws {
        func need<T>(_ value: T?, _ what: String) throws -> T {
            guard let value else { throw ResultFileError("missing or malformed '\(what)'") }
            return value
        }
        guard json["schema_version"]?.double == Double(Self.schemaVersion) else {
            throw ResultFileError("expected schema_version \(Self.schemaVersion), found \(json["schema_version"].map { "\($0)" } ?? "none")")
        }
        let variantList = try need(json["variants"]?.array, "variants")
        self.init(
            scenario: try need(json["scenario"]?.string, "scenario"),
            file: json["file"]?.string ?? "",
            seed: try json.seedField(),
            replications: try json.replicationsField(),
            warmupNote: json["warmup"]?.string ?? "",
            variants: try variantList.map(VariantResult.init(json:)),
            comparisons: try (json["comparisons"]?.array ?? []).map(PairedDifference.init(json:)),
            assumptions: (json["assumptions"]?.array ?? []).map {
                Assumption(variant: $0["variant"]?.string ?? "", parameter: $0["parameter"]?.string ?? "", value: $0["value"]?.string ?? "")
            },
            sensitivity: try json["sensitivity"].map(SensitivityResult.init(json:)))
        warnings = (json["warnings"]?.array ?? []).compactMap(\.string)
    }
}

extension JSONValue {
    /// The `seed` of a result or baseline: a whole number from 0 to 2^53 − 1, or an error.
    func seedField() throws -> UInt64 {
        guard let seed = self["seed"]?.exactInteger, seed >= 0, UInt64(seed) <= ScenarioLimits.maxSeed else {
            throw ResultFileError("'seed' must be a whole number from 0 to \(ScenarioLimits.maxSeed), found \(self["seed"].map { "\($0)" } ?? "none")")
        }
        return UInt64(seed)
    }

    /// The `replications` of a result or baseline: a whole number from 1 to the replication limit.
    func replicationsField() throws -> Int {
        guard let n = self["replications"]?.exactInteger, n >= 1, n <= ScenarioLimits.maxReplications else {
            throw ResultFileError("'replications' must be a whole number from 1 to \(ScenarioLimits.maxReplications), found \(self["replications"].map { "\($0)" } ?? "none")")
        }
        return n
    }
}

/// A results file that cannot be read back.
public struct ResultFileError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Summary {
    func json(withValues: Bool = true) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("mean", .finite(mean)), ("ci_low", .finite(ciLow)), ("ci_high", .finite(ciHigh))]
        if withValues { pairs.append(("values", .array(values.map { .finite($0) }))) }
        return .object(pairs)
    }

    init(json: JSONValue) {
        self.init(mean: json["mean"]?.double ?? .nan,
                  ciLow: json["ci_low"]?.double.flatMap { $0.isNaN ? nil : $0 },
                  ciHigh: json["ci_high"]?.double.flatMap { $0.isNaN ? nil : $0 },
                  values: (json["values"]?.array ?? []).map { $0.double ?? .nan })
    }
}

extension VariantResult {
    func json() -> JSONValue {
        .object([
            ("name", .string(name)),
            ("metrics", .object(metricNames.map { ($0, metrics[$0]!.json()) })),
            ("timeseries", .object(series.keys.sorted().map { key in
                let s = series[key]!
                return (key, .object([("mean", .array(s.mean.map { .finite($0) })), ("low", .array(s.low.map { .finite($0) })),
                                      ("high", .array(s.high.map { .finite($0) }))]))
            })),
            ("distributions", .object(distributions.keys.sorted().map { key in
                let d = distributions[key]!
                return (key, .object([("edges", .array(d.edges.map { .finite($0) })), ("values", .array(d.values.map { .finite($0) }))]))
            })),
            ("warnings", .array(warnings.map { .string($0) })),
            ("events", .number(Double(events))),
        ])
    }

    init(json: JSONValue) throws {
        guard let name = json["name"]?.string else { throw ResultFileError("a variant has no name") }
        var metrics: [String: Summary] = [:]
        for (key, value) in json["metrics"]?.objectPairs ?? [] { metrics[key] = Summary(json: value) }
        var series: [String: SeriesSummary] = [:]
        for (key, value) in json["timeseries"]?.objectPairs ?? [] {
            func list(_ k: String) -> [Double] { (value[k]?.array ?? []).map { $0.double ?? .nan } }
            series[key] = SeriesSummary(mean: list("mean"), low: list("low"), high: list("high"))
        }
        var distributions: [String: DistributionSummary] = [:]
        for (key, value) in json["distributions"]?.objectPairs ?? [] {
            distributions[key] = DistributionSummary(edges: (value["edges"]?.array ?? []).map { $0.double ?? .nan },
                                                     values: (value["values"]?.array ?? []).map { $0.double ?? .nan })
        }
        self.init(name: name, metrics: metrics, series: series, distributions: distributions,
                  warnings: (json["warnings"]?.array ?? []).compactMap(\.string), events: max(0, json["events"]?.exactInteger ?? 0))
    }
}

extension PairedDifference {
    func json() -> JSONValue {
        .object([
            ("variant", .string(variant)), ("reference", .string(reference)), ("metric", .string(metric)),
            ("difference", .finite(mean)), ("ci_low", .finite(ciLow)), ("ci_high", .finite(ciHigh)),
            ("p_value", .finite(pValue)), ("distinguishable", .bool(isDistinguishable)),
        ])
    }

    init(json: JSONValue) throws {
        func opt(_ k: String) -> Double? { json[k]?.double.flatMap { $0.isNaN ? nil : $0 } }
        self.init(metric: json["metric"]?.string ?? "", variant: json["variant"]?.string ?? "",
                  reference: json["reference"]?.string ?? "", mean: json["difference"]?.double ?? .nan,
                  ciLow: opt("ci_low"), ciHigh: opt("ci_high"), pValue: opt("p_value"))
    }
}

extension SensitivityResult {
    func json() -> JSONValue {
        .object([
            ("metric", .string(metric)), ("variant", .string(variant)), ("change", .number(change)),
            ("baseline", baseline.json(withValues: false)),
            ("entries", .array(entries.map {
                .object([("parameter", .string($0.parameter)), ("low", $0.low.json(withValues: false)), ("high", $0.high.json(withValues: false))])
            })),
        ])
    }

    init(json: JSONValue) throws {
        self.init(metric: json["metric"]?.string ?? "", variant: json["variant"]?.string ?? "",
                  change: json["change"]?.double ?? 0, baseline: Summary(json: json["baseline"] ?? .null),
                  entries: (json["entries"]?.array ?? []).map {
                      Entry(parameter: $0["parameter"]?.string ?? "", low: Summary(json: $0["low"] ?? .null), high: Summary(json: $0["high"] ?? .null))
                  })
    }
}
