import RapportModel
import RapportRandom
import Yams

/// Turns the YAML tree into a `Scenario`, reporting every problem into the sink.
struct ScenarioDecoder {
    let sink: DiagnosticSink

    static let topKeys = ["name", "description", "mode", "horizon", "warmup", "replications", "seed",
                          "stop_after_arrivals", "clients", "therapists", "policy", "match_quality", "outcomes",
                          "wellbeing", "staffing", "non_clinical", "pathway", "variants", "check", "sweep", "uncertainty"]
    /// Keys a variant may override: everything but what must be shared for a paired comparison.
    static let variantKeys = topKeys.filter { !["replications", "seed", "variants", "check", "sweep", "uncertainty", "description"].contains($0) }

    func decode(_ root: Node) -> Scenario? {
        let top = Field(node: root, path: "", sink: sink)
        guard let m = top.mapping(keys: Self.topKeys) else { return nil }
        let name = m["name"]?.string() ?? "untitled scenario"
        let description = m["description"]?.string() ?? ""
        let replications = m["replications"]?.integer(.range(1, Double(ScenarioLimits.maxReplications))) ?? 10
        var seed: UInt64 = 1
        if let s = m["seed"] {
            if let text = s.scalarText, let value = UInt64(text), value <= ScenarioLimits.maxSeed { seed = value }
            else { s.expected("a whole number from 0 to \(ScenarioLimits.maxSeed) (2^53 − 1, the largest a JSON result stores exactly)") }
        }
        let warmupIsAuto = m["warmup"]?.scalarText == "auto"

        // The base is checked once; each variant is the base with its overrides laid on top.
        guard case .mapping(var baseMap) = root else { return nil }
        baseMap["variants"] = nil
        var variants: [Scenario.Variant] = []
        sink.decodingBaseOfVariants = m["variants"] != nil
        let baseConfig = decodeConfig(Node.mapping(baseMap))
        sink.decodingBaseOfVariants = false
        if let baseConfig { variants.append(.init(name: "base", config: baseConfig)) }
        if let list = m["variants"]?.sequence() {
            if list.isEmpty { m["variants"]?.error("expected at least one variant, found an empty list") }
            if list.count > ScenarioLimits.maxVariants {
                m["variants"]?.error("expected at most \(ScenarioLimits.maxVariants) variants, found \(list.count); sweep a setting instead (sweep: or rapport sweep --set)")
                return nil
            }
            var seen: [String: Int] = [:]
            var overrides: [Scenario.Variant] = []
            for (i, entry) in list.enumerated() {
                guard let vm = entry.mapping(keys: ["name"] + Self.variantKeys),
                      let variantName = vm.required("name", "the variant's name")?.string() else { continue }
                if let first = seen[variantName] {
                    vm["name"]?.error("variant name '\(variantName)' is already used by variants[\(first)]")
                    continue
                }
                seen[variantName] = i
                guard case .mapping(var overrideMap) = entry.node else { continue }
                overrideMap["name"] = nil
                sink.pathPrefixes.append((lines: lineSpan(of: entry.node), prefix: "variants[\(i)]."))
                let merged = NodeEditing.merged(Node.mapping(baseMap), Node.mapping(overrideMap))
                sink.variant = variantName
                if let config = decodeConfig(merged) { overrides.append(.init(name: variantName, config: config)) }
                sink.variant = nil
            }
            variants = overrides
        }
        // Read before the early return below, so its problems are listed with the others.
        let uncertainty = m["uncertainty"].flatMap(decodeUncertainty)
        guard !sink.hasErrors else { return nil }
        var scenario = Scenario(file: sink.file, name: name, description: description, seed: seed,
                                replications: replications, variants: variants, warmupIsAuto: warmupIsAuto)
        scenario.checkTolerances = decodeCheck(m["check"])
        scenario.sweep = decodeSweep(m["sweep"])
        scenario.baseConfig = baseConfig
        scenario.uncertainty = uncertainty
        return sink.hasErrors ? nil : scenario
    }

    /// The lines a node spans, so problems inside a variant's overrides are named by the variant.
    private func lineSpan(of node: Node) -> ClosedRange<Int> {
        var low = Int.max, high = 0
        func visit(_ n: Node) {
            if let line = n.mark?.line { low = min(low, line); high = max(high, line) }
            switch n {
            case .mapping(let m): for (k, v) in m { visit(k); visit(v) }
            case .sequence(let s): s.forEach(visit)
            default: break
            }
        }
        visit(node)
        return low <= high ? low...high : 0...0
    }

    /// One model configuration from a (merged) top-level mapping.
    func decodeConfig(_ node: Node) -> ModelConfig? {
        let top = Field(node: node, path: "", sink: sink)
        guard let m = top.mapping(keys: Self.topKeys) else { return nil }
        var config = ModelConfig()
        if let mode = m["mode"] {
            switch mode.scalarText {
            case "weekly": config.mode = .weekly
            case "continuous": config.mode = .continuous
            default: mode.expected("'weekly' or 'continuous'")
            }
        }
        if let horizon = m.required("horizon", "how long to simulate, such as 52w")?.duration() {
            if horizon > ScenarioLimits.maxHorizonDays {
                m["horizon"]?.error("expected at most 100y (36500d), found \(m["horizon"]!.found); a longer horizon would not finish in reasonable time")
            }
            config.horizon = horizon
        }
        if let warmup = m["warmup"], warmup.scalarText != "auto" {
            if let days = warmup.duration(positive: false) {
                if days >= config.horizon { warmup.expected("a warm-up shorter than the horizon (\(Units.formatDays(config.horizon)))") }
                config.warmup = days
            }
        }
        if let stop = m["stop_after_arrivals"] { config.stopAfterArrivals = stop.integer(.range(1, 1e9)) }
        if let clients = m.required("clients", "who arrives and what they need") {
            decodeClients(clients, into: &config)
        }
        if let therapists = m.required("therapists", "the roster: a list of groups") {
            decodeTherapists(therapists, into: &config)
        }
        if let policy = m["policy"] { decodePolicy(policy, into: &config) }
        if let fit = m["match_quality"] { decodeFit(fit, into: &config) }
        if let outcomes = m["outcomes"] { decodeOutcomes(outcomes, into: &config) }
        if let wellbeing = m["wellbeing"] { decodeWellbeing(wellbeing, into: &config) }
        if let staffing = m["staffing"] { decodeStaffing(staffing, into: &config) }
        if let pathway = m["pathway"] { decodePathway(pathway, into: &config) }
        if let time = m["non_clinical"] { decodeNonClinical(time, into: &config) }
        checkFeasibility(config, m)
        checkCapacity(config, m)
        return config
    }

    private func decodeCheck(_ field: Field?) -> [String: Double] {
        guard let field, let m = field.mapping(keys: ["tolerance"]), let tolerance = m["tolerance"] else { return [:] }
        guard let tm = tolerance.mapping(keys: MetricRegistry.names) else { return [:] }
        var result: [String: Double] = [:]
        for entry in tm.entries {
            if let v = entry.value.number(.nonNegative) { result[entry.key] = v }
        }
        return result
    }

    private func decodeSweep(_ field: Field?) -> [(path: String, values: [String])] {
        guard let field, case .mapping(let map) = field.node else {
            if let field { field.expected("a mapping from scenario paths to lists of values") }
            return []
        }
        var result: [(path: String, values: [String])] = []
        for (key, value) in map {
            let entry = Field(node: value, path: "sweep.\(key.string ?? "")", sink: sink)
            guard let items = entry.sequence(), !items.isEmpty else { continue }
            result.append((key.string ?? "", items.compactMap(\.scalarText)))
        }
        var points = 1
        for axis in result {
            let (product, overflow) = points.multipliedReportingOverflow(by: max(1, axis.values.count))
            if overflow || product > ScenarioLimits.maxSweepPoints {
                field.error("the sweep grid has more than \(ScenarioLimits.maxSweepPoints) points (\(result.map { String($0.values.count) }.joined(separator: " × "))); sweep fewer values or split the sweep")
                return []
            }
            points = product
        }
        return result
    }
}
