import RapportModel
import RapportScenario

/// The parameters that drove a run, in words, for the report's assumptions section.
public enum AssumptionList {
    public static func describe(_ scenario: Scenario) -> [Assumption] {
        var result: [Assumption] = []
        for variant in scenario.variants {
            let c = variant.config
            func add(_ parameter: String, _ value: String) {
                result.append(Assumption(variant: variant.name, parameter: parameter, value: value))
            }
            add("mode", c.mode.rawValue)
            add("horizon", Units.formatDays(c.horizon))
            add("warm-up", Units.formatDays(c.warmup))
            add("arrivals", "\(Units.format((c.clients.arrivalsPerDay * 7 * 100).rounded() / 100))/week")
            add("therapists", c.therapistGroups.map { "\($0.name) × \($0.count)" }.joined(separator: ", "))
            if c.mode == .weekly {
                add("matching", describe(c.matching))
                add("quota", describe(c.quota))
                add("dropout hazard", "first \(Units.format(c.outcomes.dropoutFirst)), later \(Units.format(c.outcomes.dropoutLater)), quality effect β = \(Units.format(c.outcomes.qualityEffect))")
                add("no-shows", "first \(Units.format(c.clients.noShowFirst)), follow-up \(Units.format(c.clients.noShowFollowUp))")
                if c.wellbeing.enabled {
                    let w = c.wellbeing
                    add("exhaustion", "±\(Units.format(w.growthPerExtraSession)) per session-equivalent of load above or below the true level; admin \(Units.format(w.adminPerSession))/session + \(Units.format(w.adminPerDay))/day; half-life \(Units.formatDays(w.recoveryHalfLife)) (working days), \(Units.formatDays(w.dayOffHalfLife)) (days off); outside stress \(Units.format(w.outsideStressPerYear))/year of mean \(Units.format(w.outsideStressSize.mean)) points; burned out at E ≥ \(Units.format(w.burnoutThreshold))")
                    let st = w.statedThreshold
                    add("stated thresholds", st.isExact ? "exact: every therapist knows their level (an assumption)"
                        : "optimism +\(Units.format(st.optimism)) sessions/day, error mean \(Units.format(st.error.mean)); " + (st.reviewEveryDays.map { "reviewed every \(Units.formatDays($0)), weight \(Units.format(st.reviewWeight))" } ?? "never reviewed"))
                    add("sick leave and quits", "\(Units.format(c.wellbeing.sickDaysPerYear)) sick days/year, \(Units.format((c.wellbeing.quitsPerYear * 1000).rounded() / 10))% quit/year; ×\(Units.format(c.wellbeing.burnoutSickMultiplier)) and ×\(Units.format(c.wellbeing.burnoutQuitMultiplier)) when burned out")
                } else {
                    add("wellbeing", "off")
                }
            } else {
                add("session length mean", Units.formatDays(c.clients.sessionLength.mean))
                add("patience", c.clients.patience.map { "mean \(Units.formatDays($0.mean))" } ?? "unlimited")
            }
        }
        return result
    }

    static func describe(_ policy: MatchingPolicy) -> String {
        switch policy {
        case .earliestAvailable: return "earliest-available"
        case .bestFit(let tolerance): return "best-fit (tolerance \(Units.formatDays(tolerance)))"
        case let .batchOptimal(every, weight): return "batch-optimal (every \(Units.formatDays(every)), wait weight \(Units.format(weight))/day)"
        case let .clientChoice(shown, clarity, noise, picks):
            return "client-choice (top \(shown) shown, profile clarity \(Units.format(clarity)), noise \(Units.format(noise)), picks \(picks.rawValue))"
        }
    }

    static func describe(_ quota: QuotaRegime) -> String {
        var text: String
        switch quota.rule {
        case let .fixedQuota(n, .cap): text = "fixed-quota (\(Units.format(n)) sessions/day for everyone, as a cap)"
        case let .fixedQuota(n, .balanced(tolerance)):
            text = "fixed-quota (\(Units.format(n)) sessions/day for everyone, as a target: least-loaded first within \(Units.format(tolerance)) of the best fit)"
        case .individualThresholds: text = "individual-thresholds (each therapist's stated threshold)"
        case let .competition(pressure, extra): text = "competition (pressure \(Units.format(pressure))/day, up to +\(extra) sessions/day at the bottom)"
        }
        if let floor = quota.floor { text += ", floor \(floor)" }
        if let ceiling = quota.ceiling { text += ", ceiling \(ceiling)" }
        return text
    }
}
