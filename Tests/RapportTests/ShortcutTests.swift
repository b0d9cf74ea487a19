import Testing
import RapportExperiment
import RapportModel

/// The day loop's shortcuts (a therapist's room not refreshed from unchanged inputs, a slot row's
/// scan stopped at its last held slot) change no result: the shipped scenarios, every variant,
/// give byte-identical JSON with them on and off. The regimes cover what the refresh's inputs
/// follow (stated thresholds and their reviews, fixed quotas, competition's rank penalty, ramp-up
/// of new hires, leave and quits), and stepped care has pathways, where the row scan is whole.
@Suite("Day-loop shortcuts", .serialized)
struct ShortcutTests {
    @Test("shortcuts on and off give byte-identical results", arguments: [
        "scenarios/baseline.yaml", "scenarios/quota-vs-thresholds.yaml", "scenarios/matching.yaml", "scenarios/stepped-care.yaml", "scenarios/caseload-requirement.yaml",
    ])
    func byteIdentical(_ file: String) throws {
        let scenario = try Fixtures.scenario(file, overrides: [("horizon", "30w"), ("warmup", "4w")])
        let on = Experiment(scenario: scenario, replications: 2, jobs: 1).run().json().rendered()
        PlatformModel.skipsUnchangedWork = false
        defer { PlatformModel.skipsUnchangedWork = true }
        let off = Experiment(scenario: scenario, replications: 2, jobs: 1).run().json().rendered()
        #expect(on == off)
    }
}
