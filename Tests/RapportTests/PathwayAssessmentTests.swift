import Testing
import RapportExperiment
import RapportModel

/// Assessment: when a pathway configures one, every client is assessed before any treatment
/// session, and the entry rule decides where they start.
@Suite("Pathway assessment")
struct PathwayAssessmentTests {
    @Test("No client has a treatment session before an attended assessment, over several seeds")
    func neverSkipsAssessment() throws {
        for seed: UInt64 in [1, 2, 3] {
            let (model, audit) = try Fixtures.pathwayRun(Fixtures.smallPathway(), seed: seed)
            #expect(audit.treatedWithoutAssessment == 0, "seed \(seed)")
            #expect(audit.assessed > 500, "seed \(seed): \(audit.assessed) assessed")
            #expect(model.headcount > 0)
        }
    }

    @Test("The entry rule sends severe clients to high intensity and mild anxiety to groups")
    func entryRule() throws {
        let result = Experiment(scenario: try Fixtures.scenario(text: Fixtures.smallPathway()), replications: 3).run()
        let m = result.variants[0].metrics
        // Severe: 20% of referrals; mild anxiety: 0.4 × 0.5 = 20%; everyone else: 60%.
        let high = try #require(m["entry_share.high_intensity"]).mean
        let groups = try #require(m["entry_share.groups"]).mean
        let low = try #require(m["entry_share.low_intensity"]).mean
        #expect(abs(high - 0.2) < 0.04, "high intensity \(high)")
        #expect(abs(groups - 0.2) < 0.04, "groups \(groups)")
        #expect(abs(low - 0.6) < 0.05, "low intensity \(low)")
        let assessmentWait = try #require(m["assessment_wait_days_mean"]).mean
        let treatmentWait = try #require(m["treatment_wait_days_mean"]).mean
        #expect(assessmentWait.isFinite && treatmentWait > assessmentWait, "treatment comes after assessment: \(assessmentWait) → \(treatmentWait)")
    }

    @Test("Without an assessment, clients start at their entry step and no assessment wait is reported")
    func withoutAssessment() throws {
        let (_, audit) = try Fixtures.pathwayRun(Fixtures.smallPathway(assessment: false))
        #expect(audit.assessed == 0)
        let result = Experiment(scenario: try Fixtures.scenario(text: Fixtures.smallPathway(assessment: false)), replications: 2).run()
        let m = result.variants[0].metrics
        #expect(m["assessment_wait_days_mean"]?.mean.isNaN ?? true)
        #expect(try #require(m["treatment_wait_days_mean"]).mean.isFinite)
    }
}
