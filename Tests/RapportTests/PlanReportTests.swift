import Foundation
import Testing
import RapportExperiment
import RapportReport

/// `rapport report` on a plan: the headcount chosen, each target's value and interval per roster,
/// and a chart per target, in every format; and a dispatch that names the kinds it knows.
@Suite("Plan reports")
struct PlanReportTests {
    @Test("a saved plan renders: the chosen roster, every roster's intervals, a chart per target, its warnings")
    func planRenders() throws {
        let folder = try Fixtures.temporaryFolder("rapport-plan-report")
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("plan.json").path
        let plan = try Fixtures.runCLI(["plan", "scenarios/validation/erlang-c.yaml", "--replications", "3", "--set", "stop_after_arrivals=2000",
                                        "--target", "waited_share<=60%", "--target", "wait_days_mean<=0.05", "--output", json])
        #expect(plan.status == 0, "\(plan.err)")
        #expect(plan.out.contains("Smallest roster meeting waited_share<=0.6 and wait_days_mean<=0.05"))
        let saved = try PlanResult(json: JSONValue.parse(String(contentsOfFile: json, encoding: .utf8)))
        #expect(saved.best != nil && saved.candidates.contains { $0.metrics["waited_share"]?.ciLow != nil })
        #expect(saved.warnings.contains { $0.contains("only 3 replications") })

        let html = folder.appendingPathComponent("plan.html").path
        let report = try Fixtures.runCLI(["report", json, "--format", "html", "--output", html])
        #expect(report.status == 0, "\(report.err)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<h2>Rosters tried</h2>") && page.contains("◀ chosen") && page.contains("only 3 replications"))
        #expect(page.components(separatedBy: "<svg").count - 1 == 2, "one chart per target")
        #expect(page.contains("target ≤ 60.0%"), "the bound is drawn on its chart")
        #expect(page.contains("<h2>Glossary</h2>") && page.contains("id=\"metric-waited_share\""))
        for format in ["text", "markdown", "csv"] {
            let out = try Fixtures.runCLI(["report", json, "--format", format])
            #expect(out.status == 0 && out.out.contains("waited_share"), "\(format): \(out.err)")
        }
        let again = try Fixtures.runCLI(["report", json, "--format", "json"])
        #expect(try PlanResult(json: JSONValue.parse(again.out)) == saved, "a plan round-trips through rapport report")
    }

    @Test("report dispatches on kind: a plan written before kinds still renders; an unknown kind is named")
    func dispatch() throws {
        let folder = try Fixtures.temporaryFolder("rapport-report-kinds")
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("old-plan.json").path
        try #"{"targets": ["wait_days_p90<=14"], "groups": ["clinicians"], "best": [12], "frontier": [{"counts": [12], "meets_all": true, "metrics": {"wait_days_p90": 9.5}}]}"#
            .write(toFile: old, atomically: true, encoding: .utf8)
        let rendered = try Fixtures.runCLI(["report", old])
        #expect(rendered.status == 0 && rendered.out.contains("clinicians 12 (12 therapists)"), "\(rendered.err)")
        let odd = folder.appendingPathComponent("odd.json").path
        try #"{"kind": "mystery"}"#.write(toFile: odd, atomically: true, encoding: .utf8)
        let refused = try Fixtures.runCLI(["report", odd])
        #expect(refused.status == 2 && refused.err.contains("unknown result kind 'mystery'") && refused.err.contains("run, sweep, plan"), "\(refused.err)")
    }
}
