import Testing
import RapportExperiment

/// The stepped-care scenario must land in the published NHS Talking Therapies bands listed in
/// docs/model.md ("Stepped care"). When the model changes, recalibrate scenarios/stepped-care.yaml;
/// never widen these bands.
@Suite("Calibration of the stepped-care scenario")
struct SteppedCareCalibrationTests {
    @Test("Outcomes, completer sessions, access, low-intensity share and step-up fall in the published bands")
    func steppedCare() throws {
        let result = Experiment(scenario: try Fixtures.scenario("scenarios/stepped-care.yaml")).run()
        let m = result.variants[0].metrics
        func mean(_ name: String) throws -> Double { try #require(m[name], "\(name) reported").mean }
        // NHS Talking Therapies annual reports 2022–24, over finished courses.
        let recovery = try mean("recovery_rate"), improvement = try mean("reliable_improvement_rate")
        let reliableRecovery = try mean("reliable_recovery_rate"), deterioration = try mean("reliable_deterioration_rate")
        #expect((0.47...0.53).contains(recovery), "recovery 47–53%: \(recovery)")
        #expect((0.64...0.70).contains(improvement), "reliable improvement 64–70%: \(improvement)")
        #expect((0.44...0.50).contains(reliableRecovery), "reliable recovery 44–50%: \(reliableRecovery)")
        #expect((0.04...0.08).contains(deterioration), "reliable deterioration 4–8%: \(deterioration)")
        // NHS Talking Therapies 2019/20, 2021/22: completers attend 6.9–7.9 sessions.
        let sessions = try mean("completer_sessions_mean")
        #expect((6.9...7.9).contains(sessions), "completers attend 6.9–7.9 sessions: \(sessions)")
        // The waiting-time standard: 75% seen within 6 weeks (services report about 90%).
        let seen = try mean("seen_within_6_weeks_share")
        #expect(seen >= 0.75, "75% seen within 6 weeks: \(seen)")
        // (≈) About two thirds of those treated start at low intensity (individual or groups).
        let lowIntensity = try mean("entry_share.low_intensity") + mean("entry_share.groups")
        #expect((0.60...0.75).contains(lowIntensity), "60–75% start at low intensity: \(lowIntensity)")
        // (≈) Between a sixth and a third of those in a step with a step-up rule step up.
        let stepUp = try mean("step_up_rate")
        #expect((0.15...0.35).contains(stepUp), "15–35% step up: \(stepUp)")
        // Groups run close to full (a group starts at 6 of 10 at the least).
        let fill = try mean("group_fill_rate")
        #expect((0.6...1).contains(fill), "group fill \(fill)")
    }
}
