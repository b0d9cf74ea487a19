import Testing
import RapportExperiment
import RapportKernel
import RapportModel
import RapportRandom

@Suite("Therapist wellbeing and quota regimes")
struct WellbeingTests {
    let parameters = WellbeingConfig()

    @Test("Below the level a therapist recovers, above it they wear down, with no switch at the level")
    func stockAndFlow() {
        let decay = ExhaustionDynamics.decay(halfLife: parameters.recoveryHalfLife)
        // At the level, only the evening's recovery acts.
        let atLevel = ExhaustionDynamics.nextDay(exhaustion: 10, working: true, load: 5, level: 5, extra: 0, parameters: parameters)
        #expect(abs(atLevel - 10 * decay) < 1e-12)
        // Below the level the spare recovery takes more off; above it the excess adds.
        let below = ExhaustionDynamics.nextDay(exhaustion: 10, working: true, load: 4, level: 5, extra: 0, parameters: parameters)
        let above = ExhaustionDynamics.nextDay(exhaustion: 10, working: true, load: 6, level: 5, extra: 0, parameters: parameters)
        #expect(abs(below - (10 * decay - parameters.growthPerExtraSession)) < 1e-12)
        #expect(abs(above - (10 * decay + parameters.growthPerExtraSession)) < 1e-12)
        // A sustained excess of one session-equivalent settles near growth / (1 − decay).
        var e = 0.0
        for _ in 0..<2000 { e = ExhaustionDynamics.nextDay(exhaustion: e, working: true, load: 6, level: 5, extra: 0, parameters: parameters) }
        #expect(abs(e - parameters.growthPerExtraSession / (1 - decay)) < 1e-6)
        // Never below zero.
        #expect(ExhaustionDynamics.nextDay(exhaustion: 0.5, working: true, load: 0, level: 5, extra: 0, parameters: parameters) == 0)
    }

    @Test("Severity and admin load can exhaust someone working exactly at their stated threshold")
    func severityAndAdminExhaust() {
        var w = parameters
        w.adminPerSession = 0.1
        let level = 5.5
        let stated = w.sessionsBalancing(level: level)
        #expect(abs(stated - 5) < 1e-12)
        // Five moderate sessions with their admin are exactly the level...
        #expect(abs(w.dayLoad(sessions: 5, severityLoad: 5) - level) < 1e-12)
        // ...five severe ones are not.
        var e = 0.0
        for day in 0..<140 {
            e = ExhaustionDynamics.nextDay(exhaustion: e, working: day % 7 < 5, load: w.dayLoad(sessions: 5, severityLoad: 5 * 1.4),
                                           level: level, extra: 0, parameters: w)
        }
        #expect(e > 20)
    }

    @Test("Days off halve exhaustion every week and the scale stops at 54")
    func recoveryAndCap() {
        var rested = 40.0
        for _ in 0..<7 {
            rested = ExhaustionDynamics.nextDay(exhaustion: rested, working: false, load: 0, level: 5, extra: 0, parameters: parameters)
        }
        #expect(abs(rested - 20) < 1e-9)
        let capped = ExhaustionDynamics.nextDay(exhaustion: 50, working: true, load: 12, level: 4, extra: 1, parameters: parameters)
        #expect(capped == WellbeingConfig.maximum)
    }

    @Test("A quit returns every client of the caseload to matching")
    func quitReturnsCaseload() throws {
        var config = try Fixtures.scenario(text: Fixtures.smallPlatform()).variants[0].config
        config.outcomes.rematchDropout = 0
        config.wellbeing.quitsPerYear = 0
        config.wellbeing.sickDaysPerYear = 0
        var simulation = Simulation(model: PlatformModel(config: config, streams: StreamSet(seed: 3, replication: 0)))
        simulation.model.start(&simulation.calendar)
        simulation.run(until: 60.5)
        let busiest = (0..<simulation.model.therapistCount).max { simulation.model.caseload(of: $0) < simulation.model.caseload(of: $1) }!
        let caseload = simulation.model.caseload(of: busiest)
        #expect(caseload > 5)
        let waitingBefore = simulation.model.waitingCount
        simulation.model.depart(therapist: busiest, day: 61, calendar: &simulation.calendar)
        #expect(simulation.model.caseload(of: busiest) == 0)
        #expect(simulation.model.status(of: busiest) == .departed)
        #expect(simulation.model.waitingCount == waitingBefore + caseload)
    }

    @Test("With sick-leave and quit hazards at zero, headcount is constant")
    func constantHeadcount() throws {
        let text = Fixtures.smallPlatform(extra: "wellbeing: {quits_per_year: 0, sick_days_per_year: 0}", policy: "quota: {fixed-quota: 8}")
            .replacingOccurrences(of: "rate: 30/week", with: "rate: 120/week")
        let result = Experiment(scenario: try Fixtures.scenario(text: text)).run()
        let v = result.variants[0]
        #expect(v.series["headcount"]!.mean.allSatisfy { $0 == 14 })
        #expect(v.metrics["headcount_end"]!.values.allSatisfy { $0 == 14 })
        #expect(v.metrics["quits_per_fte_year"]!.mean == 0)
        #expect(v.metrics["sick_days_per_fte_year"]!.mean == 0)
        // The quota still burns people out: the mechanism is on, only the exits are off.
        #expect(v.metrics["burnout_risk_share"]!.mean > 0)
    }

    @Test("On the shipped comparison no regime is burnout-free by construction, and a quota above the team's levels buys sessions with burnout")
    func quotaTradeOff() throws {
        let scenario = try Fixtures.scenario("scenarios/quota-vs-thresholds.yaml")
        let result = Experiment(scenario: scenario, replications: 5).run()
        #expect(result.variants.map(\.name) == ["individual-thresholds", "thresholds-exact", "fixed-quota-4", "fixed-quota-5",
                                                "fixed-quota-6", "fixed-quota-7", "fixed-quota-8", "competition"])
        func diff(_ variant: String, _ metric: String) -> PairedDifference {
            result.comparisons.first { $0.variant == variant && $0.metric == metric }!
        }
        // Stated thresholds miss true levels: thresholds show burnout, with an interval.
        let thresholds = result.variants[0]
        #expect(thresholds.metrics["burnout_risk_share"]!.mean > 0)
        #expect(thresholds.metrics["burnout_risk_share"]!.ciHigh! > thresholds.metrics["burnout_risk_share"]!.ciLow!)
        for variant in result.variants {
            #expect(variant.metrics["exhaustion_mean"]!.mean > 0, "\(variant.name): exhaustion is never exactly zero")
        }
        #expect(diff("fixed-quota-7", "sessions_delivered").ciLow! > 0)
        #expect(diff("fixed-quota-7", "burnout_risk_share").ciLow! > 0)
        #expect(diff("fixed-quota-7", "wait_days_p50").ciHigh! < 0)
        #expect(diff("competition", "exhaustion_mean").ciLow! > 0)
        for variant in result.variants {
            for metric in ["burnout_risk_share", "ever_burned_out_share", "exhaustion_mean", "sick_days_per_fte_year",
                           "quits_per_fte_year", "vacancy_days", "headcount_end"] {
                #expect(variant.metrics[metric]?.ciLow != nil, "\(variant.name) \(metric)")
            }
            for series in ["exhaustion_mean", "burned_out_share", "headcount", "waitlist", "sessions_delivered"] {
                #expect((variant.series[series]?.mean.count ?? 0) >= 90, "\(variant.name) \(series)")
            }
        }
    }

    @Test("Floors and ceilings bound whatever the regime says")
    func floorAndCeiling() {
        let regime = QuotaRegime(rule: .individualThresholds, floor: 5, ceiling: 6)
        #expect(regime.dailyLevel(statedThreshold: 3.2, rankPenalty: 0) == 5)
        #expect(regime.dailyLevel(statedThreshold: 5.9, rankPenalty: 0) == 5.9)
        #expect(regime.dailyLevel(statedThreshold: 9, rankPenalty: 0) == 6)
        let competition = QuotaRegime(rule: .competition(pressure: 1, extraSessions: 2))
        #expect(competition.dailyLevel(statedThreshold: 5, rankPenalty: 0) == 5)
        #expect(competition.dailyLevel(statedThreshold: 5, rankPenalty: 1) == 7)
        #expect(QuotaRegime(rule: .fixedQuota(sessionsPerDay: 7, fill: .cap)).dailyLevel(statedThreshold: 4, rankPenalty: 0.5) == 7)
    }

    @Test("Scheduled hires join on their day and stay")
    func scheduledHires() throws {
        let text = Fixtures.smallPlatform(extra: "wellbeing: {quits_per_year: 0, sick_days_per_year: 0}\nstaffing:\n  hires: [{at: 10w, group: specialists, count: 5}]")
        let v = Experiment(scenario: try Fixtures.scenario(text: text), replications: 2).run().variants[0]
        let headcount = v.series["headcount"]!.mean
        // Weeks are counted after the 4-week warm-up: week 5 ends on day 63, before the hires.
        #expect(headcount.first == 14)
        #expect(headcount.last == 19)
        #expect(headcount.filter { $0 == 14 }.count >= 5)
    }

    @Test("Overload is reported, not hung: the run ends at its horizon and warns")
    func overload() throws {
        let text = Fixtures.smallPlatform().replacingOccurrences(of: "rate: 30/week", with: "rate: 300/week")
            .replacingOccurrences(of: "sessions_needed: lognormal(median=6, sigma=0.6, min=1, max=20)", with: "sessions_needed: 20\n  patience: none")
        let scenario = try Fixtures.scenario(text: text)
        #expect(scenario.warnings.contains { $0.message.contains("the waitlist will grow without bound") })
        let v = Experiment(scenario: scenario, replications: 2).run().variants[0]
        #expect(v.warnings.contains { $0.contains("still growing") })
        #expect(v.series["waitlist"]!.mean.last! > 1000)
    }
}
