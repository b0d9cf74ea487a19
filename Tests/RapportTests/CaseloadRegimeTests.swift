import Testing
import RapportExperiment
import RapportKernel
import RapportModel

/// `policy.caseload-requirement` and `policy.caseload-ceiling`, on top of the session regimes.
@Suite("Caseload regimes")
struct CaseloadRegimeTests {
    /// One language and modality, so any waiting client could go to any therapist.
    static func platform(policy: String, rate: String = "60/week") -> String {
        """
        name: caseload platform
        horizon: 20w
        replications: 2
        seed: 3
        clients:
          arrivals: {rate: \(rate)}
          sessions_needed: lognormal(median=8, sigma=0.5, min=1, max=20)
          patience: exponential(mean=60d)
        therapists:
          - group: all
            count: 8
            sustainable_level: uniform(4, 6)
        staffing: {ramp_up: 0d}
        policy:
          \(policy)
        """
    }

    @Test("A caseload requirement is met whenever there are clients waiting")
    func requirementMet() throws {
        let config = try Fixtures.config(Self.platform(policy: "quota: {fixed-quota: 4}\n  caseload-requirement: {active_clients: 25}"))
        var simulation = Simulation(model: PlatformModel(config: config, streams: StreamSet(seed: 5, replication: 0)))
        simulation.model.start(&simulation.calendar)
        var daysChecked = 0
        for day in 0..<Int(config.horizon) - 1 {
            simulation.run(until: Double(day) + 0.5)
            guard simulation.model.waitingCount > 0 else { continue }
            daysChecked += 1
            for t in 0..<simulation.model.therapistCount where simulation.model.status(of: t) == .active {
                #expect(simulation.model.caseload(of: t) >= 25, "day \(day): therapist \(t) carries \(simulation.model.caseload(of: t)) with \(simulation.model.waitingCount) waiting")
            }
        }
        #expect(daysChecked > 30, "the test needs days with a waitlist")
    }

    @Test("The requirement outranks a lower session quota: booked appointments exceed the quota's cap")
    func requirementOverridesQuota() throws {
        func run(_ policy: String) throws -> [String: Double] {
            let result = Experiment(scenario: try Fixtures.scenario(text: Self.platform(policy: policy)), replications: 2).run()
            return result.variants[0].metrics.mapValues(\.mean)
        }
        let quota = try run("quota: {fixed-quota: 4}")
        let required = try run("quota: {fixed-quota: 4}\n  caseload-requirement: {active_clients: 25}")
        #expect(try #require(quota["booked_vs_cap_share"]) <= 1)
        #expect(try #require(required["booked_vs_cap_share"]) > 1.1)
        #expect(try #require(required["overbooked_day_share"]) > quota["overbooked_day_share"]!)
    }

    @Test("No therapist ever carries more than a caseload ceiling")
    func ceilingHolds() throws {
        let config = try Fixtures.config(Self.platform(policy: "quota: individual-thresholds\n  caseload-ceiling: {active_clients: 12}", rate: "90/week"))
        var simulation = Simulation(model: PlatformModel(config: config, streams: StreamSet(seed: 5, replication: 0)))
        simulation.model.start(&simulation.calendar)
        var most = 0
        for day in 0..<Int(config.horizon) - 1 {
            simulation.run(until: Double(day) + 0.5)
            for t in 0..<simulation.model.therapistCount { most = max(most, simulation.model.caseload(of: t)) }
        }
        #expect(most == 12)
    }

    @Test("Impossible caseloads are refused before a run")
    func impossible() {
        let tooMany = Fixtures.problems(Self.platform(policy: "quota: individual-thresholds\n  caseload-requirement: {active_clients: 45}"))
        #expect(tooMany.count == 1 && tooMany[0].contains("cannot carry 45 active clients"), "\(tooMany)")
        let crossed = Fixtures.problems(Self.platform(policy: "caseload-requirement: {active_clients: 25}\n  caseload-ceiling: {active_clients: 20}"))
        #expect(crossed.count == 1 && crossed[0].contains("no higher than the caseload ceiling"), "\(crossed)")
    }
}
