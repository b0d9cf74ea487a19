import RapportModel
import RapportRandom

extension ScenarioDecoder {
    static let groupKeys = ["group", "name", "count", "proficiency", "languages", "modalities", "working_days",
                            "slots_per_day", "fte", "sustainable_level", "stated_threshold", "experience"]

    func decodeTherapists(_ field: Field, into config: inout ModelConfig) {
        guard let entries = field.sequence() else { return }
        if entries.isEmpty { field.expected("at least one therapist group") }
        var groups: [TherapistGroup] = []
        var total = 0
        for entry in entries {
            guard let m = entry.mapping(keys: Self.groupKeys) else { continue }
            let isPerson = m["name"] != nil
            if isPerson, m["group"] != nil { m["name"]?.error("a roster entry is either a group (group:, count:) or one person (name:), not both") }
            guard let name = (m["group"] ?? m["name"])?.string(), !["~", "null"].contains(name) else {
                entry.error("missing 'group' (a group's name) or 'name' (one listed person)")
                continue
            }
            var count = 1
            if !isPerson {
                count = m.required("count", "how many therapists are in the group")?.integer(.nonNegative) ?? 0
            } else if let c = m["count"] {
                c.error("a listed person has no count; use group: and count: for several alike")
            }
            total += count
            var group = TherapistGroup(name: name, count: count)
            if let p = m["proficiency"] { decodeProficiency(p, concerns: config.clients.concerns.names, into: &group) }
            if let l = m["languages"] { group.languages = names(l) }
            if let l = m["modalities"] { group.modalities = names(l) }
            if let w = m["working_days"] {
                let days = names(w)
                var mask = Array(repeating: false, count: 7)
                for (i, day) in days.enumerated() {
                    if let d = Self.weekdays.firstIndex(of: day.lowercased()) {
                        mask[d] = true
                    } else {
                        let item = w.sequence()?[i] ?? w
                        item.error("unknown weekday '\(day)'" + Suggestions.hint(for: day, in: Self.weekdays,
                            otherwise: "; weekdays are written mon, tue, wed, thu, fri, sat, sun"))
                    }
                }
                if !mask.contains(true) { w.expected("at least one working day, such as [mon, tue, wed, thu, fri]") }
                group.workingDays = mask
            }
            if let s = m["slots_per_day"] {
                group.slotsPerDay = s.integer(.range(1, Double(ScenarioLimits.maxSlotsPerDay))) ?? group.slotsPerDay
            }
            if let f = m["fte"], let fte = f.number(.range(0.01, 1.5)) {
                let most = Double(group.workingDayCount) / 5
                if fte > most + 1e-9 {
                    f.expected("an FTE of at most \(Units.format(most)) over \(group.workingDayCount) working days (days / 5); add working days for more")
                }
                group.fte = fte
            }
            if let s = m["sustainable_level"], let d = sessionsADay(s, "a sustainable level") {
                group.sustainableLevel = d
            }
            if let s = m["stated_threshold"], let d = sessionsADay(s, "a stated threshold") {
                if let level = m["sustainable_level"] {
                    level.error("a group gives either its true sustainable level or the thresholds its therapists state (stated_threshold:, whose levels the self-assessment model then implies), not both")
                }
                group.statedThreshold = d
            }
            if let e = m["experience"], let d = e.distribution(.plain) {
                if d.minimum < 0 { e.expected("years of experience that cannot be negative (add min=0)") }
                group.experienceYears = d
            }
            groups.append(group)
        }
        if total > ScenarioLimits.maxTherapists {
            field.error("expected at most \(ScenarioLimits.maxTherapists) therapists in all, found \(total); a larger roster would not fit in memory and time")
        }
        config.therapistGroups = groups
    }

    /// A spread of sessions a day across a group: not negative, a mean above 0 and at most 24.
    private func sessionsADay(_ field: Field, _ what: String) -> Distribution? {
        guard let d = field.distribution(.plain) else { return nil }
        if d.minimum < 0 { field.expected("\(what) that cannot be negative (add min=0)") }
        if !(d.mean > 0) { field.expected("\(what) > 0 sessions a day") }
        if !(d.mean <= ScenarioLimits.maxSustainableLevel) || d.minimum > ScenarioLimits.maxSustainableLevel {
            field.expected("\(what) of at most 24 sessions a day")
        }
        return d
    }

    private func decodeProficiency(_ field: Field, concerns: [String], into group: inout TherapistGroup) {
        guard case .mapping(let map) = field.node else { field.expected("a mapping of concerns to proficiency, such as {anxiety: 0.8, default: 0.4}"); return }
        for (key, value) in map {
            guard let concern = key.string else { continue }
            if concern != "default", !concerns.contains(concern) {
                sink.error(field.path + ".\(concern)", at: key.mark,
                           "'\(concern)' is not a concern in clients.concerns" + Suggestions.hint(for: concern, in: concerns + ["default"]))
                continue
            }
            guard let p = field.child(value, ".\(concern)").number(.probability) else { continue }
            if concern == "default" { group.defaultProficiency = p } else { group.proficiency[concern] = p }
        }
    }

    /// A list of names, or a single name.
    func names(_ field: Field) -> [String] {
        if let text = field.scalarText, !text.isEmpty { return [text] }
        guard let items = field.sequence() else { return [] }
        return items.compactMap { $0.string() }
    }
}
