import Foundation
import RapportModel
import RapportRandom

/// What `therapists.csv` says: groups, quits, sick leave, hiring lag and stated thresholds.
enum StaffFit {
    /// Days employed within the extract's window.
    static func employedDays(_ t: TherapistRecord, _ extract: PlatformExtract) -> Int {
        let from = max(t.startDay, extract.firstDay), to = min(t.endDay ?? extract.lastDay, extract.lastDay)
        return max(0, to - from)
    }

    static func groups(_ extract: PlatformExtract, confidence: Double, into result: inout PlatformFitResult) {
        let names = extract.therapists.reduce(into: [String]()) { if !$0.contains($1.group) { $0.append($1.group) } }
        for name in names {
            let members = extract.therapists.filter { $0.group == name }
            func mostCommon<T: Hashable>(_ values: [T]) -> T {
                var counts: [T: Int] = [:]
                for v in values { counts[v, default: 0] += 1 }
                return values.first { counts[$0] == counts.values.max() }!
            }
            let languages = mostCommon(members.map(\.languages)), modalities = mostCommon(members.map(\.modalities))
            let days = mostCommon(members.map(\.workingDays))
            let differing = members.filter { $0.languages != languages || $0.modalities != modalities || $0.workingDays != days }.count
            let current = members.filter { ($0.endDay ?? Int.max) > extract.lastDay && $0.startDay <= extract.lastDay }.count
            var group = FittedGroup(name: name, count: current, everEmployed: members.count, languages: languages, modalities: modalities,
                                    workingDays: days, differing: differing)
            let thresholds = members.compactMap(\.statedThreshold)
            if thresholds.count >= 5 {
                let observations = thresholds.map(Observation.exact)
                group.statedThreshold = DistributionFit.fit(observations, families: [.uniform, .normal, .gamma, .lognormal],
                                                            quantity: "stated threshold (\(name))", path: "therapists[\(name)].stated_threshold",
                                                            unit: "sessions a day", confidence: confidence)
                if let fit = group.statedThreshold { result.distributions.append(fit) }
            } else {
                result.notes.append("therapists (\(name)): \(thresholds.count) stated thresholds; at least 5 are needed to fit them, so the default sustainable level is kept")
            }
            if differing > 0 {
                result.notes.append("therapists (\(name)): \(differing) of \(members.count) have other languages, modalities or working days than the group's most common; split the group to keep them apart")
            }
            result.groups.append(group)
        }
    }

    /// Quits a year: departures over years employed (a Poisson rate, as the model's daily hazard).
    static func quits(_ extract: PlatformExtract, confidence: Double, into result: inout PlatformFitResult) {
        let t = extract.therapists
        let days = t.reduce(0) { $0 + employedDays($1, extract) }
        guard days > 0 else { return }
        let quits = t.filter { ($0.endDay ?? Int.max) <= extract.lastDay && $0.endDay! >= extract.firstDay }.count
        let v = ProportionFit.rate("wellbeing.quits_per_year", quits, per: Double(days), scale: 365, rows: t.count, confidence: confidence,
                                   method: "departures per year employed (Poisson, exact interval)")
        result.values.append(v)
        result.quitsPerYear = v.estimate
    }

    /// Sick leave: spells start at a constant rate on days at work, and each keeps the therapist
    /// off a geometric number of days (at least one), as in Rapport. With `sick_spells`, both the
    /// onset rate and the mean spell are fitted; without it, only sick days a year.
    static func sickLeave(_ extract: PlatformExtract, confidence: Double, into result: inout PlatformFitResult) {
        let t = extract.therapists
        let days = t.reduce(0) { $0 + employedDays($1, extract) }
        let sickDays = t.reduce(0) { $0 + $1.sickDays }
        guard days > 0 else { return }
        if t.allSatisfy({ $0.sickSpells != nil }) {
            let spells = t.reduce(0) { $0 + $1.sickSpells! }
            guard spells >= 5 else {
                result.notes.append("sick leave: \(spells) spells; at least 5 are needed")
                return
            }
            let m = Double(sickDays) / Double(spells)
            let z = StandardDistributions.normalQuantile(1 - (1 - confidence) / 2)
            // A geometric count with mean m has variance m(m − 1).
            let se = (m * max(0, m - 1) / Double(spells)).squareRoot()
            let spellValue = FittedValue(path: "wellbeing.sick_spell_mean", estimate: m, low: max(1, m - z * se), high: m + z * se,
                                         rows: spells, method: "days per spell (geometric count)")
            // Onsets are drawn on days at work, so sick days are not exposure.
            let exposure = Double(days - sickDays)
            let onset = ProportionFit.rate("sick_onsets_per_day", spells, per: exposure, scale: 1, rows: t.count, confidence: confidence, method: "")
            // Rapport draws onsets at h = S / (m · (365 − S)) a day at work, so S = 365·h·m / (1 + h·m).
            func daysAYear(_ h: Double, _ m: Double) -> Double { 365 * h * m / (1 + h * m) }
            let sick = FittedValue(path: "wellbeing.sick_days_per_year", estimate: daysAYear(onset.estimate, m),
                                   low: daysAYear(onset.low, spellValue.low), high: daysAYear(onset.high, spellValue.high), rows: t.count,
                                   method: "spell onsets a day at work (Poisson) and spell mean")
            result.values += [sick, spellValue]
            result.sickDaysPerYear = sick.estimate
            result.sickSpellMean = m
        } else {
            let v = ProportionFit.rate("wellbeing.sick_days_per_year", sickDays, per: Double(days), scale: 365, rows: t.count,
                                       confidence: confidence, method: "sick days per year employed (Poisson; no sick_spells column, so the interval is too narrow)")
            result.values.append(v)
            result.sickDaysPerYear = v.estimate
            result.notes.append("sick leave: without sick_spells the spell length is not fitted, and the interval on sick days ignores that days come in spells")
        }
    }

    /// Hiring lag: from a departure to its replacement's start (d whole days stands for
    /// [d, d + 1)); a departure not yet replaced at the extract's end is censored.
    static func hiringLag(_ extract: PlatformExtract, confidence: Double, into result: inout PlatformFitResult) {
        let t = extract.therapists
        guard t.contains(where: { $0.replaces != nil }) else {
            result.notes.append("hiring lag: no replaces column (or no replacement in it), so the lag is not fitted")
            return
        }
        let byID = Dictionary(uniqueKeysWithValues: t.map { ($0.id, $0) })
        var replaced = Set<String>()
        var observations: [Observation] = []
        for r in t {
            guard let id = r.replaces, let left = byID[id], let end = left.endDay else { continue }
            replaced.insert(id)
            let d = Double(r.startDay - end)
            observations.append(.interval(d, low: d, high: d + 1))
        }
        for r in t where !replaced.contains(r.id) {
            guard let end = r.endDay, end <= extract.lastDay else { continue }
            let c = Double(extract.lastDay - end)
            if c > 0 { observations.append(.rightCensored(c, above: c)) }
        }
        guard let fit = DistributionFit.fit(observations, families: [.lognormal, .gamma, .weibull, .exponential],
                                            quantity: "hiring lag", path: "staffing.hiring_lag", unit: "days", confidence: confidence) else {
            result.notes.append("hiring lag: fewer than 2 replacements; not fitted")
            return
        }
        result.hiringLag = fit
        result.distributions.append(fit)
    }
}
