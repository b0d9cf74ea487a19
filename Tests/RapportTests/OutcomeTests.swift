import Testing
import RapportExperiment
import RapportModel
import RapportRandom

/// The clinical-outcome mechanisms: symptom scores, what a session does to them, the return
/// decision, and what a return-rate ranking can see.
@Suite("Clinical outcomes")
struct OutcomeTests {
    static func compare(_ base: String, _ variant: String, replications: Int = 6) throws -> RunResult {
        Experiment(scenario: try Fixtures.scenario(text: base + "\nvariants:\n  - name: a\n  - name: b\n    " + variant), replications: replications).run()
    }

    static func difference(_ r: RunResult, _ metric: String) -> PairedDifference {
        r.comparisons.first { $0.metric == metric }!
    }

    static let platform = Fixtures.smallPlatform(horizon: "52w").replacingOccurrences(of: "rate: 30/week", with: "rate: 40/week")

    @Test("Scores stay in range: PHQ-9 in 0–27 and GAD-7 in 0–21, in the system and in every trajectory", arguments: [1, 2])
    func scoresInRange(seed: UInt64) throws {
        let text = Self.platform + "\noutcomes: {session_noise: 8, deterioration: {chance: 0.5, mean: 20}}"
        let model = Fixtures.simulate(try Fixtures.config(text), seed: seed)
        let scores = model.symptomScoresInSystem
        #expect(scores.count > 50)
        #expect(scores.allSatisfy { (0...27).contains($0.phq) && (0...21).contains($0.gad) })
        let r = model.result(events: 0)
        for name in ["phq9_by_session_completers", "phq9_by_session_dropouts"] {
            #expect(r.distributions[name]!.filter(\.isFinite).allSatisfy { (0...27).contains($0) })
        }
    }

    @Test("Intake PHQ-9 and GAD-7 are correlated as configured")
    func intakeCorrelation() throws {
        var config = try Fixtures.config(Self.platform)
        config.horizon = 30
        config.therapistGroups = config.therapistGroups.map { var g = $0; g.count = 0; return g }
        config.staffing.scheduledHires = [ScheduledHire(day: 1000, group: 0, count: 1)]
        let scores = Fixtures.simulate(config).symptomScoresInSystem
        #expect(scores.count > 100)
        let r = SampleStatistics.correlation(scores.map(\.phq), scores.map(\.gad))
        #expect(r > 0.55 && r < 0.85, "correlation \(r)")
    }

    @Test("Better match quality raises recovery")
    func matchQualityRaisesRecovery() throws {
        // The same therapists and clients; in b, every therapist's experience suits every severity.
        let r = try Self.compare(Self.platform + "\nmatch_quality: {experience_needed: {mild: 20, moderate: 20, severe: 20}}",
                                 "match_quality: {experience_needed: {mild: 0, moderate: 0, severe: 0}}")
        #expect(Self.difference(r, "match_quality_mean").ciLow! > 0.05)
        let d = Self.difference(r, "recovery_rate")
        #expect(d.ciLow! > 0, "recovery difference \(d.mean) [\(d.ciLow!), \(d.ciHigh!)]")
    }

    @Test("An exhausted therapist's clients recover less")
    func exhaustionLowersRecovery() throws {
        let busy = ModelRelationTests.busy(policy: "quota: {fixed-quota: 8}", rate: "90/week")
        let r = try Self.compare(busy + "\noutcomes: {exhaustion_quality_loss: 0, burnout_quality_loss: 0}",
                                 "outcomes: {exhaustion_quality_loss: 0.8, burnout_quality_loss: 0.3}")
        #expect(r.variants[0].metrics["exhaustion_mean"]!.mean > 5)
        #expect(Self.difference(r, "recovery_rate").ciHigh! < 0)
    }

    @Test("A session that helped raises the chance of coming back; without the return decision it does not")
    func helpedSessionsBringClientsBack() throws {
        let helped = try Self.compare(Self.platform + "\noutcomes: {improvement_rate: 0.05}", "outcomes: {improvement_rate: 0.35}")
        #expect(Self.difference(helped, "returned_after_first_share").ciLow! > 0)
        #expect(Self.difference(helped, "dropout_share").ciHigh! < 0)
        let deaf = try Self.compare(Self.platform + "\noutcomes: {improvement_rate: 0.05, return_sensitivity: 0}",
                                    "outcomes: {improvement_rate: 0.35, return_sensitivity: 0}")
        #expect(abs(Self.difference(deaf, "dropout_share").mean) < abs(Self.difference(helped, "dropout_share").mean) / 3)
    }

    @Test("With no therapist effect, the return-rate ranking is pure noise; with one, it sees some skill")
    func rankingSignal() throws {
        let many = ModelRelationTests.busy(rate: "220/week", horizon: "52w").replacingOccurrences(of: "count: 10", with: "count: 60")
        let noise = Experiment(scenario: try Fixtures.scenario(text: many + "\noutcomes: {therapist_effect: 0}"), replications: 10).run()
        let s = noise.variants[0].metrics["return_rate_effect_correlation"]!
        #expect(s.covers(0), "correlation \(s.mean) [\(s.ciLow!), \(s.ciHigh!)]")
        let skill = Experiment(scenario: try Fixtures.scenario(text: many + "\noutcomes: {therapist_effect: 0.8}"), replications: 10).run()
        #expect(skill.variants[0].metrics["return_rate_effect_correlation"]!.ciLow! > 0)
    }

    @Test("The shipped comparisons report every outcome metric with an interval for every variant",
          arguments: ["scenarios/quota-vs-thresholds.yaml", "scenarios/matching.yaml"])
    func shippedScenariosReportOutcomes(path: String) throws {
        let result = Experiment(scenario: try Fixtures.scenario(path), replications: 3).run()
        for variant in result.variants {
            for d in MetricRegistry.all where d.area == .outcomes {
                let s = variant.metrics[d.name]
                #expect(s?.mean.isFinite == true && s?.ciLow != nil, "\(variant.name) \(d.name)")
            }
        }
    }
}
