import RapportModel

/// Cadence, caseload regimes and non-clinical time: how much of a therapist's week goes to whom.
extension ScenarioDecoder {
    static let cadenceExample = "weekly, fortnightly or {weekly_for: 6, then: fortnightly}"

    /// `weekly`, `fortnightly`, `{weekly_for: 6, then: fortnightly}`, or one of those per severity:
    /// `{mild: fortnightly, moderate: weekly, severe: weekly}`.
    func decodeCadencePlan(_ field: Field, severities: [String]) -> CadencePlan? {
        if case .mapping(let map) = field.node, map.count > 0,
           map.keys.allSatisfy({ $0.string.map(Self.severityNames.contains) ?? false }) {
            guard let m = field.mapping(keys: Self.severityNames) else { return nil }
            var bySeverity = Array(repeating: Cadence.weekly, count: severities.count)
            for entry in m.entries {
                guard let i = severities.firstIndex(of: entry.key) else {
                    entry.value.error("'\(entry.key)' is not in clients.severity")
                    continue
                }
                if let cadence = decodeCadence(entry.value) { bySeverity[i] = cadence }
            }
            return CadencePlan(bySeverity: bySeverity)
        }
        return decodeCadence(field).map(CadencePlan.init)
    }

    func decodeCadence(_ field: Field) -> Cadence? {
        if let text = field.scalarText {
            switch text {
            case "weekly": return .weekly
            case "fortnightly": return .fortnightly
            default:
                field.error("unknown cadence '\(text)'" + Suggestions.hint(for: text, in: ["weekly", "fortnightly"],
                    otherwise: "; expected \(Self.cadenceExample)"))
                return nil
            }
        }
        guard let m = field.mapping(keys: ["weekly_for", "then"]) else { return nil }
        let weeks = m.required("weekly_for", "how many sessions are weekly before the cadence tapers")?.integer(.range(1, ScenarioLimits.maxSessionsNeeded))
        if let then = m.required("then", "the cadence after, which can only be fortnightly") {
            if then.scalarText != "fortnightly" { then.expected("fortnightly (the only cadence a weekly start tapers to)") }
        }
        return weeks.map { .tapering(weeklyFor: $0) }
    }

    /// `caseload-requirement: {active_clients: 25}` and `caseload-ceiling: {active_clients: 30}`.
    func decodeCaseload(_ policy: MappingReader, into config: inout ModelConfig) {
        func activeClients(_ key: String) -> Int? {
            guard let f = policy[key], let m = f.mapping(keys: ["active_clients"]) else { return nil }
            return m.required("active_clients", "the number of active clients, as in {active_clients: 25}")?
                .integer(.range(1, Double(ScenarioLimits.maxSlotsPerDay * 7 * 2)))
        }
        config.caseload.requirement = activeClients("caseload-requirement")
        config.caseload.ceiling = activeClients("caseload-ceiling")
        if let r = config.caseload.requirement, let c = config.caseload.ceiling, r > c {
            policy["caseload-requirement"]?.expected("a requirement no higher than the caseload ceiling (\(c) active clients)")
        }
    }

    /// `non_clinical: {session: 50m, notes: 10m, supervision: 1h/week, training: 5/year, load_weight: 0.5}`.
    func decodeNonClinical(_ field: Field, into config: inout ModelConfig) {
        guard let m = field.mapping(keys: ["session", "notes", "supervision", "training", "load_weight"]) else { return }
        var time = NonClinicalTime()
        if let f = m["session"], let days = f.duration() {
            if days * 1440 > 24 * 60 { f.expected("a session of at most 24h") }
            time.sessionMinutes = days * 1440
        }
        if let f = m["notes"], let days = f.duration(positive: false) {
            if days * 1440 > 24 * 60 { f.expected("notes of at most 24h a session") }
            time.notesMinutes = days * 1440
        }
        // A rate of time: hours of supervision per week, written as `1h/week` or `90m/2w`.
        if let f = m["supervision"] {
            if let text = f.scalarText, let (amount, per) = Self.splitRate(text), let hours = Units.days(amount).map({ $0 * 24 }),
               let span = Units.daysPerUnit(per) ?? Units.days(per), span > 0, hours >= 0 {
                time.supervisionHoursPerWeek = hours / span * 7
            } else {
                f.expected("supervision time per period, such as 1h/week or 90m/2w")
            }
        }
        if let f = m["training"], let perDay = f.rate() {
            if perDay * 365 > 365 { f.expected("at most 365 training days a year, such as 5/year") }
            time.trainingDaysPerYear = perDay * 365
        }
        if let f = m["load_weight"], let w = f.number(.range(0, 5)) { time.loadWeight = w }
        config.nonClinical = time
    }

    private static func splitRate(_ text: String) -> (String, String)? {
        let parts = text.split(separator: "/", maxSplits: 1).map { $0.trimmingWhitespace() }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// Capacity that cannot hold what the scenario asks of it, refused before a run: a caseload
    /// requirement no therapist's grid can carry, non-clinical time that leaves no session in a
    /// day, an FTE above what the working days allow.
    func checkCapacity(_ config: ModelConfig, _ m: MappingReader) {
        let allFortnightly = config.clients.cadence.bySeverity.isEmpty && config.clients.cadence.other == .fortnightly
        for (i, group) in config.therapistGroups.enumerated() {
            let sessions = config.sessionsFitting(group)
            if sessions < 1 {
                sink.error("therapists[\(i)]", at: markOf(["non_clinical"], in: m) ?? markOf(["therapists"], in: m),
                           "group '\(group.name)': no session fits a working day of \(Units.format(Double(group.slotsPerDay) * group.dayShare)) hours after notes and supervision; lower non_clinical time or raise slots_per_day")
                continue
            }
            if let requirement = config.caseload.requirement {
                // Weekly clients hold a slot every week; only when every client is fortnightly can
                // two share one.
                let carries = sessions * group.workingDayCount * (allFortnightly ? 2 : 1)
                if requirement > carries {
                    sink.error("policy.caseload-requirement", at: markOf(["policy", "caseload-requirement"], in: m),
                               "group '\(group.name)' cannot carry \(requirement) active clients: its grid holds \(carries) (\(sessions) sessions a day over \(group.workingDayCount) days\(allFortnightly ? ", two fortnightly clients to a slot" : "")); lower the requirement")
                }
            }
        }
    }
}
