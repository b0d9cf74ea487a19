import Foundation
import Testing
import RapportExperiment
import RapportReport

/// The scorecard that opens every report, and the report layout around it.
@Suite("Report scorecard")
struct ScorecardTests {
    @Test("arrows only beyond noise, coloured by better or worse, in every format")
    func verdicts() throws {
        let card = Scorecard(ReportTests.sample)
        let lines = card.sections.flatMap(\.lines)
        let wait = try #require(lines.first { $0.metric == "wait_days_p50" }?.cells.last)
        #expect(wait.verdict == .better && wait.arrow == "▼" && wait.change?.hasSuffix(" days") == true)
        let burnout = try #require(lines.first { $0.metric == "burnout_risk_share" }?.cells.last)
        #expect(burnout.verdict == .worse && burnout.arrow == "▲" && burnout.change == "+18.0 pp")
        let dropout = try #require(lines.first { $0.metric == "dropout_share" }?.cells.last)
        // 16% against 20% with three replications each: its paired interval decides.
        #expect((dropout.verdict == .noise) == dropout.arrow.isEmpty)
        #expect(card.sections.map(\.title) == ["For clients", "For therapists", "For the platform"])
        #expect(card.sentences.count == 1)
        #expect(card.sentences[0].contains("median wait −") && card.sentences[0].contains("burnout risk +18.0 pp (worse)"))
        let text = TextReport.render(ReportTests.sample)
        #expect(text.contains("Scorecard") && text.contains("FOR THERAPISTS") && text.contains("▲ +18.0 pp worse"))
        let html = HTMLReport.render(ReportTests.sample)
        #expect(html.contains("<section class=\"scorecard\">") && html.contains("<span class=\"worse\">▲ +18.0 pp</span>"))
        #expect(MarkdownReport.render(ReportTests.sample).contains("## Scorecard"))
    }

    @Test("tables scroll inside their box, charts take the full width and never mix units")
    func layout() throws {
        let html = HTMLReport.render(ReportTests.sample)
        #expect(!html.contains("<section><h2>Results</h2>\n<table"))
        #expect(html.contains("<div class=\"scroll\"><table>"))
        #expect(html.contains("figure svg{width:100%"))
        #expect(!html.contains("share of clients or therapist-days"))
        #expect(html.contains("Burnout risk share per variant"))
    }

    @Test("rapport report renders a sweep: each headline metric against the swept setting, with bands")
    func sweepReport() throws {
        let folder = try Fixtures.temporaryFolder("rapport-sweep-report")
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("sweep.json").path
        let sweep = try Fixtures.runCLI(["sweep", "scenarios/validation/erlang-c.yaml", "--set", "clients.arrivals.rate=7/hour,8/hour,9/hour",
                                         "--set", "stop_after_arrivals=5000", "--replications", "3", "--output", json])
        #expect(sweep.status == 0, "\(sweep.err)")
        let html = folder.appendingPathComponent("sweep.html").path
        let report = try Fixtures.runCLI(["report", json, "--format", "html", "--output", html])
        #expect(report.status == 0, "\(report.err)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("by clients.arrivals.rate (95% band)"))
        #expect(page.contains("<td>9/hour</td>"))
        let text = try Fixtures.runCLI(["report", json])
        #expect(text.status == 0 && text.out.contains("sweep of clients.arrivals.rate"))
    }
}
