import Testing
import RapportExperiment
import RapportModel

/// Group sessions: a group starts only with enough members, never runs above its size, and fills.
@Suite("Pathway groups")
struct PathwayGroupTests {
    @Test("A group never runs above its size and starts only once start_at members are matched", arguments: [(6, 4), (3, 3), (8, 2)])
    func neverAboveSize(size: Int, startAt: Int) throws {
        // Demand well above group capacity, so groups fill to the brim whenever they can.
        let text = Fixtures.smallPathway(group: "{size: \(size), start_at: \(startAt), sessions: 4}", arrivals: "80/week", horizon: "30w")
        let (_, audit) = try Fixtures.pathwayRun(text)
        #expect(audit.groupSessions > 50)
        #expect(audit.largestGroupSession <= size && audit.largestGroupAtStart <= size)
        #expect(audit.largestGroupAtStart == size, "with long waitlists groups start full: \(audit.largestGroupAtStart)")
        #expect(audit.smallestGroupAtStart >= startAt)
    }

    @Test("Group fill rate is members at the first session over size, within [0, 1]")
    func fillRate() throws {
        let result = Experiment(scenario: try Fixtures.scenario(text: Fixtures.smallPathway()), replications: 2).run()
        let fill = try #require(result.variants[0].metrics["group_fill_rate"]).mean
        #expect(fill >= 4.0 / 6 && fill <= 1, "fill \(fill)")
    }
}
