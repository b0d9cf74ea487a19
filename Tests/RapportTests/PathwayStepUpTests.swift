import Testing
import RapportExperiment
import RapportModel

/// Step-up: a client moves up exactly when the rule says, never otherwise, and joins the higher
/// step keeping their history.
@Suite("Pathway step-up")
struct PathwayStepUpTests {
    /// Reliable improvement by the NHS Talking Therapies definition, recomputed here from the
    /// scores the rule read: PHQ-9 down 6 or GAD-7 down 4, neither reliably worse.
    static func reliablyImproved(_ c: StepUpCheck) -> Bool {
        let f = (c.firstPHQ.rounded(), c.firstGAD.rounded()), l = (c.latestPHQ.rounded(), c.latestGAD.rounded())
        let better = f.0 - l.0 >= 6 || f.1 - l.1 >= 4
        let worse = l.0 - f.0 >= 6 || l.1 - f.1 >= 4
        return better && !worse
    }

    @Test("Step-up happens at the rule's session exactly when the client has not reliably improved", arguments: [3, 4])
    func exactlyUnderRule(session k: Int) throws {
        let text = Fixtures.smallPathway(stepUp: "{to: high_intensity, no_reliable_improvement_by: \(k)}")
        let (_, audit) = try Fixtures.pathwayRun(text)
        #expect(audit.stepUpChecks.count > 100)
        #expect(audit.stepUpChecks.allSatisfy { $0.sessionInStep == k }, "checked only at session \(k)")
        for check in audit.stepUpChecks {
            #expect(check.steppedUp == !Self.reliablyImproved(check), "\(check)")
        }
        // Both outcomes happen, so the rule is doing something either way.
        #expect(audit.stepUpChecks.contains { $0.steppedUp } && audit.stepUpChecks.contains { !$0.steppedUp })
        // Nobody stepped up for any other reason.
        #expect(audit.stepUps == audit.stepUpChecks.filter(\.steppedUp).count)
    }

    @Test("Without a step-up rule nobody steps up; with one, the step-up rate is reported")
    func neverWithoutRule() throws {
        let withRule = Experiment(scenario: try Fixtures.scenario(text: Fixtures.smallPathway()), replications: 2).run()
        let rate = try #require(withRule.variants[0].metrics["step_up_rate"]).mean
        #expect(rate > 0.05 && rate < 0.8, "step-up rate \(rate)")

        let text = Fixtures.smallPathway().replacingOccurrences(of: "      step_up: {to: high_intensity, no_reliable_improvement_by: 4}\n", with: "")
        let (_, audit) = try Fixtures.pathwayRun(text)
        #expect(audit.stepUps == 0 && audit.stepUpChecks.isEmpty)
    }

    @Test("At the end of a step, still_a_case_at_end steps up exactly the clients who are still a case")
    func stillACaseAtEnd() throws {
        let text = Fixtures.smallPathway(stepUp: "{to: high_intensity, still_a_case_at_end: true}")
        let (_, audit) = try Fixtures.pathwayRun(text)
        #expect(audit.stepUpChecks.isEmpty, "no session rule configured")
        #expect(audit.stepUps > 0)
    }
}
