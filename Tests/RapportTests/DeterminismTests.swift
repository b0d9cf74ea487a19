import Testing
import Foundation
import RapportExperiment
import RapportScenario

@Suite("Determinism and common random numbers")
struct DeterminismTests {
    @Test("The same scenario and seed give byte-identical JSON, whatever the number of jobs")
    func byteIdentical() throws {
        let scenario = try Fixtures.scenario(text: Fixtures.smallPlatform())
        let one = Experiment(scenario: scenario, replications: 4, jobs: 1).run().json().rendered()
        let again = Experiment(scenario: scenario, replications: 4, jobs: 1).run().json().rendered()
        let two = Experiment(scenario: scenario, replications: 4, jobs: 2).run().json().rendered()
        #expect(one == again)
        #expect(one == two)
        let otherSeed = Experiment(scenario: scenario, replications: 4, seed: 8, jobs: 2).run().json().rendered()
        #expect(one != otherSeed)
    }

    @Test("Changing only the policy leaves every replication's arrivals the same")
    func commonRandomNumbers() throws {
        let text = Fixtures.smallPlatform(extra: """
        variants:
          - name: thresholds
          - name: fixed
            policy: {quota: {fixed-quota: 7}, matching: earliest-available}
          - name: optimal
            policy: {matching: {batch-optimal: {every: 1d}}}
          - name: choice
            policy: {matching: {client-choice: {shown: 3}}}
        """)
        let result = Experiment(scenario: try Fixtures.scenario(text: text), replications: 3).run()
        let arrivals = result.variants.map { $0.metrics["clients_arrived"]!.values }
        for other in arrivals.dropFirst() { #expect(other == arrivals[0]) }
        // The policies do differ in what happens to those clients.
        let sessions = result.variants.map { $0.metrics["sessions_delivered"]!.values }
        #expect(Set(sessions.map { $0.description }).count > 1)
    }
}
