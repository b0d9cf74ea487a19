import Testing
import RapportExperiment
import RapportModel

/// One test per defect found in the credible-comparison review (issue 12). Each fails on the code
/// before the fix; the relation tests in ModelRelationTests cover the abandonment and sick-day ones.
@Suite("Model defects stay fixed")
struct ModelDefectTests {
    static let busy = ModelRelationTests.busy(rate: "90/week")

    @Test("stop_after_arrivals: N gives exactly N arrivals")
    func stopAfterArrivals() throws {
        var config = try Fixtures.config(Fixtures.smallPlatform())
        config.warmup = 0
        config.stopAfterArrivals = 250
        #expect(Fixtures.simulate(config).clientAccount.arrived == 250)
    }

    @Test("dropout_share is over clients who started and finished treatment, not over referrals")
    func dropoutDenominator() throws {
        let model = Fixtures.simulate(try Fixtures.config(Self.busy))
        let a = model.clientAccount
        let dropout = model.result(events: 0).metrics["dropout_share"]!
        #expect(a.abandoned > 100)
        #expect(abs(dropout - Double(a.droppedOut) / Double(a.completed + a.droppedOut)) < 1e-12)
    }

    @Test("Access shares count referrals who gave up unseen as not seen")
    func accessOverAllReferrals() throws {
        let model = Fixtures.simulate(try Fixtures.config(Self.busy))
        let a = model.clientAccount
        let seen = model.result(events: 0).metrics["seen_within_18_weeks_share"]!
        let gaveUp = Double(a.abandoned) / Double(a.arrived)
        #expect(gaveUp > 0.2)
        // Nobody who gave up was seen: the share seen cannot exceed those who did not give up.
        #expect(seen <= 1 - 0.9 * gaveUp, "seen within 18 weeks \(seen) while \(gaveUp) of referrals gave up")
    }

    @Test("Utilisation has the same denominator in every regime; booked against the cap is separate")
    func utilisationDenominator() throws {
        let v = try ModelRelationTests.run(ModelRelationTests.busy(policy: "quota: {fixed-quota: 4}", rate: "90/week"))
        // Eight slots a day, four booked at most.
        #expect(v.metrics["utilisation"]!.mean <= 0.5 + 1e-9)
        #expect(v.metrics["booked_vs_cap_share"]!.mean > 0.9)
    }

    @Test("Intervals for shares stay inside [0, 1]; fewer than 5 replications say their intervals are rough")
    func shareIntervals() throws {
        let v = try ModelRelationTests.run(Fixtures.smallPlatform(), replications: 2)
        for name in MetricRegistry.all.filter({ $0.unit == .share }).map(\.name) {
            guard let s = v.metrics[name], let low = s.ciLow, let high = s.ciHigh else { continue }
            #expect(low >= 0 && high <= 1, "\(name): [\(low), \(high)]")
        }
        #expect(v.warnings.contains { $0.contains("intervals are rough") })
        let five = try ModelRelationTests.run(Fixtures.smallPlatform(), replications: 5)
        #expect(!five.warnings.contains { $0.contains("intervals are rough") })
    }

    @Test("Weekly exhaustion and burned-out series average to the metrics of the same name (tolerance 5%)")
    func weeklyMeans() throws {
        let v = try ModelRelationTests.run(ModelRelationTests.busy(policy: "quota: {fixed-quota: 8}", rate: "90/week"))
        for (series, metric) in [("burned_out_share", "burnout_risk_share"), ("exhaustion_mean", "exhaustion_mean")] {
            let weekly = v.series[series]!.mean
            let mean = weekly.reduce(0, +) / Double(weekly.count)
            let target = v.metrics[metric]!.mean
            #expect(target > 0.01)
            #expect(abs(mean / target - 1) < 0.05, "\(series) averages \(mean), \(metric) is \(target)")
        }
    }

    @Test("best-fit's tolerance reaches past a week: a better fit back from leave is worth waiting for")
    func bestFitToleranceBeyondAWeek() throws {
        // Ample capacity (nobody queues), one far better therapist who is often on long sick
        // leave, and clients who need one session, so her slots keep freeing up.
        let text = """
            name: waiting for the expert
            horizon: 52w
            seed: 3
            clients:
              arrivals: {rate: 10/week}
              sessions_needed: 1
              patience: none
            therapists:
              - group: generalists
                count: 10
                proficiency: {default: 0.4}
                sustainable_level: 5
              - name: Dr Expert
                proficiency: {default: 1.0}
                experience: 30
                sustainable_level: 6
            wellbeing: {sick_days_per_year: 120, sick_spell_mean: 15d, quits_per_year: 0, long_leave: 365d}
            policy:
              matching: {best-fit: {tolerance: 28d}}
            """
        func longestFirstWait(_ text: String) throws -> Double {
            Fixtures.simulate(try Fixtures.config(text), recordMatches: true).matchLog.map(\.waitedDays).max() ?? 0
        }
        #expect(try longestFirstWait(text) > 8)
        #expect(try longestFirstWait(text.replacingOccurrences(of: "tolerance: 28d", with: "tolerance: 6d")) <= 8)
    }

    @Test("With perfectly clear profiles, client choice shares clients among equally good therapists")
    func clientChoiceSpreads() throws {
        let text = Fixtures.smallPlatform(policy: "matching: {client-choice: {profile_clarity: 1, picks: best-looking}}")
            .replacingOccurrences(of: "experience: uniform(1, 15)", with: "experience: 10")
            .replacingOccurrences(of: "concerns: {anxiety: 0.5, trauma: 0.5}", with: "concerns: {anxiety: 0.99, trauma: 0.01}")
        var config = try Fixtures.config(text)
        config.horizon = 21
        let log = Fixtures.simulate(config, recordMatches: true).matchLog
        let english = log.prefix(40)
        #expect(english.count == 40)
        #expect(Set(english.map(\.therapist)).count >= 6)
    }

    @Test("A fixed quota filled as a target books the least-loaded first; as a cap it does not")
    func balancedFill() throws {
        func spread(_ quota: String) throws -> Int {
            var config = try Fixtures.config(Fixtures.smallPlatform(policy: "matching: best-fit\n  quota: \(quota)"))
            config.horizon = 35
            let model = Fixtures.simulate(config)
            // The generalists, whose quota and working week are alike.
            let loads = (0..<10).map { model.caseload(of: $0) }
            return loads.max()! - loads.min()!
        }
        #expect(try spread("{fixed-quota: {sessions: 6, fill: balanced}}") < spread("{fixed-quota: 6}"))
    }

    /// The small platform with `therapists` therapists whose level line is `level`, run for one day.
    static func firstDay(wellbeing: String, therapists: Int, level: String) throws -> (ModelConfig, PlatformModel) {
        let text = Fixtures.smallPlatform(extra: "wellbeing: \(wellbeing)")
            .replacingOccurrences(of: "count: 10", with: "count: \(therapists)")
            .replacingOccurrences(of: "sustainable_level: uniform(4, 6)", with: level)
        var config = try Fixtures.config(text)
        config.horizon = 1
        return (config, Fixtures.simulate(config))
    }

    @Test("Fractional levels keep their capacity: a level of 5.5 books 27.5 sessions a week on average")
    func fractionalCapacityInTheModel() throws {
        let (_, model) = try Self.firstDay(wellbeing: "{admin_per_session: 0, quits_per_year: 0, stated_threshold: {error: 0, optimism: 0}}",
                                           therapists: 400, level: "sustainable_level: 5.5")
        let weekly = (0..<400).map { Double(model.capacity(of: $0, day: 0).weekly) }
        #expect(Set(weekly) == [27, 28])
        #expect(abs(weekly.reduce(0, +) / 400 - 27.5) < 0.1)
    }

    @Test("A group given by what its therapists state keeps those thresholds; their true levels are what optimism, error and admin imply")
    func groupGivenByStatedThresholds() throws {
        var (config, model) = try Self.firstDay(wellbeing: "{admin_per_session: 0.1, stated_threshold: {error: 0, optimism: 0.5}}",
                                                therapists: 200, level: "stated_threshold: uniform(5, 7)")
        let therapists = (0..<200).map { model.capacity(of: $0, day: 0) }
        #expect(therapists.allSatisfy { (5...7).contains($0.stated) })
        // Stating 0.5 more than they can sustain, after 0.1 session-equivalents of admin a session.
        #expect(therapists.allSatisfy { abs($0.level - ($0.stated - 0.5) * 1.1) < 1e-9 })
        #expect(therapists.allSatisfy { abs(config.wellbeing.sessionsBalancing(level: $0.level) + 0.5 - $0.stated) < 1e-9 })
        // With a self-assessment error, the stated thresholds stay the group's; the levels scatter.
        config.wellbeing.statedThreshold.error = try .normal(mean: 0, sd: 0.75)
        let erring = Fixtures.simulate(config)
        #expect((0..<200).map { erring.capacity(of: $0, day: 0).stated } == therapists.map(\.stated))
        #expect((0..<200).contains { abs(erring.capacity(of: $0, day: 0).level - therapists[$0].level) > 0.3 })
    }

    @Test("Stated thresholds differ from true levels by default, match them when the error is zero, and reviews pull overstated ones down")
    func statedThresholds() throws {
        func config(_ wellbeing: String, horizon: Double) throws -> ModelConfig {
            var c = try Fixtures.config(ModelRelationTests.busy(extra: "wellbeing: \(wellbeing)", rate: "120/week"))
            c.horizon = horizon
            return c
        }
        let realistic = Fixtures.simulate(try config("{}", horizon: 1))
        let exact = Fixtures.simulate(try config("{admin_per_session: 0, stated_threshold: {error: 0, optimism: 0}}", horizon: 1))
        let gaps = (0..<14).map { realistic.capacity(of: $0, day: 0) }.map { $0.stated - WellbeingConfig().sessionsBalancing(level: $0.level) }
        #expect(gaps.contains { abs($0) > 0.3 })
        #expect((0..<14).allSatisfy { exact.capacity(of: $0, day: 0).stated == exact.capacity(of: $0, day: 0).level })
        let optimistic = "{stated_threshold: {optimism: 1.5, error: 0"
        let unreviewed = Fixtures.simulate(try config(optimistic + "}}", horizon: 364))
        let reviewed = Fixtures.simulate(try config(optimistic + ", review_every: 8w}}", horizon: 364))
        let stated = { (m: PlatformModel) in (0..<14).map { m.capacity(of: $0, day: 363).stated }.reduce(0, +) }
        #expect(stated(reviewed) < stated(unreviewed) - 3)
    }

    @Test("warmup: auto watches exhaustion as well as the waitlist")
    func warmupWatchesExhaustion() throws {
        let text = ModelRelationTests.busy(policy: "quota: {fixed-quota: 8}", rate: "90/week").replacingOccurrences(of: "warmup: 4w", with: "warmup: auto")
        let experiment = Experiment(scenario: try Fixtures.scenario(text: text), replications: 3)
        #expect(experiment.warmupNote.contains("exhaustion"))
    }

    @Test("A series still climbing at the horizon is reported; a settled one is not")
    func trendWarning() throws {
        let rising = try ModelRelationTests.run(ModelRelationTests.busy(policy: "quota: {fixed-quota: 8}", rate: "120/week", horizon: "12w")
            .replacingOccurrences(of: "warmup: 4w", with: "warmup: 0d"))
        #expect(rising.warnings.contains { $0.contains("mean exhaustion was still rising") })
        let settled = try ModelRelationTests.run(Fixtures.smallPlatform(horizon: "104w"), replications: 5)
        #expect(!settled.warnings.contains { $0.contains("still") })
    }
}
