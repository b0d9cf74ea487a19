import Yams
import RapportModel

extension ScenarioDecoder {
    static let matchingNames = ["earliest-available", "best-fit", "batch-optimal", "client-choice"]
    static let quotaNames = ["fixed-quota", "individual-thresholds", "competition"]

    func decodePolicy(_ field: Field, into config: inout ModelConfig) {
        guard let m = field.mapping(keys: ["matching", "quota", "caseload-requirement", "caseload-ceiling"]) else { return }
        if let f = m["matching"], let policy = decodeMatching(f) { config.matching = policy }
        if let f = m["quota"], let regime = decodeQuota(f) { config.quota = regime }
        decodeCaseload(m, into: &config)
    }

    /// A policy is a bare name, or a one-key mapping from the name to its settings.
    private func named(_ field: Field, choices: [String], what: String) -> (String, Field?)? {
        switch field.node {
        case .scalar(let s):
            return (s.string, nil)
        case .mapping(let map):
            // The key names read once, eagerly: `map.keys.compactMap(\.string)` is a chain of lazy
            // wrappers whose generic metadata costs conformance scans (about 1 M instructions) on first use.
            let names = map.compactMap { $0.key.string }
            let keys = names.filter { choices.contains($0) }
            guard keys.count == 1, let key = keys.first, let value = map[key] else {
                let unknown = names.first { !choices.contains($0) && !["floor", "ceiling"].contains($0) }
                if let unknown, let s = Suggestions.closest(to: unknown, in: choices) {
                    field.error("unknown \(what) '\(unknown)'; did you mean '\(s)'?")
                } else {
                    field.expected("one \(what) of \(choices.joined(separator: ", "))")
                }
                return nil
            }
            let extras = names.filter { $0 != key && !(what == "quota regime" && ["floor", "ceiling"].contains($0)) }
            for extra in extras {
                var message = "unknown key '\(extra)' beside the \(what) '\(key)'"
                if what == "quota regime" { message += "; only floor and ceiling may stand beside it" }
                sink.error(field.path + ".\(extra)", at: map.keys.first { $0.string == extra }?.mark, message)
            }
            return (key, field.child(value, ".\(key)"))
        default:
            field.expected("a \(what) name such as \(choices[0])")
            return nil
        }
    }

    private func unknownName(_ field: Field, _ name: String, choices: [String], what: String) {
        field.error("unknown \(what) '\(name)'" + Suggestions.hint(for: name, in: choices,
            otherwise: "; expected one of \(choices.joined(separator: ", "))"))
    }

    func decodeMatching(_ field: Field) -> MatchingPolicy? {
        guard let (name, settings) = named(field, choices: Self.matchingNames, what: "matching policy") else { return nil }
        let s = settings.flatMap { $0.node.isEmptyMapping ? nil : $0 }
        switch name {
        case "earliest-available":
            if let s { _ = s.mapping(keys: []) }
            return .earliestAvailable
        case "best-fit":
            var tolerance = 14.0
            if let m = s?.mapping(keys: ["tolerance"]), let t = m["tolerance"]?.duration(positive: false) { tolerance = t }
            return .bestFit(toleranceDays: tolerance)
        case "batch-optimal":
            var every = 1.0, weight = 0.01
            if let m = s?.mapping(keys: ["every", "wait_weight"]) {
                if let e = m["every"]?.duration() {
                    if e < 1 || e != e.rounded() { m["every"]?.expected("a whole number of days, such as 1d or 1w") }
                    every = e
                }
                if let w = m["wait_weight"]?.number(.nonNegative) { weight = w }
            }
            return .batchOptimal(everyDays: every, waitWeight: weight)
        case "client-choice":
            var shown = 5, clarity = 0.5, noise = 0.3
            var picks = MatchingPolicy.ChoiceRule.soonest
            if let m = s?.mapping(keys: ["shown", "profile_clarity", "noise", "picks"]) {
                if let k = m["shown"]?.integer(.range(1, 1000)) { shown = k }
                if let c = m["profile_clarity"]?.probability() { clarity = c }
                if let n = m["noise"]?.number(.nonNegative) { noise = n }
                if let p = m["picks"] {
                    if let rule = p.scalarText.flatMap(MatchingPolicy.ChoiceRule.init(rawValue:)) { picks = rule }
                    else { p.expected("'best-looking' or 'soonest'") }
                }
            }
            return .clientChoice(shown: shown, profileClarity: clarity, noise: noise, picks: picks)
        default:
            unknownName(field, name, choices: Self.matchingNames, what: "matching policy")
            return nil
        }
    }

    func decodeQuota(_ field: Field) -> QuotaRegime? {
        guard let (name, settings) = named(field, choices: Self.quotaNames, what: "quota regime") else { return nil }
        var regime = QuotaRegime()
        if case .mapping = field.node, let m = field.mapping(keys: Self.quotaNames + ["floor", "ceiling"]) {
            regime.floor = m["floor"]?.integer(.nonNegative)
            regime.ceiling = m["ceiling"]?.integer(.positive)
            if let floor = regime.floor, let ceiling = regime.ceiling, floor > ceiling {
                m["floor"]?.expected("a floor no higher than the ceiling (\(ceiling))")
            }
        }
        let s = settings.flatMap { $0.node.isEmptyMapping ? nil : $0 }
        switch name {
        case "fixed-quota":
            guard let s else { field.error("fixed-quota needs the sessions a day, as in {fixed-quota: 7} or {fixed-quota: {sessions: 6, fill: balanced}}"); return nil }
            let sessionsRange = NumberRequirement.range(1, Double(ScenarioLimits.maxSlotsPerDay))
            if s.scalarText != nil {
                guard let n = s.number(sessionsRange) else { return nil }
                regime.rule = .fixedQuota(sessionsPerDay: n, fill: .cap)
            } else {
                guard let m = s.mapping(keys: ["sessions", "fill", "fit_tolerance"]) else { return nil }
                let n = m.required("sessions", "sessions a day for everyone")?.number(sessionsRange)
                var fill = QuotaFill.cap
                var tolerance = 0.2
                if let t = m["fit_tolerance"]?.probability() { tolerance = t }
                if let f = m["fill"] {
                    switch f.scalarText {
                    case "cap": if m["fit_tolerance"] != nil { m["fit_tolerance"]?.error("fit_tolerance applies only to fill: balanced") }
                    case "balanced": fill = .balanced(fitTolerance: tolerance)
                    default: f.expected("'cap' (the quota only limits) or 'balanced' (the platform fills the least-loaded first)")
                    }
                }
                guard let n else { return nil }
                regime.rule = .fixedQuota(sessionsPerDay: n, fill: fill)
            }
        case "individual-thresholds":
            if let s { _ = s.mapping(keys: []) }
            regime.rule = .individualThresholds
        case "competition":
            var pressure = 0.5, extra = 2
            if let m = s?.mapping(keys: ["pressure", "extra_sessions"]) {
                if let p = m["pressure"]?.number(.nonNegative) { pressure = p }
                if let e = m["extra_sessions"]?.integer(.range(0, Double(ScenarioLimits.maxSlotsPerDay))) { extra = e }
            }
            regime.rule = .competition(pressure: pressure, extraSessions: extra)
        default:
            unknownName(field, name, choices: Self.quotaNames, what: "quota regime")
            return nil
        }
        return regime
    }
}

extension Yams.Node {
    var isEmptyMapping: Bool {
        if case .mapping(let m) = self { return m.count == 0 }
        if case .scalar(let s) = self { return s.string.isEmpty || s.string == "~" || s.string == "null" }
        return false
    }
}
