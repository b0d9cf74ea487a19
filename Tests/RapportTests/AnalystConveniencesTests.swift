import Testing
import Foundation
import RapportExperiment
import RapportModel
import RapportScenario
import Yams

/// The analyst's conveniences of issue 17: the metric glossary, a starter scenario, the resolved
/// view, command-line comforts, the time-series CSV on standard output, and an overload warning
/// that knows about patience.
@Suite("Analyst conveniences")
struct AnalystConveniencesTests {
    @Test("rapport metrics prints every registered metric with its definition, denominator, unit and direction")
    func metricsGlossary() throws {
        let text = try Fixtures.runCLI(["metrics"])
        #expect(text.status == 0)
        for metric in MetricRegistry.all {
            #expect(text.out.contains("  \(metric.name)  (\(metric.unit.rawValue);"), "\(metric.name)")
            #expect(text.out.contains(metric.definition) && text.out.contains("Counted over \(metric.over)."), "\(metric.name)")
        }
        let json = try Fixtures.runCLI(["metrics", "--format", "json"])
        let parsed = try JSONValue.parse(json.out)
        #expect(parsed.array?.count == MetricRegistry.all.count)
        #expect(parsed.array?.first?["better"]?.string != nil && parsed.array?.first?["over"]?.string != nil)
        let one = try Fixtures.runCLI(["metrics", "burnout_risk_share", "--format", "markdown"])
        #expect(one.out.split(separator: "\n").count == 3, "\(one.out)")
        let typo = try Fixtures.runCLI(["metrics", "burnout_risk_shar"])
        #expect(typo.status == 2 && typo.err.contains("did you mean 'burnout_risk_share'"))
    }

    @Test("rapport init writes a commented starter that validates and runs, and never replaces a file")
    func initStarter() throws {
        let folder = try Fixtures.temporaryFolder("rapport-init")
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = folder.appendingPathComponent("my platform").path
        let made = try Fixtures.runCLI(["init", name])
        #expect(made.status == 0, "\(made.err)")
        let file = name + ".yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("name: \"my platform\"") && text.contains("# "))
        #expect(try Fixtures.runCLI(["validate", file]).status == 0)
        let run = try Fixtures.runCLI(["run", file, "--replications", "2", "--set", "horizon=10w", "--set", "warmup=2w", "--format", "json"])
        #expect(run.status == 0, "\(run.err)")
        #expect(try JSONValue.parse(run.out)["variants"]?.array?.count == 2)
        try "mine".write(toFile: file, atomically: true, encoding: .utf8)
        let again = try Fixtures.runCLI(["init", name])
        #expect(again.status == 2 && again.err.contains("never replaces"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine")
    }

    @Test("validate --resolved prints every default the file is silent on, as YAML")
    func resolved() throws {
        let run = try Fixtures.runCLI(["validate", "--resolved", "scenarios/validation/erlang-c.yaml"])
        #expect(run.status == 0, "\(run.err)")
        let yaml = run.out.components(separatedBy: "\nscenarios/validation/erlang-c.yaml: ok")[0]
        let parsed = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        let variants = try #require(parsed["variants"] as? [[String: Any]])
        #expect(variants.count == 1)
        let clients = try #require(variants[0]["clients"] as? [String: Any])
        #expect(clients["no_show_first"] as? Double == 0.1, "a default the file never states")
        #expect((clients["arrivals_per_day"] as? Int) == 192, "8/hour, in days: \(String(describing: clients["arrivals_per_day"]))")
        #expect(variants[0]["wellbeing"] != nil && variants[0]["staffing"] != nil)
    }

    @Test("--set switches a regime with name:value, and indexed paths reach list items")
    func setRegime() throws {
        let scenario = try Fixtures.scenario("scenarios/baseline.yaml", overrides: [("policy.quota", "fixed-quota:6"), ("therapists[0].count", "30")])
        let config = scenario.variants[0].config
        guard case .fixedQuota(let n, _) = config.quota.rule else {
            Issue.record("expected a fixed quota, found \(config.quota.rule)")
            return
        }
        #expect(n == 6)
        #expect(config.therapistGroups[0].count == 30)
        let competition = try Fixtures.scenario("scenarios/baseline.yaml", overrides: [("policy.quota", "competition")])
        guard case .competition = competition.variants[0].config.quota.rule else {
            Issue.record("expected competition")
            return
        }
    }

    @Test("Usage errors exit 2; plan takes percentages; an unknown metric gets a suggestion")
    func commandLine() throws {
        #expect(try Fixtures.runCLI(["run", "scenarios/baseline.yaml", "--replications", "0"]).status == 2)
        #expect(try Fixtures.runCLI(["run", "scenarios/baseline.yaml", "--no-such-flag"]).status == 2)
        #expect(Target("burnout_risk_share<=10%")?.bound == 0.1)
        #expect(Target("wait_days_p90 <= 14")?.bound == 14)
        let sensitivity = try Fixtures.runCLI(["sensitivity", "scenarios/baseline.yaml", "--metric", "burnout_risk_shar"])
        #expect(sensitivity.status == 2 && sensitivity.err.contains("did you mean 'burnout_risk_share'?"), "\(sensitivity.err)")
        let plan = try Fixtures.runCLI(["plan", "scenarios/baseline.yaml", "--target", "wait_days_p99<=14"])
        #expect(plan.status == 2 && plan.err.contains("did you mean"), "\(plan.err)")
    }

    @Test("The time-series CSV goes to standard output with --table timeseries, with a scenario column")
    func timeseriesToStdout() throws {
        let run = try Fixtures.runCLI(["run", "scenarios/baseline.yaml", "--replications", "2", "--set", "horizon=16w", "--set", "warmup=4w",
                                       "--format", "csv", "--table", "timeseries"])
        #expect(run.status == 0, "\(run.err)")
        let lines = run.out.split(separator: "\n")
        #expect(lines.first == "scenario,variant,week,series,mean,low,high")
        #expect(lines.count > 10 && lines[1].hasPrefix("\"Baseline platform (50 therapists, one year)\","), "\(lines.prefix(2))")
        #expect(try Fixtures.runCLI(["run", "scenarios/baseline.yaml", "--table", "timeseries"]).status == 2, "--table needs --format csv")
    }

    @Test("Overload is judged with patience: bounded by giving up, or growing without bound; and it reaches the JSON")
    func overloadWarning() throws {
        let busy = Fixtures.smallPlatform().replacingOccurrences(of: "rate: 30/week", with: "rate: 90/week")
        let patient = try Fixtures.scenario(text: busy + "\n").warnings.map(\.message)
        #expect(patient.contains { $0.contains("stays bounded") && $0.contains("will give up") }, "\(patient)")
        let unbounded = busy.replacingOccurrences(of: "  arrivals: {rate: 90/week}", with: "  arrivals: {rate: 90/week}\n  patience: none")
        let never = try Fixtures.scenario(text: unbounded).warnings.map(\.message)
        #expect(never.contains { $0.contains("grow without bound") }, "\(never)")
        let folder = try Fixtures.temporaryFolder("rapport-overload")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("busy.yaml").path
        try busy.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try Fixtures.runCLI(["run", file, "--replications", "2", "--set", "horizon=10w", "--format", "json"])
        let warnings = try JSONValue.parse(run.out)["warnings"]?.array?.compactMap(\.string) ?? []
        #expect(warnings.contains { $0.hasPrefix("clients.arrivals.rate: demand is about") }, "\(warnings)")
        let back = try RunResult(json: JSONValue.parse(run.out))
        #expect(back.warnings == warnings, "the warnings survive rapport report")
    }
}
