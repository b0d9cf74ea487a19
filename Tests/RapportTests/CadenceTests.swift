import Testing
import RapportExperiment
import RapportModel

/// `clients.cadence`: weekly, fortnightly and tapering clients on a two-week slot grid.
@Suite("Cadence")
struct CadenceTests {
    static func platform(cadence: String) -> String {
        Fixtures.smallPlatform(extra: "", policy: "quota: individual-thresholds", horizon: "30w")
            .replacingOccurrences(of: "  sessions_needed:", with: "  cadence: \(cadence)\n  sessions_needed:")
    }

    static func sessionsPerClientWeek(_ cadence: String) throws -> Double {
        let result = Experiment(scenario: try Fixtures.scenario(text: platform(cadence: cadence)), replications: 3).run()
        return try #require(result.variants[0].metrics["sessions_per_client_week"]?.mean)
    }

    @Test("Fortnightly cadence halves the session rate of a caseload; tapering falls between")
    func fortnightlyHalves() throws {
        let weekly = try Self.sessionsPerClientWeek("weekly")
        let fortnightly = try Self.sessionsPerClientWeek("fortnightly")
        let tapering = try Self.sessionsPerClientWeek("{weekly_for: 4, then: fortnightly}")
        // No-shows take the same share in both, so the ratio is the cadence's alone.
        #expect(weekly > 0.85 && weekly < 1.25)
        #expect(abs(fortnightly / weekly - 0.5) < 0.03, "weekly \(weekly), fortnightly \(fortnightly)")
        #expect(tapering > fortnightly + 0.05 && tapering < weekly - 0.05, "tapering \(tapering)")
    }

    @Test("A two-week grid loses no client and never books a slot twice, whatever the mix of cadences")
    func conservationOnTwoWeekGrid() throws {
        let config = try Fixtures.config(Self.platform(cadence: "{mild: fortnightly, moderate: {weekly_for: 3, then: fortnightly}, severe: weekly}"))
        let model = Fixtures.simulate(config)
        let a = model.clientAccount
        #expect(a.arrived == a.completed + a.droppedOut + a.abandoned + a.waiting + a.inTreatment)
        #expect(a.completed > 50)
        for t in 0..<model.therapistCount where model.status(of: t) != .departed {
            // Each client holds one slot, or two when seen weekly on the two-week grid.
            #expect(model.bookedSlots(of: t) >= model.caseload(of: t) && model.bookedSlots(of: t) <= 2 * model.caseload(of: t))
        }
    }

    @Test("Fortnightly clients fit twice the caseload into the same sessions a day")
    func fortnightlyDoublesCaseload() throws {
        func meanCaseload(_ cadence: String) throws -> Double {
            let text = Self.platform(cadence: cadence).replacingOccurrences(of: "rate: 30/week", with: "rate: 80/week")
            let model = Fixtures.simulate(try Fixtures.config(text))
            let employed = (0..<model.therapistCount).filter { model.status(of: $0) == .active }
            return Double(employed.map(model.caseload(of:)).reduce(0, +)) / Double(employed.count)
        }
        let weekly = try meanCaseload("weekly"), fortnightly = try meanCaseload("fortnightly")
        #expect(fortnightly > 1.8 * weekly, "weekly \(weekly), fortnightly \(fortnightly)")
    }

    @Test("Cadence errors are located and explained")
    func errors() {
        let unknown = Fixtures.problems(Self.platform(cadence: "fortnighly"))
        #expect(unknown.contains { $0.contains("clients.cadence") && $0.contains("did you mean 'fortnightly'") }, "\(unknown)")
        let taper = Fixtures.problems(Self.platform(cadence: "{weekly_for: 0, then: weekly}"))
        #expect(taper.count == 2, "\(taper)")
        #expect(taper.contains { $0.contains("weekly_for") } && taper.contains { $0.contains("fortnightly (the only cadence") })
    }
}
