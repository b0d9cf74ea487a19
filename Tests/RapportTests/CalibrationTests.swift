import Testing
import RapportExperiment

/// The routine-care preset must land in the published bands of MODEL.md. When the model changes,
/// recalibrate scenarios/presets/routine-care.yaml; never widen these bands.
@Suite("Calibration of the routine-care preset")
struct CalibrationTests {
    @Test("Completion, completer sessions, high exhaustion, turnover and clinical outcomes fall in the published bands")
    func routineCare() throws {
        let result = Experiment(scenario: try Fixtures.scenario("scenarios/presets/routine-care.yaml")).run()
        let m = result.variants[0].metrics
        let completed = m["completed_share"]!.mean
        let completerSessions = m["completer_sessions_mean"]!.mean
        let highExhaustion = m["burnout_risk_share"]!.mean
        let turnover = m["quits_per_fte_year"]!.mean
        #expect((0.37...0.40).contains(completed), "37–40% of referrals complete: \(completed)")
        #expect((6.9...7.9).contains(completerSessions), "completers attend 6.9–7.9 sessions: \(completerSessions)")
        #expect((0.30...0.50).contains(highExhaustion), "about 40% show high exhaustion: \(highExhaustion)")
        #expect((0.25...0.30).contains(turnover), "25–30% turnover a year: \(turnover)")
        // NHS Talking Therapies annual reports 2022–24, over finished courses.
        let recovery = m["recovery_rate"]!.mean, improvement = m["reliable_improvement_rate"]!.mean
        let reliableRecovery = m["reliable_recovery_rate"]!.mean, deterioration = m["reliable_deterioration_rate"]!.mean
        #expect((0.47...0.53).contains(recovery), "recovery 47–53%: \(recovery)")
        #expect((0.64...0.70).contains(improvement), "reliable improvement 64–70%: \(improvement)")
        #expect((0.44...0.50).contains(reliableRecovery), "reliable recovery 44–50%: \(reliableRecovery)")
        #expect((0.04...0.08).contains(deterioration), "reliable deterioration 4–8%: \(deterioration)")
    }
}
