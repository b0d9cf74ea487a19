import Foundation
import Testing
import RapportExperiment
import RapportReport

/// The ten-second read at the top of every report: a winner per audience only where the data
/// carry one, and "no clear winner" said plainly otherwise.
@Suite("Report bottom line")
struct BottomLineTests {
    /// A run of variants with these per-replication values (three replications each), the first the reference.
    static func result(_ variants: [(String, [String: [Double]])], warnings: [String] = []) -> RunResult {
        let list = variants.map { name, metrics in
            VariantResult(name: name, metrics: metrics.mapValues { Summary(values: $0) }, series: [:], distributions: [:], warnings: [], events: 1)
        }
        var result = RunResult(scenario: "Bottom line", file: "scenarios/x.yaml", seed: 1, replications: 3, warmupNote: "no warm-up",
                               variants: list, comparisons: ResultSummariser.compare(list), assumptions: [])
        result.warnings = warnings
        return result
    }

    static let reference: [String: [Double]] = ["wait_days_p50": [20, 22, 21], "burnout_risk_share": [0.05, 0.06, 0.055], "sessions_delivered": [1000, 1010, 990]]

    @Test("a variant better on some measure and worse on none is named, with the numbers; level ones are named too")
    func winner() throws {
        let bottom = BottomLine(Self.result([
            ("reference", Self.reference),
            ("faster", ["wait_days_p50": [10, 12, 11], "burnout_risk_share": [0.05, 0.061, 0.054], "sessions_delivered": [1000, 1010, 990]]),
            ("as-fast", ["wait_days_p50": [10.1, 11.9, 11.1], "burnout_risk_share": [0.051, 0.06, 0.055], "sessions_delivered": [1001, 1009, 991]]),
            ("fastest-but-burns", ["wait_days_p50": [2, 3, 2.5], "burnout_risk_share": [0.15, 0.16, 0.155], "sessions_delivered": [1000, 1010, 990]]),
        ]))
        let clients = try #require(bottom.lines.first { $0.audience == "For clients" })
        // The fastest is worse for nobody among clients, so it leads for clients…
        #expect(clients.best == "fastest-but-burns")
        #expect(clients.evidence.contains("median wait 2.50 days against 21.00 days"), "\(clients.evidence)")
        let therapists = try #require(bottom.lines.first { $0.audience == "For therapists" })
        // …but nothing beats the reference for therapists, and the one that is worse is named.
        #expect(therapists.best == nil && therapists.choice == "Nothing beats reference")
        #expect(therapists.evidence.contains("fastest-but-burns (burnout risk +10.0 pp) is worse"), "\(therapists.evidence)")
        let overall = try #require(bottom.lines.last)
        #expect(overall.audience == "Overall" && (overall.best == "faster" || overall.best == "as-fast"), "\(overall)")
        #expect(overall.evidence.contains("worse for no one"))
        // The two fast variants are within noise of each other on the wait.
        let platform = try #require(bottom.lines.first { $0.audience == "For the platform" })
        #expect(platform.best == nil && platform.choice == "No difference")
    }

    @Test("with only noise, or only trade-offs, no winner is invented")
    func noWinner() throws {
        let noise = BottomLine(Self.result([
            ("reference", Self.reference),
            ("same", ["wait_days_p50": [21, 21, 22], "burnout_risk_share": [0.055, 0.05, 0.06], "sessions_delivered": [1010, 990, 1000]]),
        ]))
        #expect(noise.lines.allSatisfy { $0.best == nil }, "\(noise.lines)")
        #expect(noise.lines.dropLast().allSatisfy { $0.choice == "No difference" })
        let trade = BottomLine(Self.result([
            ("reference", Self.reference),
            ("trade", ["wait_days_p50": [10, 12, 11], "burnout_risk_share": [0.15, 0.16, 0.155], "sessions_delivered": [1000, 1010, 990]]),
        ]))
        #expect(trade.lines.first { $0.audience == "For clients" }?.best == "trade")
        let overall = try #require(trade.lines.last)
        #expect(overall.best == nil && overall.choice == "A trade-off")
        #expect(overall.evidence.contains("trade is better for clients but worse on burnout risk"), "\(overall.evidence)")
    }

    @Test("a winner's gains are checked against every comparison in the scorecard (Holm), and a lead that does not survive says so")
    func correctedForManyComparisons() throws {
        // A paired p of about 0.02 on the wait: beyond noise alone, but not once the scorecard's
        // other comparisons count (Holm asks the smallest of m p-values to be below 0.05 / m).
        let marginal = BottomLine(Self.result([
            ("reference", Self.reference),
            ("slightly-faster", ["wait_days_p50": [18.5, 20, 19.8], "burnout_risk_share": [0.05, 0.06, 0.055], "sessions_delivered": [1000, 1010, 990]]),
        ]))
        let lead = try #require(marginal.lines.first { $0.audience == "For clients" })
        #expect(lead.best == "slightly-faster")
        #expect(lead.sureness.contains("its gain does not survive Holm's correction for the 3 comparisons in the scorecard"), "\(lead.sureness)")
        #expect(lead.sureness.contains("confirm with more replications"))
        let clear = BottomLine(Self.result([
            ("reference", Self.reference),
            ("faster", ["wait_days_p50": [10, 12, 11], "burnout_risk_share": [0.05, 0.06, 0.055], "sessions_delivered": [1000, 1010, 990]]),
        ]))
        let win = try #require(clear.lines.first { $0.audience == "For clients" })
        #expect(win.sureness.hasSuffix("its gain survives Holm's correction for the 3 comparisons in the scorecard"), "\(win.sureness)")
        #expect(try #require(clear.lines.last).sureness.contains("its gain survives"))
    }

    @Test("the same lines in text, Markdown and HTML, above the scorecard, with the warnings counted")
    func everyFormat() throws {
        let result = Self.result([
            ("reference", Self.reference),
            ("faster", ["wait_days_p50": [10, 12, 11], "burnout_risk_share": [0.05, 0.061, 0.054], "sessions_delivered": [1000, 1010, 990]]),
        ], warnings: ["demand is about 120% of capacity"])
        let bottom = BottomLine(result)
        for page in [TextReport.render(result), MarkdownReport.render(result), HTMLReport.render(result)] {
            for line in bottom.lines { #expect(page.contains(line.choice) && page.contains(line.audience)) }
            #expect(page.contains("1 warning"))
            let top = try #require(page.range(of: "bottom line", options: .caseInsensitive))
            let scorecard = try #require(page.range(of: "Scorecard"))
            #expect(top.lowerBound < scorecard.lowerBound)
        }
    }

    @Test("the scorecard stays compact: variant names break at hyphens, intervals stack under the mean")
    func compactScorecard() throws {
        let html = Scorecard(ReportTests.sample).html
        #expect(html.contains("individual-<wbr>thresholds"))
        #expect(html.contains("<br><small>13.71–17.02</small>"), "the interval sits under the mean, without brackets")
        #expect(html.contains(" days<br><small>"), "the mean stands alone on its line, the interval below it")
    }
}
