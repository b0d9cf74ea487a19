import Testing
import RapportExperiment
import RapportKernel
import RapportModel
import RapportRandom
import RapportScenario

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

    /// An arrival's booking left for the next event (`PendingBooking`) against one made at once.
    /// The overrides add what the pending booking must settle before: clients who find no room
    /// and join the waitlist with an abandonment scheduled (short patience, scarce staff), a
    /// two-week grid whose bookings can fail and be chosen again, arrivals thinned by weekday,
    /// and a run stopped by its arrival count (settled when the run ends).
    @Test("arrival bookings made at the next event or at once give byte-identical results", arguments: [
        ("scenarios/baseline.yaml", [("clients.patience", "exponential(mean=3d)"), ("therapists[0].count", "30")], ""),
        ("scenarios/baseline.yaml", [], "  cadence: {mild: fortnightly, moderate: {weekly_for: 3, then: fortnightly}, severe: weekly}\n"),
        ("scenarios/matching.yaml", [("stop_after_arrivals", "3001")], ""),
        ("scenarios/quota-vs-thresholds.yaml", [], ""),
    ])
    func deferredBookings(_ file: String, _ overrides: [(String, String)], _ clientLines: String) throws {
        let text = try String(contentsOfFile: Fixtures.path(file), encoding: .utf8)
            .replacingOccurrences(of: "\nclients:\n", with: "\nclients:\n" + clientLines)
        let scenario = try ScenarioLoader.load(text: text, file: file, overrides: [("horizon", "30w"), ("warmup", "4w")] + overrides)
        let deferred = Experiment(scenario: scenario, replications: 2, jobs: 1).run().json().rendered()
        PlatformModel.defersArrivalBookings = false
        defer { PlatformModel.defersArrivalBookings = true }
        let atOnce = Experiment(scenario: scenario, replications: 2, jobs: 1).run().json().rendered()
        #expect(deferred == atOnce)
    }

    /// Wherever a run stops, no booking is left pending: the run is stopped at many times through
    /// its last week (most stops fall just after an arrival), and by its arrival count (it then
    /// goes on with day starts).
    @Test("a run never stops with an arrival's booking pending", arguments: ["steps", "stop_after_arrivals: 1001"])
    func settledAtTheEnd(_ ending: String) throws {
        let config = try Fixtures.config(try String(contentsOfFile: Fixtures.path("scenarios/baseline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "horizon: 52w", with: "horizon: 10w")
            .replacingOccurrences(of: "warmup: 13w", with: "warmup: 0d" + (ending == "steps" ? "" : "\n" + ending)))
        var simulation = Simulation(model: PlatformModel(config: config, streams: StreamSet(seed: 1, replication: 0)))
        simulation.model.start(&simulation.calendar)
        var stops = 0
        for stop in stride(from: ending == "steps" ? 63.0 : config.horizon, through: config.horizon, by: 0.01) {
            simulation.run(until: stop)
            if simulation.model.hasPendingBooking { stops += 1 }
        }
        #expect(stops == 0)
        // No warm-up, so every arrival is measured: none is lost, the last one included.
        let account = simulation.model.clientAccount
        if ending != "steps" { #expect(account.arrived == 1001) }
        #expect(account.arrived == account.completed + account.droppedOut + account.abandoned + account.waiting + account.inTreatment)
        #expect(account.waiting == simulation.model.waitingCount)
    }
}
