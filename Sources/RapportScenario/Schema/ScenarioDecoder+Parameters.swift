import Yams
import RapportModel
import RapportRandom

extension ScenarioDecoder {
    func decodeFit(_ field: Field, into config: inout ModelConfig) {
        guard let m = field.mapping(keys: ["weights", "experience_needed", "hard_constraints", "well_matched"]) else { return }
        var fit = config.fit
        if let w = m["weights"], let wm = w.mapping(keys: ["concern", "severity", "preferences"]) {
            // Weights are relative; a bound keeps their sum finite (1e308 each would overflow it
            // and zero every match quality).
            let weight = NumberRequirement.range(0, 1_000_000)
            if let v = wm["concern"]?.number(weight) { fit.concern = v }
            if let v = wm["severity"]?.number(weight) { fit.severity = v }
            if let v = wm["preferences"]?.number(weight) { fit.preferences = v }
            if fit.concern + fit.severity + fit.preferences <= 0 { w.expected("at least one weight > 0") }
        }
        if let e = m["experience_needed"], let em = e.mapping(keys: Self.severityNames) {
            let order = Self.severityNames
            for entry in em.entries {
                if let years = entry.value.number(.nonNegative), let i = order.firstIndex(of: entry.key) { fit.experienceNeeded[i] = years }
            }
        }
        if let h = m["hard_constraints"] {
            let items = names(h)
            fit.languageIsHard = false
            fit.modalityIsHard = false
            for (i, item) in items.enumerated() {
                switch item {
                case "language": fit.languageIsHard = true
                case "modality": fit.modalityIsHard = true
                default:
                    let at = h.sequence()?[i] ?? h
                    at.error("unknown hard constraint '\(item)'" + Suggestions.hint(for: item, in: ["language", "modality"])
                        + "; hard constraints are language and modality")
                }
            }
        }
        if let v = m["well_matched"]?.probability() { fit.wellMatched = v }
        config.fit = fit
    }

    func decodeOutcomes(_ field: Field, into config: inout ModelConfig) {
        guard let m = field.mapping(keys: ["dropout", "quality_effect", "therapist_spread", "exhaustion_quality_loss",
                                           "overload_quality_loss", "burnout_quality_loss", "rematch_dropout", "symptoms",
                                           "improvement_rate", "quality_on_improvement", "therapist_effect", "session_noise",
                                           "deterioration", "hoped_change", "return_sensitivity", "early_sensitivity",
                                           "discharge_after"]) else { return }
        var o = config.outcomes
        if let d = m["dropout"], let dm = d.mapping(keys: ["first", "later"]) {
            if let v = dm["first"]?.probability() { o.dropoutFirst = v }
            if let v = dm["later"]?.probability() { o.dropoutLater = v }
        }
        if let v = m["quality_effect"]?.number(.nonNegative) { o.qualityEffect = v }
        if let v = m["therapist_spread"]?.number(.range(0, 3)) { o.therapistSpread = v }
        if let v = m["exhaustion_quality_loss"]?.probability() { o.exhaustionQualityLoss = v }
        if let v = m["overload_quality_loss"]?.probability() { o.overloadQualityLoss = v }
        if let v = m["burnout_quality_loss"]?.probability() { o.burnoutQualityLoss = v }
        if let v = m["rematch_dropout"]?.probability() { o.rematchDropout = v }
        config.outcomes = o
        var c = config.clinical
        if let v = m["symptoms"]?.bool() { c.enabled = v }
        if let v = m["improvement_rate"]?.number(.range(0, 0.95)) { c.improvementRate = v }
        if let v = m["quality_on_improvement"]?.number(.range(0, 10)) { c.qualityEffect = v }
        if let v = m["therapist_effect"]?.number(.range(0, 3)) { c.therapistEffect = v }
        if let v = m["session_noise"]?.number(.range(0, 27)) { c.sessionNoise = v }
        if let d = m["deterioration"], let dm = d.mapping(keys: ["chance", "mean"]) {
            if let v = dm["chance"]?.probability() { c.deteriorationChance = v }
            if let v = dm["mean"]?.number(.range(0, 27)) { c.deteriorationMean = v }
        }
        if let v = m["hoped_change"]?.number(.range(-27, 27)) { c.hopedChange = v }
        if let v = m["return_sensitivity"]?.number(.range(0, 10)) { c.returnSensitivity = v }
        if let v = m["early_sensitivity"]?.number(.range(0, 10)) { c.earlySensitivity = v }
        if let f = m["discharge_after"] {
            if f.scalarText == "never" { c.dischargeAfter = nil }
            else if let n = f.integer(.range(2, ScenarioLimits.maxSessionsNeeded)) { c.dischargeAfter = n }
        }
        config.clinical = c
    }

    func decodeWellbeing(_ field: Field, into config: inout ModelConfig) {
        guard let m = field.mapping(keys: ["enabled", "growth_per_extra_session", "severity_weights", "admin_per_session",
                                           "admin_per_day", "outside_stress", "recovery_half_life",
                                           "day_off_half_life", "burnout_threshold", "sick_days_per_year", "sick_spell_mean",
                                           "burnout_sick_multiplier", "long_leave", "quits_per_year",
                                           "burnout_quit_multiplier", "stated_threshold"]) else { return }
        var w = config.wellbeing
        if let v = m["enabled"]?.bool() { w.enabled = v }
        if let v = m["growth_per_extra_session"]?.number(.range(0, WellbeingConfig.maximum)) { w.growthPerExtraSession = v }
        if let s = m["severity_weights"], let sm = s.mapping(keys: Self.severityNames) {
            let order = Self.severityNames
            for entry in sm.entries {
                if let v = entry.value.number(.range(0, 10)), let i = order.firstIndex(of: entry.key) { w.severityWeights[i] = v }
            }
        }
        if let v = m["admin_per_session"]?.number(.range(0, 10)) { w.adminPerSession = v }
        if let v = m["admin_per_day"]?.number(.range(0, 24)) { w.adminPerDay = v }
        if let s = m["outside_stress"], let sm = s.mapping(keys: ["per_year", "size"]) {
            if let v = sm["per_year"]?.number(.range(0, 365)) { w.outsideStressPerYear = v }
            if let f = sm["size"], let d = f.distribution(.plain) {
                if d.minimum < 0 { f.expected("a stress size that cannot be negative (add min=0)") }
                if !(d.mean <= WellbeingConfig.maximum) { f.expected("a mean stress size of at most 54 exhaustion points") }
                w.outsideStressSize = d
            }
        }
        if let v = m["recovery_half_life"]?.duration() { w.recoveryHalfLife = v }
        if let v = m["day_off_half_life"]?.duration() { w.dayOffHalfLife = v }
        if let v = m["burnout_threshold"]?.number(.range(0, WellbeingConfig.maximum)) { w.burnoutThreshold = v }
        if let v = m["sick_days_per_year"]?.number(.range(0, 365)) { w.sickDaysPerYear = v }
        if let v = m["sick_spell_mean"]?.duration() { w.sickSpellMeanDays = v }
        if let v = m["burnout_sick_multiplier"]?.number(.range(0, 1000)) { w.burnoutSickMultiplier = v }
        if let v = m["long_leave"]?.duration() { w.longLeaveDays = v }
        if let v = m["quits_per_year"]?.number(.range(0, 12)) { w.quitsPerYear = v }
        if let v = m["burnout_quit_multiplier"]?.number(.range(0, 1000)) { w.burnoutQuitMultiplier = v }
        if let s = m["stated_threshold"], let sm = s.mapping(keys: ["error", "optimism", "review_every", "review_weight"]) {
            if let f = sm["error"], let d = f.distribution(.plain) {
                if !(d.mean.magnitude <= ScenarioLimits.maxSustainableLevel) { f.expected("a threshold error of at most 24 sessions a day") }
                w.statedThreshold.error = d
            }
            if let v = sm["optimism"]?.number(.range(-ScenarioLimits.maxSustainableLevel, ScenarioLimits.maxSustainableLevel)) {
                w.statedThreshold.optimism = v
            }
            if let f = sm["review_every"] {
                if f.scalarText == "never" || f.scalarText == "none" { w.statedThreshold.reviewEveryDays = nil }
                else if let d = f.duration() {
                    if d < 1 || d != d.rounded() { f.expected("a whole number of days, such as 12w") }
                    w.statedThreshold.reviewEveryDays = d
                }
            }
            if let v = sm["review_weight"]?.probability() { w.statedThreshold.reviewWeight = v }
        }
        config.wellbeing = w
    }

    func decodeStaffing(_ field: Field, into config: inout ModelConfig) {
        guard let m = field.mapping(keys: ["replace_departures", "hiring_lag", "ramp_up", "hires"]) else { return }
        var s = config.staffing
        if let v = m["replace_departures"]?.bool() { s.replaceDepartures = v }
        if let f = m["hiring_lag"], let d = f.distribution(.days) {
            if d.minimum < 0 { f.expected("a hiring lag that cannot be negative (add min=0)") }
            s.hiringLag = d
        }
        if let v = m["ramp_up"]?.duration(positive: false) { s.rampUpDays = v }
        if let list = m["hires"]?.sequence() {
            let groupNames = config.therapistGroups.map(\.name)
            for entry in list {
                guard let hm = entry.mapping(keys: ["at", "group", "count"]) else { continue }
                let day = hm.required("at", "when they start, such as 8w")?.duration(positive: false)
                let count = hm.required("count", "how many start")?.integer(.positive)
                guard let g = hm.required("group", "which therapist group they join"), let name = g.string() else { continue }
                guard let index = groupNames.firstIndex(of: name) else {
                    g.error("no therapist group is named '\(name)'" + Suggestions.hint(for: name, in: groupNames))
                    continue
                }
                if let day, let count { s.scheduledHires.append(ScheduledHire(day: day, group: index, count: count)) }
            }
        }
        config.staffing = s
    }

    /// Checks that need the whole configuration: hard constraints nobody can meet, sizes that
    /// would not finish, and loads at or above capacity.
    func checkFeasibility(_ config: ModelConfig, _ m: MappingReader) {
        // Checks across sections would mostly repeat, in other words, an error already reported.
        guard !config.therapistGroups.isEmpty, !sink.hasErrors else { return }
        if config.fit.languageIsHard {
            let spoken = Set(config.therapistGroups.filter { $0.count > 0 }.flatMap(\.languages))
            for (i, language) in config.clients.language.names.enumerated()
            where config.clients.language.share(i) > 0 && !spoken.contains(language) {
                // With the default mix there is no line for the language; the roster is what to change.
                sink.error("clients.language.\(language)", at: markOf(["clients", "language", language], in: m) ?? m["therapists"]?.mark,
                           "no therapist speaks '\(language)' and language is a hard constraint; these clients could never be matched")
            }
        }
        if config.fit.modalityIsHard {
            let offered = Set(config.therapistGroups.filter { $0.count > 0 }.flatMap(\.modalities))
            for (i, modality) in config.clients.modality.names.enumerated()
            where config.clients.modality.share(i) > 0 && !offered.contains(modality) {
                sink.error("clients.modality.\(modality)", at: markOf(["clients", "modality", modality], in: m) ?? m["therapists"]?.mark,
                           "no therapist offers '\(modality)' and modality is a hard constraint; these clients could never be matched")
            }
        }
        checkResolvedSizes(config, m)
        if config.initialHeadcount == 0 && config.staffing.scheduledHires.isEmpty {
            sink.error("therapists", at: m["therapists"]?.mark, "expected at least one therapist, found a roster of 0")
        }
        // A load estimate from a broken configuration would only add noise to the real errors. The
        // estimate is of one queue to every therapist; a pathway's steps are not that queue. The
        // base of a scenario with variants is never run, so its load concerns nobody.
        if !sink.hasErrors && config.pathway == nil && !sink.decodingBaseOfVariants { checkLoad(config, m) }
    }

    /// The size limits, applied to what the run will really hold (peak arrivals a day with the
    /// calendar multipliers, arrivals in a replication whatever stops them, every therapist ever
    /// employed), so no single key can slip past them.
    private func checkResolvedSizes(_ config: ModelConfig, _ m: MappingReader) {
        let c = config.clients
        let peakWeekday = c.weekdayMultipliers.max() ?? 1, peakMonth = c.monthMultipliers.max() ?? 1
        let peakPerDay = c.arrivalsPerDay * peakWeekday * peakMonth
        if peakPerDay > ScenarioLimits.maxArrivalsPerDay {
            let weekdayBlames = peakWeekday >= peakMonth
            let names = weekdayBlames ? Self.weekdays : Self.months
            let index = (weekdayBlames ? c.weekdayMultipliers : c.monthMultipliers).firstIndex(of: weekdayBlames ? peakWeekday : peakMonth) ?? 0
            let path = ["clients", "arrivals", weekdayBlames ? "weekday" : "month", names[index]]
            sink.error(path.joined(separator: "."), at: markOf(path, in: m) ?? markOf(["clients", "arrivals", "rate"], in: m),
                       "the busiest day would bring about \(Units.format(peakPerDay.rounded())) arrivals (rate × weekday × month multipliers); expected at most 10,000,000 a day")
        }
        let meanRate = c.arrivalsPerDay * Self.mean(c.weekdayMultipliers) * Self.mean(c.monthMultipliers)
        let expectedArrivals = min(meanRate * config.horizon, Double(config.stopAfterArrivals ?? Int.max))
        if expectedArrivals > ScenarioLimits.maxArrivalsPerReplication {
            let stopped = config.stopAfterArrivals != nil
            let path = stopped ? ["stop_after_arrivals"] : ["clients", "arrivals", "rate"]
            sink.error(path.joined(separator: "."), at: markOf(path, in: m),
                       "expected at most 200,000,000 arrivals in one replication, found about \(Units.format(expectedArrivals.rounded())); shorten the horizon or lower the rate")
        }
        let everEmployed = config.therapistGroups.reduce(0.0) { $0 + Double($1.count) }
            + config.staffing.scheduledHires.reduce(0.0) { $0 + Double($1.count) }
        if everEmployed > Double(ScenarioLimits.maxTherapists) {
            sink.error("staffing.hires", at: markOf(["staffing", "hires"], in: m) ?? m["therapists"]?.mark,
                       "expected at most \(ScenarioLimits.maxTherapists) therapists in all, roster and scheduled hires together, found \(Units.format(everEmployed)); a larger platform would not fit in memory and time")
        }
        checkCategoryCounts(config, m)
    }

    /// Languages and modalities are bits of a 64-bit mask per therapist group: more would not be
    /// told apart (matching took the 65th and later for languages no therapist speaks).
    private func checkCategoryCounts(_ config: ModelConfig, _ m: MappingReader) {
        for (key, clientNames, groupNames) in [("language", config.clients.language.names, config.therapistGroups.map(\.languages)),
                                               ("modality", config.clients.modality.names, config.therapistGroups.map(\.modalities))] {
            let distinct = Set(clientNames + groupNames.flatMap { $0 }).count
            guard distinct > ScenarioLimits.maxLanguagesOrModalities else { continue }
            sink.error("clients.\(key)", at: markOf(["clients", key], in: m) ?? m["therapists"]?.mark,
                       "expected at most \(ScenarioLimits.maxLanguagesOrModalities) distinct \(key == "language" ? "languages" : "modalities") across clients and therapists, found \(distinct)")
        }
        if config.clients.concerns.names.count > ScenarioLimits.maxConcerns {
            sink.error("clients.concerns", at: markOf(["clients", "concerns"], in: m) ?? m["clients"]?.mark,
                       "expected at most \(ScenarioLimits.maxConcerns) concerns, found \(config.clients.concerns.names.count)")
        }
    }

    private static func mean(_ values: [Double]) -> Double { values.isEmpty ? 1 : values.reduce(0, +) / Double(values.count) }

    private func checkLoad(_ config: ModelConfig, _ m: MappingReader) {
        let c = config.initialHeadcount
        guard c > 0 else { return }
        let load: Double
        switch config.mode {
        case .continuous:
            load = config.clients.arrivalsPerDay * config.clients.sessionLength.mean / Double(c)
        case .weekly:
            let sessions = Self.expectedWeeksInTreatment(config)
            var weeklyCapacity = 0.0
            for group in config.therapistGroups {
                var level = config.quota.dailyLevel(statedThreshold: config.expectedStatedThreshold(group), rankPenalty: 0)
                if case .fixedQuota = config.quota.rule { level *= group.dayShare }
                level = min(Double(config.sessionsFitting(group)), level)
                weeklyCapacity += Double(group.count) * level * Double(group.workingDayCount)
            }
            load = weeklyCapacity > 0 ? config.clients.arrivalsPerDay * 7 * sessions / weeklyCapacity : .infinity
        }
        if !load.isFinite {
            sink.warning("clients.arrivals.rate", at: markOf(["clients", "arrivals", "rate"], in: m),
                         "the roster has no capacity for this demand\(sink.variant.map { " under variant \($0)" } ?? ""): the waitlist will grow without bound; the run still ends at its horizon")
        } else if load >= 1 {
            let demand = "demand is about \(Units.format((load * 100).rounded()))% of capacity" + (sink.variant.map { " under variant \($0)" } ?? "")
            if let patience = config.clients.patience {
                // Clients who give up bound the waitlist: it levels off where abandonments take
                // the excess, about (load − 1) / load of referrals.
                let givingUp = Units.format(((load - 1) / load * 100).rounded())
                sink.warning("clients.arrivals.rate", at: markOf(["clients", "arrivals", "rate"], in: m),
                             "\(demand): the waitlist stays bounded because clients give up (patience mean \(Units.formatDays(patience.mean))), but about \(givingUp)% of referrals will give up before a first appointment")
            } else {
                sink.warning("clients.arrivals.rate", at: markOf(["clients", "arrivals", "rate"], in: m),
                             "\(demand) and nobody gives up (patience: none): the waitlist will grow without bound; the run still ends at its horizon")
            }
        }
    }

    /// Weeks a client holds a slot, roughly: sessions needed, cut short by dropout at average
    /// quality, stretched by no-shows. Only for the up-front warning.
    static func expectedWeeksInTreatment(_ config: ModelConfig) -> Double {
        let o = config.outcomes
        // Averaged over draws from a stream of its own, so the estimate is the same every time.
        let stream = RandomStream(seed: 0, replication: 0, name: "load-estimate")
        let draws = 2000
        var total = 0.0
        for _ in 0..<draws {
            let needed = max(1, Int(min(ScenarioLimits.maxSessionsNeeded, config.clients.sessionsNeeded.sample(stream)).rounded()))
            var survival = 1.0
            for k in 0..<needed {
                total += survival / (1 - 0.999 * (k == 0 ? config.clients.noShowFirst : config.clients.noShowFollowUp))
                survival *= 1 - min(1, k == 0 ? o.dropoutFirst : o.dropoutLater)
            }
        }
        return total / Double(draws)
    }

    /// The mark of the value at `path` under the top-level mapping, if present.
    func markOf(_ path: [String], in m: MappingReader) -> Yams.Mark? {
        var node = m.field.node
        for key in path {
            guard case .mapping(let map) = node, let next = map[key] else { return nil }
            node = next
        }
        return node.mark
    }
}

