import Testing
import RapportExperiment
import RapportScenario

/// Continuous mode with exponential sessions is M/M/c; with exponential patience, M/M/c+M.
/// The analytic values come from Benchmarks/reference/erlang.py (`erlang.py 10 8 1`, `erlang.py 20 18 1 0.5`).
@Suite("Validation against queueing theory")
struct QueueingValidationTests {
    @Test("Erlang C: P(W>0) = 0.4092 and Wq = 0.2046 h lie inside the 95% intervals")
    func erlangC() throws {
        let scenario = try Fixtures.scenario("scenarios/validation/erlang-c.yaml")
        let result = Experiment(scenario: scenario).run()
        let metrics = try #require(result.variants.first?.metrics)
        let waited = try #require(metrics["waited_share"])
        let wait = try #require(metrics["wait_days_mean"])
        #expect(waited.covers(0.409180), "P(W>0) \(waited)")
        #expect(wait.covers(0.204590 / 24), "Wq \(wait.mean * 24) h")
        // The interval must also be tight enough to mean something.
        #expect(try #require(waited.ciHigh) - waited.ciLow! < 0.02)
        #expect(abs(try #require(metrics["utilisation"]).mean - 0.8) < 0.01)
    }

    @Test("Erlang A: P(W>0) = 0.3978 and P(abandon) = 0.0378 lie inside the 95% intervals")
    func erlangA() throws {
        let scenario = try Fixtures.scenario("scenarios/validation/erlang-a.yaml")
        let result = Experiment(scenario: scenario).run()
        let metrics = try #require(result.variants.first?.metrics)
        let waited = try #require(metrics["waited_share"])
        let abandoned = try #require(metrics["abandoned_share"])
        #expect(waited.covers(0.397795), "P(W>0) \(waited)")
        #expect(abandoned.covers(0.037836), "P(abandon) \(abandoned)")
        #expect(try #require(abandoned.ciHigh) - abandoned.ciLow! < 0.005)
    }

    @Test("Two steps in tandem: each step's mean wait matches Erlang C (Jackson network: M/M/10 then M/M/6)")
    func tandemErlangC() throws {
        let scenario = try Fixtures.scenario("scenarios/validation/tandem-erlang-c.yaml")
        let result = Experiment(scenario: scenario).run()
        let metrics = try #require(result.variants.first?.metrics)
        let first = try #require(metrics["step_wait_days_mean.first"])
        let second = try #require(metrics["step_wait_days_mean.second"])
        // erlang.py 10 8 1: Wq = 0.2046 h; erlang.py 6 8 1.6: Wq = 0.3672 h.
        #expect(first.covers(0.204590 / 24), "step 1 Wq \(first.mean * 24) h")
        #expect(second.covers(0.367198 / 24), "step 2 Wq \(second.mean * 24) h")
        #expect(try #require(second.ciHigh) - second.ciLow! < 0.2 * second.mean)
        // A second step one server short is no longer Erlang C's M/M/6: the check can fail.
        let short = try Fixtures.scenario("scenarios/validation/tandem-erlang-c.yaml", overrides: [("therapists[1].count", "7")])
        let shortWait = try #require(Experiment(scenario: short, replications: 5).run().variants[0].metrics["step_wait_days_mean.second"])
        #expect(!shortWait.covers(0.367198 / 24))
    }

    @Test("A wrong service rate is caught: the Erlang C interval then misses the analytic value")
    func validationCanFail() throws {
        let scenario = try Fixtures.scenario("scenarios/validation/erlang-c.yaml",
                                             overrides: [("clients.session_length", "exponential(mean=66min)")])
        let result = Experiment(scenario: scenario, replications: 5).run()
        let waited = try #require(result.variants.first?.metrics["waited_share"])
        #expect(!waited.covers(0.409180))
    }
}
