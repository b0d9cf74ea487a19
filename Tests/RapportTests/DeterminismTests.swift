import Testing
import Foundation
import Synchronization
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

    @Test("A batch of experiments equals each experiment run alone, whatever the number of jobs, and keeps finished ones")
    func batchMatchesExperiments() throws {
        let scenarios = try ["10", "12"].map { count in
            try Fixtures.scenario(text: Fixtures.smallPlatform(horizon: "8w").replacingOccurrences(of: "count: 10", with: "count: \(count)"))
        }
        let experiments = scenarios.enumerated().map { Experiment(scenario: $1, replications: 3, seed: UInt64(5 + $0), jobs: 1) }
        let alone = experiments.map { $0.run().json().rendered() }
        for jobs in [1, 2, 3] {
            let batch = ExperimentBatch(experiments: experiments, jobs: jobs).run()
            #expect(batch.map { $0?.json().rendered() } == alone)
        }
        // An experiment already finished is not run again: its stored result comes back as given.
        var resumed = ExperimentBatch(experiments: experiments, jobs: 2)
        let marker = ExperimentBatch(experiments: [experiments[1]], jobs: 1).run()[0]!
        resumed.finished[0] = marker
        let seen = Mutex<[Int]>([])
        resumed.onEvaluation = { index, _ in seen.withLock { $0.append(index) } }
        let results = resumed.run()
        #expect(results[0]?.json().rendered() == alone[1])
        #expect(results[1]?.json().rendered() == alone[1])
        #expect(seen.withLock { $0 } == [1])
        // A stop before any task leaves every experiment unfinished.
        var stopped = ExperimentBatch(experiments: experiments, jobs: 2)
        stopped.shouldStop = { true }
        #expect(stopped.run().allSatisfy { $0 == nil })
    }

    @Test("A sweep writes byte-identical JSON with --jobs 1 and --jobs 2")
    func sweepJobsIdentical() throws {
        let folder = try Fixtures.temporaryFolder("rapport-sweep-jobs")
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [Data] = []
        for jobs in ["1", "2"] {
            let path = folder.appendingPathComponent("sweep-\(jobs).json").path
            let run = try Fixtures.runCLI(["sweep", "scenarios/validation/erlang-c.yaml", "--set", "therapists[0].count=10,12,14",
                                           "--set", "stop_after_arrivals=3000", "--replications", "3", "--jobs", jobs, "--output", path])
            #expect(run.status == 0, "\(run.err)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].count > 1000)
    }
}
