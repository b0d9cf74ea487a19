import Testing
import Foundation
import RapportExperiment
import RapportRandom
import RapportScenario

@Suite("Experiments: comparisons, sweeps, planning and sensitivity")
struct ExperimentTests {
    @Test("Two identical variants show no difference; the paired interval is exactly zero")
    func identicalVariants() throws {
        let text = Fixtures.smallPlatform(extra: "variants:\n  - name: a\n  - name: b")
        let result = Experiment(scenario: try Fixtures.scenario(text: text), replications: 4).run()
        #expect(!result.comparisons.isEmpty)
        #expect(result.comparisons.allSatisfy { !$0.isDistinguishable && $0.mean == 0 })
    }

    @Test("On quota-vs-thresholds, paired differences come with intervals and some exclude zero")
    func pairedDifferences() throws {
        let result = Experiment(scenario: try Fixtures.scenario("scenarios/quota-vs-thresholds.yaml"), replications: 4).run()
        let burnout = try #require(result.comparisons.first { $0.variant == "fixed-quota-7" && $0.metric == "burnout_risk_share" })
        #expect(burnout.ciLow != nil && burnout.ciHigh != nil)
        #expect(burnout.isDistinguishable)
        #expect(burnout.pValue! < 0.05)
    }

    @Test("Three shards run as separate processes and merged equal one unsharded sweep, byte for byte")
    func shardsMerge() throws {
        let folder = try Fixtures.temporaryFolder("rapport-sweep")
        defer { try? FileManager.default.removeItem(at: folder) }
        let common = ["sweep", "scenarios/validation/erlang-c.yaml", "--set", "therapists[0].count=10,11,12,14",
                      "--set", "stop_after_arrivals=5000", "--replications", "2"]
        var parts: [String] = []
        for shard in 0..<3 {
            let part = folder.appendingPathComponent("part-\(shard).json").path
            let run = try Fixtures.runCLI(common + ["--shard", "\(shard)/3", "--output", part])
            #expect(run.status == 0, "\(run.err)")
            parts.append(part)
        }
        let merged = folder.appendingPathComponent("merged.json").path
        #expect(try Fixtures.runCLI(["merge"] + parts + ["--output", merged]).status == 0)
        let whole = folder.appendingPathComponent("whole.json").path
        #expect(try Fixtures.runCLI(common + ["--output", whole]).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: merged)), b = try Data(contentsOf: URL(fileURLWithPath: whole))
        #expect(a == b)
        #expect(a.count > 1000)
        // A missing shard is refused, not silently merged.
        let gap = try Fixtures.runCLI(["merge", parts[0], parts[1]])
        #expect(gap.status == 2)
        #expect(gap.err.contains("missing"))
    }

    @Test("Sweep values split on commas outside brackets")
    func sweepValues() {
        #expect(SweepGrid.splitValues("100/week,120/week") == ["100/week", "120/week"])
        #expect(SweepGrid.splitValues("uniform(4, 6),uniform(5, 7)") == ["uniform(4, 6)", "uniform(5, 7)"])
        let grid = SweepGrid(axes: [("a", ["1", "2"]), ("b", ["x", "y", "z"])])
        #expect(grid.count == 6)
        #expect(grid.point(4).map(\.value) == ["2", "y"])
        #expect(grid.points(shard: 1, of: 4) == [1, 5])
    }

    @Test("plan returns a roster that, re-run on its own, meets the targets")
    func planMeetsTargets() throws {
        let scenario = try Fixtures.scenario("scenarios/baseline.yaml")
        let targets = [Target("wait_days_p90<=14")!, Target("abandoned_share<=0.02")!]
        let planner = HeadcountPlanner(scenario: scenario, targets: targets, replications: 4)
        let (frontier, best) = planner.plan()
        let roster = try #require(best)
        #expect(frontier.count < 40)
        #expect(frontier.contains { !$0.met })
        var rerun = scenario
        for g in roster.indices { rerun.variants[0].config.therapistGroups[g].count = roster[g] }
        let metrics = Experiment(scenario: rerun, replications: 4).run().variants[0].metrics
        #expect(targets.allSatisfy { $0.isMet(by: metrics[$0.metric]) })
        // Demanding more confidence never asks for fewer therapists.
        var strict = HeadcountPlanner(scenario: scenario, targets: targets, replications: 4)
        strict.confidence = 0.99
        let strictRoster = try #require(strict.plan().best)
        #expect(strictRoster.reduce(0, +) >= roster.reduce(0, +))
        // One fewer therapist in the largest group no longer meets them all.
        var smaller = rerun
        let largest = roster.indices.max { roster[$0] < roster[$1] }!
        smaller.variants[0].config.therapistGroups[largest].count -= 1
        let fewer = Experiment(scenario: smaller, replications: 4).run().variants[0].metrics
        #expect(!targets.allSatisfy { $0.isMet(by: fewer[$0.metric]) })
    }

    @Test("Sensitivity ranks the exhaustion assumptions by their effect on burnout")
    func sensitivity() throws {
        let scenario = try Fixtures.scenario("scenarios/quota-vs-thresholds.yaml")
        let index = try #require(scenario.variants.firstIndex { $0.name == "fixed-quota-7" })
        let result = SensitivityAnalysis(scenario: scenario, variant: index, metric: "burnout_risk_share", replications: 3).run()
        let s = try #require(result.sensitivity)
        #expect(s.entries.count == SensitivityAnalysis.uncertain.count)
        #expect(zip(s.entries, s.entries.dropFirst()).allSatisfy { $0.swing >= $1.swing })
        let growth = try #require(s.entries.first { $0.parameter == "wellbeing.growth_per_extra_session" })
        #expect(growth.high.mean > s.baseline.mean && s.baseline.mean > growth.low.mean)
        // It survives a JSON round trip, for `rapport report`.
        let text = result.json().rendered()
        #expect(try RunResult(json: JSONValue.parse(text)).json().rendered() == text)
    }

    @Test("MSER-5 cuts a start-up transient and nothing from a stationary series")
    func mser() {
        let stream = RandomStream(seed: 3, replication: 0, name: "mser")
        let stationary = (0..<200).map { _ in 50 + stream.normal(mean: 0, sd: 2) }
        let ramp = (0..<40).map { Double($0) * 1.25 } + stationary
        let cut = MSER.truncation(ramp)
        #expect((30...60).contains(cut), "cut \(cut)")
        #expect(MSER.truncation(stationary) <= 20)
        #expect(MSER.truncation([1, 2, 3]) == 0)
    }

    @Test("warmup: auto picks a cut by MSER-5, applies it to every variant, and says so")
    func autoWarmup() throws {
        let experiment = Experiment(scenario: try Fixtures.scenario("scenarios/quota-vs-thresholds.yaml", overrides: [("warmup", "auto")]), replications: 3)
        #expect(experiment.warmupNote.hasPrefix("warm-up auto (MSER-5 on the weekly waitlist and mean exhaustion of a pilot run, the later cut: waitlist "))
        let warmups = Set(experiment.scenario.variants.map(\.config.warmup))
        #expect(warmups.count == 1 && warmups.first! > 0)
        #expect(experiment.run().warmupNote == experiment.warmupNote)
    }
}
