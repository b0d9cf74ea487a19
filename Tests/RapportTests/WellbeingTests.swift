import Testing
import RapportExperiment
import RapportKernel
import RapportModel
import RapportRandom

@Suite("Therapist wellbeing and quota regimes")
struct WellbeingTests {
    let parameters = WellbeingConfig()

    @Test("A therapist at or under their sustainable level never accumulates exhaustion", arguments: [0, 1, 3, 4])
    func underLevel(sessions: Int) {
        var e = 0.0
        for day in 0..<400 {
            e = ExhaustionDynamics.nextDay(exhaustion: e, working: day % 7 < 5, sessions: sessions, sustainableLevel: 4.2,
                                           meanSeverityWeight: 1.4, pressure: 0, parameters: parameters)
            #expect(e == 0)
        }
    }

    @Test("Sessions beyond the level raise exhaustion; days off bring it back down")
    func growthAndRecovery() {
        var e = 0.0
        for _ in 0..<10 {
            e = ExhaustionDynamics.nextDay(exhaustion: e, working: true, sessions: 7, sustainableLevel: 5,
                                           meanSeverityWeight: 1, pressure: 0, parameters: parameters)
        }
        #expect(abs(e - 10 * 2 * parameters.growthPerExtraSession) < 1e-9)
        let peak = e
        let dayOff = ExhaustionDynamics.nextDay(exhaustion: peak, working: false, sessions: 0, sustainableLevel: 5,
                                                meanSeverityWeight: 1, pressure: 0, parameters: parameters)
        let lightDay = ExhaustionDynamics.nextDay(exhaustion: peak, working: true, sessions: 3, sustainableLevel: 5,
                                                  meanSeverityWeight: 1, pressure: 0, parameters: parameters)
        #expect(dayOff < lightDay && lightDay < peak)
        // A week off halves it (half-life 7 days).
        var rested = peak
        for _ in 0..<7 {
            rested = ExhaustionDynamics.nextDay(exhaustion: rested, working: false, sessions: 0, sustainableLevel: 5,
                                                meanSeverityWeight: 1, pressure: 0, parameters: parameters)
        }
        #expect(abs(rested - peak / 2) < 1e-9)
        // The scale stops at 54.
        var capped = 50.0
        capped = ExhaustionDynamics.nextDay(exhaustion: capped, working: true, sessions: 12, sustainableLevel: 4,
                                            meanSeverityWeight: 1.4, pressure: 1, parameters: parameters)
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

    @Test("On the shipped comparison, the fixed quota trades more sessions for burnout, sick days and dropout")
    func quotaTradeOff() throws {
        let scenario = try Fixtures.scenario("scenarios/quota-vs-thresholds.yaml")
        let result = Experiment(scenario: scenario, replications: 5).run()
        #expect(result.variants.map(\.name) == ["individual-thresholds", "fixed-quota", "competition"])
        func diff(_ variant: String, _ metric: String) -> PairedDifference {
            result.comparisons.first { $0.variant == variant && $0.metric == metric }!
        }
        #expect(diff("fixed-quota", "sessions_delivered").ciLow! > 0)
        #expect(diff("fixed-quota", "burnout_risk_share").ciLow! > 0)
        #expect(diff("fixed-quota", "sick_days_per_fte_year").ciLow! > 0)
        #expect(diff("fixed-quota", "dropout_share").ciLow! > 0)
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
        #expect(regime.dailyCap(sustainableLevel: 3.2, rankPenalty: 0) == 5)
        #expect(regime.dailyCap(sustainableLevel: 5.9, rankPenalty: 0) == 5)
        #expect(regime.dailyCap(sustainableLevel: 9, rankPenalty: 0) == 6)
        let competition = QuotaRegime(rule: .competition(pressure: 1, extraSessions: 2))
        #expect(competition.dailyCap(sustainableLevel: 5, rankPenalty: 0) == 5)
        #expect(competition.dailyCap(sustainableLevel: 5, rankPenalty: 1) == 7)
        #expect(QuotaRegime(rule: .fixedQuota(sessionsPerDay: 7)).dailyCap(sustainableLevel: 4, rankPenalty: 0.5) == 7)
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
