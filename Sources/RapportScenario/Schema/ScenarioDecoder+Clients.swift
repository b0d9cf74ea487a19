import RapportModel
import RapportRandom

extension ScenarioDecoder {
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// Severities in the order their weights, experience and cadence are indexed.
    static let severityNames = ["mild", "moderate", "severe"]

    func decodeClients(_ field: Field, into config: inout ModelConfig) {
        guard let m = field.mapping(keys: ["arrivals", "concerns", "severity", "modality", "language",
                                           "sessions_needed", "patience", "no_show", "session_length", "cadence"]) else { return }
        var c = config.clients
        if let arrivals = m.required("arrivals", "the arrival rate, such as rate: 110/week"),
           let am = arrivals.mapping(keys: ["rate", "weekday", "month"]) {
            if let field = am.required("rate", "arrivals per unit of time, such as 110/week"), let rate = field.rate() {
                if rate > ScenarioLimits.maxArrivalsPerDay {
                    field.error("expected at most 10,000,000 arrivals a day, found \(field.found); a larger rate would not finish in reasonable time")
                }
                c.arrivalsPerDay = rate
            }
            if let weekday = am["weekday"] { c.weekdayMultipliers = multipliers(weekday, names: Self.weekdays) }
            if let month = am["month"] { c.monthMultipliers = multipliers(month, names: Self.months) }
        }
        if let f = m["concerns"], let mix = mix(f) { c.concerns = mix }
        if let f = m["severity"], let mix = mix(f, names: Self.severityNames) { c.severity = mix }
        if let f = m["modality"], let mix = mix(f) { c.modality = mix }
        if let f = m["language"], let mix = mix(f) { c.language = mix }
        if let f = m["sessions_needed"], let d = f.distribution(.plain) {
            if d.maximum < 1 { f.expected("sessions needed of at least 1") }
            if !(d.mean <= ScenarioLimits.maxSessionsNeeded) || d.minimum > ScenarioLimits.maxSessionsNeeded {
                f.expected("sessions needed of at most 1000 on average (add max=26, as in lognormal(median=8, sigma=1, max=26))")
            }
            c.sessionsNeeded = d
        }
        if let f = m["patience"] {
            if ["none", "unlimited", "infinite"].contains(f.scalarText?.lowercased() ?? "") {
                c.patience = nil
            } else if let d = f.distribution(.days) {
                if d.minimum < 0 { f.expected("a patience that cannot be negative (add min=0)") }
                c.patience = d
            }
        }
        if let f = m["no_show"], let nm = f.mapping(keys: ["first", "follow_up"]) {
            if let p = nm["first"]?.probability() { c.noShowFirst = p }
            if let p = nm["follow_up"]?.probability() { c.noShowFollowUp = p }
        }
        if let f = m["session_length"], let d = f.distribution(.days) {
            if d.minimum < 0 || d.mean <= 0 { f.expected("a session length > 0 (add min=0 to a normal)") }
            c.sessionLength = d
        }
        if let f = m["cadence"], let plan = decodeCadencePlan(f, severities: c.severity.names) { c.cadence = plan }
        config.clients = c
    }

    /// A mix `{name: share, …}` whose shares must sum to 1.
    func mix(_ field: Field, names allowed: [String]? = nil) -> Mix? {
        guard case .mapping(let map) = field.node, map.count > 0 else {
            field.expected("a mapping of shares such as {anxiety: 0.6, depression: 0.4}")
            return nil
        }
        var names: [String] = [], weights: [Double] = []
        var ok = true
        for (key, value) in map {
            guard let name = key.string else { continue }
            let entry = field.child(value, ".\(name)")
            if let allowed, !allowed.contains(name) {
                sink.error(entry.path, at: key.mark, "unknown category '\(name)'"
                    + Suggestions.hint(for: name, in: allowed, otherwise: "; expected one of \(allowed.joined(separator: ", "))"))
                ok = false
                continue
            }
            guard let share = entry.probability() else { ok = false; continue }
            names.append(name)
            weights.append(share)
        }
        guard ok else { return nil }
        let total = weights.reduce(0, +)
        // Shares that do not sum to 1 are refused rather than normalised: a typo in one share
        // would otherwise silently change every other.
        if abs(total - 1) > 0.001 {
            field.error("expected shares that sum to 1, found a sum of \(Units.format((total * 1e6).rounded() / 1e6))")
            return nil
        }
        if let allowed {
            // Keep the canonical order so severity indices line up with their weights.
            let ordered = allowed.filter(names.contains)
            let reordered = ordered.map { weights[names.firstIndex(of: $0)!] }
            return Mix(names: ordered, weights: reordered)
        }
        return Mix(names: names, weights: weights)
    }

    /// Multipliers by weekday or month; those not given are 1.
    func multipliers(_ field: Field, names: [String]) -> [Double] {
        var result = Array(repeating: 1.0, count: names.count)
        guard let m = field.mapping(keys: names) else { return result }
        for entry in m.entries {
            if let v = entry.value.number(.nonNegative), let i = names.firstIndex(of: entry.key) { result[i] = v }
        }
        if result.allSatisfy({ $0 == 0 }) { field.expected("at least one multiplier > 0") }
        return result
    }
}
