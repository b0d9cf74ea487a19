import Testing
import RapportExperiment
import RapportModel

/// Relations that must hold if the platform model is right, whatever its parameters: equivalence,
/// monotonicity, conservation, accounting and Little's law. Each states its tolerance. They run in
/// CI, so a model change that breaks one fails the build.
@Suite("Model relations (metamorphic)")
struct ModelRelationTests {
    /// An overloaded small platform with impatient clients: queues, abandonment and burnout all occur.
    static func busy(policy: String = "quota: individual-thresholds", extra: String = "", rate: String = "60/week",
                     horizon: String = "52w") -> String {
        Fixtures.smallPlatform(extra: extra, policy: policy, horizon: horizon)
            .replacingOccurrences(of: "rate: 30/week", with: "rate: \(rate)")
            .replacingOccurrences(of: "sessions_needed: lognormal(median=6, sigma=0.6, min=1, max=20)",
                                  with: "sessions_needed: lognormal(median=6, sigma=0.6, min=1, max=20)\n  patience: exponential(mean=40d)")
    }

    static func run(_ text: String, replications: Int = 4) throws -> VariantResult {
        Experiment(scenario: try Fixtures.scenario(text: text), replications: replications).run().variants[0]
    }

    @Test("Equivalence: when every therapist states exactly a level equal to the quota, thresholds and the quota give identical results")
    func thresholdsEqualQuota() throws {
        let exact = """
            wellbeing: {admin_per_session: 0, admin_per_day: 0, stated_threshold: {error: 0, optimism: 0}}
            """
        func text(_ policy: String) -> String {
            Self.busy(policy: policy, extra: exact).replacingOccurrences(of: "sustainable_level: uniform(4, 6)", with: "sustainable_level: 5")
                .replacingOccurrences(of: "sustainable_level: uniform(4, 5)", with: "sustainable_level: 5")
        }
        let thresholds = try Self.run(text("quota: individual-thresholds"))
        let quota = try Self.run(text("quota: {fixed-quota: 5}"))
        #expect(thresholds.metrics == quota.metrics)
        #expect(thresholds.series == quota.series)
    }

    @Test("Monotonicity: a higher quota never lowers burnout (tolerance: 0.005 of working days)")
    func quotaRaisesBurnout() throws {
        var previous = -1.0
        for quota in 4...8 {
            let burnout = try Self.run(Self.busy(policy: "quota: {fixed-quota: \(quota)}", rate: "90/week")).metrics["burnout_risk_share"]!.mean
            #expect(burnout >= previous - 0.005, "quota \(quota): \(burnout) after \(previous)")
            previous = burnout
        }
        #expect(previous > 0.05)
    }

    @Test("Monotonicity: more therapists never raise waits; more arrivals never lower them (tolerance 2%)")
    func capacityAndDemand() throws {
        let base = try Self.run(Self.busy())
        let moreStaff = try Self.run(Self.busy().replacingOccurrences(of: "count: 10", with: "count: 13"))
        let moreDemand = try Self.run(Self.busy(rate: "75/week"))
        let wait = { (v: VariantResult) in v.metrics["wait_days_mean"]!.mean }
        #expect(wait(moreStaff) <= wait(base) * 1.02)
        #expect(wait(moreDemand) >= wait(base) * 0.98)
    }

    @Test("Monotonicity: longer patience never shortens the waitlist (tolerance 2%)")
    func patienceLengthensWaitlist() throws {
        var previous = 0.0
        for mean in [15, 30, 60, 120] {
            let text = Self.busy(rate: "90/week").replacingOccurrences(of: "exponential(mean=40d)", with: "exponential(mean=\(mean)d)")
            let waitlist = try Self.run(text).metrics["waitlist_mean"]!.mean
            #expect(waitlist >= previous * 0.98, "patience \(mean)d: \(waitlist) after \(previous)")
            previous = waitlist
        }
    }

    @Test("Conservation: arrived = completed + dropped out + abandoned + waiting + in treatment, exactly", arguments: [1, 2, 3])
    func conservation(seed: UInt64) throws {
        let model = Fixtures.simulate(try Fixtures.config(Self.busy(rate: "90/week")), seed: seed)
        let a = model.clientAccount
        #expect(a.arrived > 1000)
        #expect(a.arrived == a.completed + a.droppedOut + a.abandoned + a.waiting + a.inTreatment)
        #expect(a.abandoned > 0 && a.waiting > 0)
    }

    @Test("Accounting: with no clients, measured sick days and quits match the configured rates (tolerance 5% and 10%)")
    func accounting() throws {
        let text = Fixtures.smallPlatform(extra: "wellbeing: {outside_stress: {per_year: 0}}", horizon: "20y")
            .replacingOccurrences(of: "rate: 30/week", with: "rate: 0.001/week")
            .replacingOccurrences(of: "count: 10", with: "count: 200")
        let v = try Self.run(text, replications: 3)
        let sick = v.metrics["sick_days_per_fte_year"]!.mean, quits = v.metrics["quits_per_fte_year"]!.mean
        #expect(abs(sick / 5.4 - 1) < 0.05, "sick days \(sick) against 5.4 configured")
        #expect(abs(quits / 0.28 - 1) < 0.10, "quits \(quits) against 0.28 configured")
        #expect(v.metrics["burnout_risk_share"].map { $0.mean == 0 || $0.mean.isNaN } ?? true)
    }

    @Test("Little's law on the waitlist: day-start counts and spell lengths agree (tolerance 3%)", arguments: [1, 2])
    func littlesLaw(seed: UInt64) throws {
        let model = Fixtures.simulate(try Fixtures.config(Self.busy(rate: "90/week")), seed: seed)
        let days = model.waitlistDays
        #expect(days.sampled > 10_000)
        #expect(abs(days.spells / days.sampled - 1) < 0.03, "spells \(days.spells), sampled \(days.sampled)")
    }

    @Test("Exponential patience: abandonments ≈ waitlist-days / mean patience (tolerance 6%)", arguments: [1, 2, 3])
    func abandonmentRate(seed: UInt64) throws {
        // No quits or long leave, so nobody waits with the infinite patience of a re-matched client.
        // Three years, so that about 5,000 abandonments make the 6% tolerance more than four
        // standard deviations of their count (one year's 1,700 made it 2.5, a 1-in-80 failure).
        let text = Self.busy(extra: "wellbeing: {quits_per_year: 0, sick_days_per_year: 0}", rate: "90/week", horizon: "156w")
        let model = Fixtures.simulate(try Fixtures.config(text), seed: seed)
        let expected = model.waitlistDays.spells / 40
        let abandoned = Double(model.clientAccount.abandoned)
        #expect(abandoned > 300)
        #expect(abs(abandoned / expected - 1) < 0.06, "abandoned \(abandoned), waitlist-days / patience \(expected)")
    }
}
