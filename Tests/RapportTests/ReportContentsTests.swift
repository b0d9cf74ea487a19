import Foundation
import Testing
import RapportExperiment
import RapportReport

/// What every report carries besides its numbers: the warnings in every format and in the JSON,
/// and a glossary of exactly the metrics it shows.
@Suite("Report warnings and glossary")
struct ReportContentsTests {
    static var warned: RunResult {
        var result = ReportTests.sample
        result.warnings = ["clients.arrivals.rate: demand is about 130% of capacity"]
        return result
    }

    @Test("the scenario's and each variant's warnings reach text, Markdown, HTML and JSON")
    func warningsEverywhere() throws {
        let result = Self.warned
        for page in [TextReport.render(result), MarkdownReport.render(result), HTMLReport.render(result)] {
            #expect(page.contains("demand is about 130% of capacity"))
            #expect(page.contains("fixed-quota, 7/day: the waitlist was still growing"))
        }
        let json = try JSONValue.parse(result.json().rendered())
        #expect(json["warnings"]?.array?.first?.string == "clients.arrivals.rate: demand is about 130% of capacity")
        #expect(try RunResult(json: json).warnings == result.warnings)
    }

    @Test("a warning every variant shares is said once")
    func sharedWarningsOnce() {
        var result = ReportTests.sample
        for i in result.variants.indices { result.variants[i].warnings = ["only 3 replications: the 95% intervals are rough"] }
        #expect(ReportWarnings.all(result) == ["every variant: only 3 replications: the 95% intervals are rough"])
    }

    @Test("the glossary lists the metrics the report shows, from the registry, and no others")
    func glossary() throws {
        let html = HTMLReport.render(ReportTests.sample)
        #expect(html.contains("<h2>Glossary</h2>"))
        #expect(html.contains("id=\"metric-wait_days_p50\"") && html.contains("id=\"metric-burnout_risk_share\""))
        #expect(!html.contains("id=\"metric-clients_arrived\""), "the sample does not report clients_arrived")
        let markdown = MarkdownReport.render(ReportTests.sample)
        let glossary = try #require(markdown.range(of: "## Glossary")).upperBound
        let section = markdown[glossary...]
        #expect(section.contains("`dropout_share`") && !section.contains("`clients_arrived`"))
        #expect(section.contains("Clients who started treatment and left before completing it."))
    }

    @Test("a sweep's warnings reach its text, Markdown and HTML, each said once with its points")
    func sweepWarnings() {
        let grid = SweepGrid(axes: [("clients.arrivals.rate", ["100/week", "160/week"])])
        let sweep = SweepResult(scenario: "s", file: "s.yaml", grid: grid, shard: nil, points: [
            .init(index: 0, settings: [("clients.arrivals.rate", "100/week")], result: ReportTests.sample),
            .init(index: 1, settings: [("clients.arrivals.rate", "160/week")], result: Self.warned)])
        for page in [SweepReport.text(sweep), SweepReport.markdown(sweep), SweepReport.html(sweep)] {
            #expect(page.contains("every point: fixed-quota, 7/day: the waitlist was still growing"))
            #expect(page.contains("clients.arrivals.rate=160/week: clients.arrivals.rate: demand is about 130% of capacity"))
        }
    }
}
