import Foundation
import Testing
import RapportExperiment
import RapportModel
import RapportScenario

/// `rapport calibrate`: recovering known parameters from the targets they produce, saying which
/// ones the targets cannot pin down, and staying byte-identical across jobs, shards and resumes.
/// (CalibrationTests.swift is about the shipped presets' bands, not this.)
@Suite("Calibration search (rapport calibrate)")
struct CalibrationSearchTests {
    /// A small platform where burnout happens: 14 therapists on a fixed quota above their level.
    static let scenarioText = "# A small platform for calibration tests (this comment must survive calibration)\n"
        + Fixtures.smallPlatform(extra: """
            wellbeing:
              growth_per_extra_session: 1.6   # the truth the calibration must find
              burnout_threshold: 26

            """, policy: "quota: {fixed-quota: 7}", horizon: "52w", warmup: "8w", rate: "45/week", name: "calibration test platform")

    /// The searched parameters: two the targets depend on, and one (how much therapists differ in
    /// what their sessions do) that moves neither burnout nor exhaustion.
    static let parameters = [
        CalibrationParameter(name: "wellbeing.growth_per_extra_session", low: 0.6, high: 2.4),
        CalibrationParameter(name: "wellbeing.burnout_threshold", low: 24, high: 30),
        CalibrationParameter(name: "outcomes.therapist_effect", low: 0.1, high: 0.5),
    ]

    /// Targets made by the true parameters (growth 1.6, threshold 26) with the calibration's own
    /// seed: what a platform whose model is right would observe.
    static func trueTargets(_ scenario: Scenario) -> [CalibrationTarget] {
        let truth = Experiment(scenario: scenario, replications: 3, seed: 7, jobs: 2).run().variants[0].metrics
        return [CalibrationTarget(metric: "burnout_risk_share", value: truth["burnout_risk_share"]!.mean, tolerance: 0.03),
                CalibrationTarget(metric: "exhaustion_mean", value: truth["exhaustion_mean"]!.mean, tolerance: 1.5)]
    }

    static func problem(_ scenario: Scenario, targets: [CalibrationTarget], parameters: [CalibrationParameter] = parameters,
                        budget: Int = 32, polish: Int = 20) throws -> CalibrationProblem {
        try CalibrationProblem(scenario: scenario, variant: nil, targets: targets, parameters: parameters,
                               designSize: budget, polishBudget: polish, replications: 3, seed: 7, jobs: 2)
    }

    @Test("A profile move counts only beyond its replications' noise")
    func moveBeyondNoise() {
        // The same shift in every replication is all signal.
        #expect(abs(CalibrationResult.moveBeyondNoise(from: [0.1, 0.2, 0.3], to: [0.15, 0.25, 0.35]) - 0.05) < 1e-12)
        // One therapist of 14 crossing the threshold in one of three replications: noise.
        #expect(CalibrationResult.moveBeyondNoise(from: [0.071, 0.143, 0.071], to: [0.143, 0.143, 0.071]) == 0)
        // A clear move keeps what its noise leaves of it: mean 1, t(0.975, 2) × sd 0.1 / √3 off.
        let move = CalibrationResult.moveBeyondNoise(from: [0, 0, 0], to: [0.9, 1, 1.1])
        #expect(abs(move - (1 - 4.302652729911275 * 0.1 / 3.0.squareRoot())) < 1e-9)
        // A single replication has no noise estimate; an undefined metric stays undefined.
        #expect(CalibrationResult.moveBeyondNoise(from: [2], to: [5]) == 3)
        #expect(CalibrationResult.moveBeyondNoise(from: [1, .nan], to: [2, 3]).isNaN)
    }

    @Test("Targets produced by known parameters are recovered, and the parameter they do not depend on is flagged")
    func recoversKnownParameters() throws {
        let scenario = try Fixtures.scenario(text: Self.scenarioText, file: "calibration.yaml")
        let targets = Self.trueTargets(scenario)
        #expect(targets[0].value > 0.05, "the test platform must burn out for the test to mean anything")
        let result = try #require(Calibrator(problem: try Self.problem(scenario, targets: targets, budget: 80), jobs: 2).run())
        let fitted = result.fitted
        #expect(abs(fitted[0] - 1.6) <= 0.15, "growth per extra session: fitted \(fitted[0]), truth 1.6")
        #expect(abs(fitted[1] - 26) <= 1.5, "burnout threshold: fitted \(fitted[1]), truth 26")
        #expect(result.checks.allSatisfy { $0.isMet }, "\(result.checks)")
        #expect(result.accepted.count >= CalibrationResult.minimumAccepted, "\(result.accepted.count) accepted")
        let verdicts = result.verdicts
        #expect(verdicts[0].level == .pinned, "\(verdicts[0])")
        #expect(verdicts[2].level == .loose, "\(verdicts[2])")
        #expect(verdicts[2].reach < 1)
        // Every accepted set really meets every target, and the run count is what was simulated.
        for index in result.accepted { #expect(result.design[index].isAccepted(targets)) }
        #expect(result.simulatedRuns == result.evaluations * 3 && result.evaluations > 32)
        // The JSON reads back to the same result, and renders.
        let json = result.json().rendered()
        let reread = try CalibrationResult(json: JSONValue.parse(json))
        #expect(reread.json().rendered() == json)
        #expect(json.contains("\"kind\": \"calibration\""))
    }

    @Test("The calibrated scenario keeps the user's text and comments, holds the fitted values, and carries the accepted sets")
    func calibratedScenarioText() throws {
        let scenario = try Fixtures.scenario(text: Self.scenarioText, file: "calibration.yaml")
        let targets = Self.trueTargets(scenario)
        let result = try #require(Calibrator(problem: try Self.problem(scenario, targets: targets, budget: 16, polish: 8), jobs: 2).run())
        let yaml = try CalibratedScenarioWriter.yaml(original: Self.scenarioText, result: result)
        #expect(yaml.hasPrefix(CalibratedScenarioWriter.marker))
        #expect(yaml.contains("# A small platform for calibration tests (this comment must survive calibration)"))
        #expect(yaml.contains("  growth_per_extra_session: \(Self.plain(result.fitted[0]))   # the truth the calibration must find\n"))
        let loaded = try ScenarioLoader.load(text: yaml, file: "calibrated.yaml")
        #expect(loaded.uncertainty?.samples.count == result.accepted.count, "rapport run --uncertainty reads every accepted set")
        for (p, value) in zip(Self.parameters, result.fitted) {
            #expect(loaded.variants[0].config[keyPath: p.registered.keyPath] == value, "\(p.name)")
        }
        // The agreed `uncertainty:` format: one flow mapping per accepted set, in design order.
        let lines = yaml.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "uncertainty:"))
        #expect(lines[start + 1].hasPrefix("  samples:            # parameter sets accepted by rapport calibrate"))
        let samples = lines[(start + 2)...].filter { $0.hasPrefix("    - {") }
        #expect(samples.count == result.accepted.count)
        if let first = result.accepted.first {
            let v = result.design[first].values
            #expect(samples.first == "    - {wellbeing.growth_per_extra_session: \(Self.plain(v[0])), wellbeing.burnout_threshold: \(Self.plain(v[1])), outcomes.therapist_effect: \(Self.plain(v[2]))}")
        }
        // Values land in the scenario's own syntax, also inside a flow mapping (`{rate: 45/week}`).
        let rate = try #require(UncertainParameter.named("clients.arrivals.rate"))
        let edited = try #require(YAMLTextEdit.setting(rate.scenarioPath, to: rate.scenarioText(6.5), in: Self.scenarioText))
        #expect(edited.contains("  arrivals: {rate: 6.5/day}\n"))
        #expect(try ScenarioLoader.load(text: edited, file: "x.yaml").variants[0].config.clients.arrivalsPerDay == 6.5)
        #expect(UncertainParameter.named("wellbeing.recovery_half_life")?.scenarioText(12.25) == "12.25d")
        // No accepted set: the searched ranges as priors instead.
        let impossible = [CalibrationTarget(metric: "burnout_risk_share", value: 0.95, tolerance: 0.01)]
        let none = try #require(Calibrator(problem: try Self.problem(scenario, targets: impossible,
                                                                      parameters: [Self.parameters[0]], budget: 4, polish: 0), jobs: 2).run())
        #expect(none.accepted.isEmpty)
        let priors = try CalibratedScenarioWriter.yaml(original: Self.scenarioText, result: none)
        #expect(priors.contains("uncertainty:\n  priors:"))
        #expect(priors.contains("    wellbeing.growth_per_extra_session: uniform(0.6, 2.4)\n"))
        #expect(priors.contains("(NOT within tolerance)"))
    }

    static func plain(_ v: Double) -> String { v == v.rounded() ? String(Int64(v)) : "\(v)" }

    @Test("--jobs 1 and --jobs 2 give byte-identical calibrations; shards merged and a resumed run equal an unsharded one")
    func jobsShardsAndResume() throws {
        let folder = try Fixtures.temporaryFolder("rapport-calibrate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("platform.yaml").path
        try Self.scenarioText.write(toFile: file, atomically: true, encoding: .utf8)
        let common = ["calibrate", file, "--target", "burnout_risk_share=0.115±0.02", "--target", "exhaustion_mean=8.5+-1",
                      "--parameter", "wellbeing.growth_per_extra_session", "--parameter", "wellbeing.burnout_threshold=24:30",
                      "--budget", "12", "--polish", "8"]
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func data(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(name))) }
        for jobs in ["1", "2"] {
            let run = try Fixtures.runCLI(common + ["--jobs", jobs, "--json", path("j\(jobs).json"), "--output", path("j\(jobs).yaml")])
            #expect(run.status == 0, "\(run.err)")
            #expect(run.out.contains("Fitted parameters:"))
        }
        #expect(try data("j1.json") == data("j2.json"))
        #expect(try data("j1.yaml") == data("j2.yaml"))
        // Three shards of the design, merged: the same calibration, byte for byte.
        var parts: [String] = []
        for shard in 0..<3 {
            let run = try Fixtures.runCLI(common + ["--shard", "\(shard)/3", "--json", path("part\(shard).json")])
            #expect(run.status == 0, "\(run.err)")
            parts.append(path("part\(shard).json"))
        }
        let merged = try Fixtures.runCLI(["merge"] + parts + ["--output", path("merged.json"), "--calibrated", path("merged.yaml")])
        #expect(merged.status == 0, "\(merged.err)")
        #expect(try data("merged.json") == data("j1.json"))
        #expect(try data("merged.yaml") == data("j1.yaml"))
        let gap = try Fixtures.runCLI(["merge", parts[0], parts[2]])
        #expect(gap.status == 2 && gap.err.contains("missing"), "\(gap.err)")
        // A checkpoint holding part of the work (as Ctrl-C leaves it): --resume finishes it alike.
        let scenario = try Fixtures.scenario(text: Self.scenarioText, file: file)
        let (targets, parameters) = ([try CalibrationTarget(parsing: "burnout_risk_share=0.115±0.02"), try CalibrationTarget(parsing: "exhaustion_mean=8.5+-1")],
                                     [try CalibrationParameter(parsing: "wellbeing.growth_per_extra_session"), try CalibrationParameter(parsing: "wellbeing.burnout_threshold=24:30")])
        let problem = try CalibrationProblem(scenario: scenario, variant: nil, targets: targets, parameters: parameters,
                                             designSize: 12, polishBudget: 8, replications: 3, seed: 7)
        let settings = CalibrationSettings(file: file, scenarioText: Self.scenarioText, problem: problem, variant: nil)
        let store = Checkpoint(path: path("resumed.json") + ".checkpoint")
        _ = try store.open(identity: .init(scenarioText: Self.scenarioText, overrides: settings.identityWords + [""], seed: 7, replications: 3),
                           resume: false, taskCount: 100) { _, _ in nil }
        let design = try #require(Calibrator(problem: problem, jobs: 1).runDesign(Array(0..<7)))
        for (i, e) in design.enumerated() { store.append(task: i, entry: e.json) }
        store.close()
        let resumed = try Fixtures.runCLI(common + ["--resume", "--json", path("resumed.json")])
        #expect(resumed.status == 0, "\(resumed.err)")
        #expect(resumed.err.contains("resuming: 7 candidate(s)"), "\(resumed.err)")
        #expect(try data("resumed.json") == data("j1.json"))
        // The calibration and its parts are described by the result schema.
        if let check = SchemaTests.validate([path("j1.json"), path("part0.json")], schema: Fixtures.path("schema/result.schema.json")) {
            #expect(check.status == 0 && check.results.values.allSatisfy { $0 }, "\(check.output)")
        }
        // And `rapport report` renders the calibration.
        let report = try Fixtures.runCLI(["report", path("j1.json"), "--format", "markdown"])
        #expect(report.status == 0 && report.out.contains("## Fitted parameters"), "\(report.err)")
        let html = try Fixtures.runCLI(["report", path("j1.json"), "--format", "html"])
        #expect(html.status == 0 && html.out.contains("What moves each target around the fitted point") && html.out.contains("<svg"), "\(html.err)")
    }

    @Test("Bad targets, parameters, variants and outputs are refused before any simulation, with suggestions")
    func badInputs() throws {
        let folder = try Fixtures.temporaryFolder("rapport-calibrate-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("platform.yaml").path
        try Self.scenarioText.write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try Fixtures.runCLI(["calibrate", file, "--target", "burnout_risk_shar=0.4±0.05", "--target", "quits_per_fte_year=0.27",
                                       "--target", "exhaustion_mean=abc±1", "--parameter", "wellbeing.quits_per_yer",
                                       "--parameter", "wellbeing.burnout_threshold=30:24", "--parameter", "clients.arrivals.rate"])
        #expect(bad.status == 2)
        for expected in ["unknown metric 'burnout_risk_shar' in --target; did you mean 'burnout_risk_share'?",
                         "--target quits_per_fte_year needs a tolerance",
                         "--target exhaustion_mean: 'abc±1' is not value±tolerance",
                         "unknown parameter 'wellbeing.quits_per_yer' in --parameter; did you mean 'wellbeing.quits_per_year'?",
                         "the range's low end (30) must be below its high end (24)",
                         "clients.arrivals.rate has no finite plausible range"] {
            #expect(bad.err.contains(expected), "missing: \(expected)\n\(bad.err)")
        }
        #expect(try CalibrationTarget(parsing: "burnout_risk_share=40%±5%") == CalibrationTarget(metric: "burnout_risk_share", value: 0.4, tolerance: 0.05))
        #expect(throws: CalibrationInputError.self) { try CalibrationTarget(parsing: "burnout_risk_share=1.4±0.1") }
        #expect(try CalibrationParameter(parsing: "clients.arrivals.rate=5:9").high == 9)
        // A target the scenario cannot produce, and a variant it does not have.
        let off = try Fixtures.runCLI(["calibrate", file, "--target", "burnout_risk_share=0.1±0.02", "--variant", "fixed",
                                       "--parameter", "wellbeing.quits_per_year"])
        #expect(off.status == 2 && off.err.contains("no variant named 'fixed'"), "\(off.err)")
        let noWellbeing = Self.scenarioText.replacingOccurrences(of: "wellbeing:\n", with: "wellbeing:\n  enabled: false\n")
        let scenario = try Fixtures.scenario(text: noWellbeing)
        #expect(throws: CalibrationInputError.self) {
            try Self.problem(scenario, targets: [CalibrationTarget(metric: "quits_per_fte_year", value: 0.3, tolerance: 0.1)])
        }
        // A file Rapport did not write is never replaced, and nothing runs first.
        let mine = folder.appendingPathComponent("mine.yaml").path
        try "my own notes\n".write(toFile: mine, atomically: true, encoding: .utf8)
        let refused = try Fixtures.runCLI(["calibrate", file, "--target", "exhaustion_mean=8±1", "--parameter", "wellbeing.quits_per_year",
                                           "--budget", "4", "--polish", "0", "--output", mine])
        #expect(refused.status == 2 && refused.err.contains("was not written by rapport calibrate"), "\(refused.err)")
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "my own notes\n")
        #expect(try Fixtures.runCLI(["calibrate", file, "--target", "exhaustion_mean=8±1", "--output", file]).status == 2)
    }
}
