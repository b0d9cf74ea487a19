import RapportModel
import RapportRandom

extension ScenarioDecoder {
    static let pathwayKeys = ["assessment", "entry", "steps"]
    static let stepKeys = ["name", "therapists", "session_minutes", "sessions_needed", "no_show", "dropout", "matching",
                           "improvement", "step_up", "on_recovery", "group", "session_length"]
    static let assessmentKeys = ["therapists", "session_minutes", "no_show", "matching", "session_length"]

    /// `pathway:` — an optional assessment, entry rules and steps of care. Every problem is
    /// reported in one pass; the pathway is set only when it is whole.
    func decodePathway(_ field: Field, into config: inout ModelConfig) {
        guard let m = field.mapping(keys: Self.pathwayKeys) else { return }
        let errorsBefore = sink.errorCount
        let groupNames = config.therapistGroups.map(\.name)
        var servedBy: [String: String] = [:]
        var steps: [PathwayStep] = []
        let continuous = config.mode == .continuous

        func groups(_ f: Field?, step: String) -> [Int] {
            guard let f else { return [] }
            var result: [Int] = []
            for (i, name) in names(f).enumerated() {
                let item = f.sequence().flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? f
                guard let g = groupNames.firstIndex(of: name) else {
                    item.error("unknown therapist group '\(name)'" + Suggestions.hint(for: name, in: groupNames,
                        otherwise: "; the roster has \(groupNames.joined(separator: ", "))"))
                    continue
                }
                if let other = servedBy[name] {
                    item.error("therapist group '\(name)' already serves the step '\(other)'; give each step its own groups")
                    continue
                }
                servedBy[name] = step
                result.append(g)
            }
            if result.isEmpty, !sink.hasErrors { f.expected("at least one therapist group") }
            return result
        }
        func common(_ sm: MappingReader, into step: inout PathwayStep) {
            if let f = sm["session_minutes"], let v = f.number(.range(1, 600)) { step.sessionMinutes = v }
            if let f = sm["no_show"], let nm = f.mapping(keys: ["first", "follow_up"]) {
                if let p = nm["first"]?.probability() { step.noShowFirst = p }
                if let p = nm["follow_up"]?.probability() { step.noShowFollowUp = p }
            }
            if let f = sm["matching"], let policy = decodeMatching(f) { step.matching = policy }
            if let f = sm["session_length"], let d = f.distribution(.days) {
                if d.minimum < 0 || d.mean <= 0 { f.expected("a session length > 0") }
                step.serviceTime = d
            }
            if continuous && step.serviceTime == nil {
                sm.field.error("missing 'session_length' (each step's session length in continuous mode)")
            }
        }

        if let f = m["assessment"], let am = f.mapping(keys: Self.assessmentKeys) {
            if continuous { f.error("continuous mode validates steps in tandem and has no assessment") }
            var step = PathwayStep(name: "assessment", kind: .assessment,
                                   therapistGroups: groups(am.required("therapists", "the groups who assess"), step: "assessment"),
                                   sessionsNeeded: try! Distribution.constant(1), noShowFirst: config.clients.noShowFirst,
                                   noShowFollowUp: config.clients.noShowFollowUp, dropoutFirst: 0, dropoutLater: 0)
            step.matching = config.matching
            common(am, into: &step)
            steps.append(step)
        }
        let hasAssessment = !steps.isEmpty
        // Names first, so rules may name a step that comes later.
        let stepFields = m.required("steps", "the steps of care, in order of intensity")?.sequence() ?? []
        if stepFields.isEmpty, m["steps"] != nil { m["steps"]?.expected("at least one step") }
        var stepNames: [String] = hasAssessment ? ["assessment"] : []
        for sf in stepFields {
            guard case .mapping(let map) = sf.node, let node = map.first(where: { $0.key.string == "name" })?.value,
                  let name = sf.child(node, ".name").string() else { stepNames.append(""); continue }
            let nameField = sf.child(node, ".name")
            if name.contains(".") || name.contains(" ") { nameField.expected("a step name without dots or spaces, such as low_intensity") }
            if stepNames.contains(name) { nameField.error("step name '\(name)' is used twice (the assessment is called 'assessment')") }
            stepNames.append(name)
        }
        let treatment = Array(stepNames.dropFirst(hasAssessment ? 1 : 0))
        func stepIndex(_ f: Field) -> Int? {
            guard let name = f.string() else { return nil }
            guard let i = treatment.firstIndex(of: name), !name.isEmpty else {
                f.error("unknown step '\(name)'" + Suggestions.hint(for: name, in: treatment,
                    otherwise: "; the treatment steps are \(treatment.joined(separator: ", "))"))
                return nil
            }
            return i + (hasAssessment ? 1 : 0)
        }

        for (i, sf) in stepFields.enumerated() {
            guard let sm = sf.mapping(keys: Self.stepKeys) else { continue }
            let name = stepNames[i + (hasAssessment ? 1 : 0)]
            var kind = PathwayStep.Kind.individual
            if let gf = sm["group"], let gm = gf.mapping(keys: ["size", "start_at", "sessions", "load_per_extra_member"]) {
                if continuous { gf.error("continuous mode validates individual steps in tandem; groups need the weekly platform") }
                let size = gm.required("size", "the most members a group takes")?.integer(.range(1, 100)) ?? 1
                let startAt = gm["start_at"]?.integer(.range(1, 100)) ?? size
                if startAt > size { gm["start_at"]?.expected("at most the group's size (\(size))") }
                let sessions = gm.required("sessions", "the group's course length in sessions")?.integer(.range(1, 200)) ?? 1
                let load = gm["load_per_extra_member"]?.number(.nonNegative) ?? 0.1
                kind = .group(GroupFormat(size: size, startAt: min(startAt, size), sessions: sessions, loadPerExtraMember: load))
                if sm["sessions_needed"] != nil { sm["sessions_needed"]?.error("a group's course length is group.sessions; sessions_needed is for individual steps") }
                if sm["matching"] != nil { sm["matching"]?.error("group members join the first forming group with room; matching is for individual steps") }
            }
            var step = PathwayStep(name: name, kind: kind, therapistGroups: groups(sm.required("therapists", "the groups who serve the step"), step: name),
                                   sessionsNeeded: config.clients.sessionsNeeded, noShowFirst: config.clients.noShowFirst,
                                   noShowFollowUp: config.clients.noShowFollowUp, dropoutFirst: config.outcomes.dropoutFirst,
                                   dropoutLater: config.outcomes.dropoutLater)
            step.matching = config.matching
            common(sm, into: &step)
            if let f = sm["sessions_needed"], let d = f.distribution(.plain) {
                if d.maximum < 1 { f.expected("sessions needed of at least 1") }
                if !(d.mean <= ScenarioLimits.maxSessionsNeeded) { f.expected("sessions needed of at most 1000 on average") }
                step.sessionsNeeded = d
            }
            if let f = sm["dropout"], let dm = f.mapping(keys: ["first", "later"]) {
                if let p = dm["first"]?.probability() { step.dropoutFirst = p }
                if let p = dm["later"]?.probability() { step.dropoutLater = p }
            }
            if let f = sm["improvement"], let v = f.number(.range(0, 10)) { step.improvementScale = v }
            let me = i + (hasAssessment ? 1 : 0)
            let clinical = config.clinical.enabled
            let needsScores = { (f: Field) in
                if !clinical { f.error("needs symptom scores (outcomes.symptoms: true): the rule reads PHQ-9 and GAD-7") }
            }
            if let f = sm["step_up"], let um = f.mapping(keys: ["to", "no_reliable_improvement_by", "still_a_case_at_end"]) {
                needsScores(f)
                let to = um.required("to", "the step clients move up to").flatMap(stepIndex)
                if to == me { um["to"]?.error("a step cannot step up to itself") }
                let by = um["no_reliable_improvement_by"]?.integer(.range(1, 1000))
                let atEnd = um["still_a_case_at_end"]?.bool() ?? false
                if by == nil && !atEnd { f.expected("no_reliable_improvement_by: N, still_a_case_at_end: true, or both") }
                if let to { step.stepUp = StepUpRule(to: to, noReliableImprovementBy: by, stillACaseAtEnd: atEnd) }
            }
            if let f = sm["on_recovery"], let rm = f.mapping(keys: ["then", "to", "after", "consecutive"]) {
                needsScores(f)
                var action = RecoveryRule.Action.discharge
                switch rm["then"]?.scalarText ?? "discharge" {
                case "discharge":
                    if rm["to"] != nil { rm["to"]?.error("'to' names the step of a step-down; discharge has none") }
                case "step-down":
                    if let to = rm.required("to", "the step clients move down to").flatMap(stepIndex) {
                        if to == me { rm["to"]?.error("a step cannot step down to itself") }
                        action = .stepDown(to)
                    }
                default: rm["then"]?.expected("'discharge' or 'step-down'")
                }
                let after = rm["after"]?.integer(.range(1, 1000)) ?? 2
                let consecutive = rm["consecutive"]?.integer(.range(1, 1000)) ?? 2
                step.onRecovery = RecoveryRule(action: action, afterSessions: after, consecutive: consecutive)
            }
            steps.append(step)
        }

        var rules: [EntryRule] = []
        if let f = m["entry"], let items = f.sequence() {
            if continuous { f.error("continuous mode sends every client through the steps in order; entry rules need the weekly platform") }
            let severities = Self.severityNames, concerns = config.clients.concerns.names
            for (i, item) in items.enumerated() {
                guard let rm = item.mapping(keys: ["severity", "concern", "step"]) else { continue }
                func indices(_ f: Field?, _ choices: [String], _ what: String) -> Set<Int> {
                    guard let f else { return [] }
                    var result = Set<Int>()
                    for name in names(f) {
                        if let k = choices.firstIndex(of: name) { result.insert(k) }
                        else { f.error("unknown \(what) '\(name)'" + Suggestions.hint(for: name, in: choices, otherwise: "; expected one of \(choices.joined(separator: ", "))")) }
                    }
                    return result
                }
                let rule = EntryRule(severities: indices(rm["severity"], severities, "severity"),
                                     concerns: indices(rm["concern"], concerns, "concern"),
                                     step: rm.required("step", "the step these clients enter").flatMap(stepIndex) ?? 0)
                if i == items.count - 1, !rule.severities.isEmpty || !rule.concerns.isEmpty {
                    item.error("the last entry rule must name only a step (the default for everyone else)")
                }
                rules.append(rule)
            }
        } else if treatment.count > 1 && !continuous {
            m.field.error("missing 'entry' (which treatment step clients enter, by severity and concern; the last rule names only a step)")
        }
        let unserved = groupNames.filter { servedBy[$0] == nil }
        if !unserved.isEmpty {
            field.error("therapist group\(unserved.count > 1 ? "s" : "") \(unserved.map { "'\($0)'" }.joined(separator: ", ")) serve\(unserved.count > 1 ? "" : "s") no step of the pathway; name each group under a step")
        }
        guard sink.errorCount == errorsBefore, !steps.isEmpty else { return }
        config.pathway = PathwayConfig(steps: steps, hasAssessment: hasAssessment, entryRules: rules)
    }
}
