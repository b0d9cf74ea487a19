import Testing
import RapportModel
import RapportScenario

/// Reading `pathway:`: every problem is reported with its place in one pass, and a scenario
/// without a pathway has none.
@Suite("Pathway schema")
struct PathwaySchemaTests {
    @Test("A scenario without a pathway has none; one with a pathway has its steps, rules and groups")
    func decodes() throws {
        #expect(try Fixtures.config(Fixtures.smallPlatform()).pathway == nil)
        let p = try #require(try Fixtures.config(Fixtures.smallPathway()).pathway)
        #expect(p.hasAssessment && p.steps.map(\.name) == ["assessment", "low_intensity", "groups", "high_intensity"])
        #expect(p.steps[1].stepUp == StepUpRule(to: 3, noReliableImprovementBy: 4, stillACaseAtEnd: false))
        #expect(p.steps[2].groupFormat == GroupFormat(size: 6, startAt: 4, sessions: 5, loadPerExtraMember: 0.1))
        #expect(p.steps[1].loadWeight == 0.7)
        // Severe → high intensity; mild anxiety → groups; everyone else → low intensity.
        #expect(p.entryStep(severity: 2, concern: 0) == 3)
        #expect(p.entryStep(severity: 0, concern: 0) == 2)
        #expect(p.entryStep(severity: 0, concern: 1) == 1)
    }

    @Test("Unknown groups and steps, a group serving two steps, an unserved group and a bad group format are all reported at once")
    func problemsInOnePass() {
        let text = Fixtures.smallPathway()
            .replacingOccurrences(of: "therapists: [facilitators]", with: "therapists: [pwp]")
            .replacingOccurrences(of: "step: groups}", with: "step: grups}")
            .replacingOccurrences(of: "start_at: 4", with: "start_at: 9")
            .replacingOccurrences(of: "therapists: [hi]", with: "therapists: [hl]")
        let problems = Fixtures.problems(text)
        #expect(problems.contains { $0.contains("pathway.steps[1].therapists") && $0.contains("already serves the step 'low_intensity'") }, "\(problems)")
        #expect(problems.contains { $0.contains("unknown step 'grups'") && $0.contains("did you mean 'groups'") }, "\(problems)")
        #expect(problems.contains { $0.contains("start_at") && $0.contains("at most the group's size (6)") }, "\(problems)")
        #expect(problems.contains { $0.contains("unknown therapist group 'hl'") }, "\(problems)")
        #expect(problems.contains { $0.contains("'facilitators'") && $0.contains("no step of the pathway") }, "\(problems)")
    }

    @Test("Rules that read symptom scores need them; the last entry rule is the default")
    func rulesNeedScores() {
        let text = Fixtures.smallPathway(extraPolicy: "")
            .replacingOccurrences(of: "policy:\n", with: "outcomes: {symptoms: false}\npolicy:\n")
            .replacingOccurrences(of: "    - step: low_intensity", with: "    - {severity: [moderate], step: low_intensity}")
        let problems = Fixtures.problems(text)
        #expect(problems.contains { $0.contains("step_up") && $0.contains("needs symptom scores") }, "\(problems)")
        #expect(problems.contains { $0.contains("the last entry rule must name only a step") }, "\(problems)")
    }
}
