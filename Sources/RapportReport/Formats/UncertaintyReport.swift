import Foundation
import RapportExperiment
import RapportModel

/// A probabilistic sensitivity analysis rendered: for each variant against the reference and each
/// scorecard metric, how often it is better across plausible worlds and how the difference is
/// spread; how often each policy is the best; and the same in plain sentences.
public enum UncertaintyReport {
    /// A variant "moves" a metric one way when it does so in at least this share of worlds.
    static let consistent = 0.75

    /// The scorecard's metrics, in its order, with their words.
    static var headline: [(metric: String, words: String)] { Scorecard.layout.flatMap(\.metrics).map { ($0.0, $0.1) } }

    /// The decision's metrics, named in the plain sentences (the table has every scorecard metric).
    static let sentenceMetrics = ["wait_days_p50", "dropout_share", "completed_share", "burnout_risk_share", "quits_per_fte_year"]

    /// How a metric reads after "cuts" or "raises".
    static let phrases: [String: String] = [
        "wait_days_p50": "the median wait", "seen_within_6_weeks_share": "the share seen within 6 weeks",
        "abandoned_share": "the share who give up waiting", "dropout_share": "dropout", "completed_share": "the share completing treatment",
        "reliable_recovery_rate": "reliable recovery", "reliable_deterioration_rate": "reliable deterioration",
        "burnout_risk_share": "burnout risk", "sick_days_per_fte_year": "sick days", "quits_per_fte_year": "quits",
        "sessions_delivered": "sessions delivered", "completed_per_fte_year": "completed treatments per FTE-year",
    ]

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }

    /// The comparisons on scorecard metrics, in scorecard then variant order.
    static func rows(_ result: UncertaintyResult) -> [(words: String, comparison: Robustness.Comparison)] {
        let all = result.comparisons
        return headline.flatMap { metric, words in all.filter { $0.metric == metric }.map { (words, $0) } }
    }

    /// One sentence per non-reference variant naming what it moves the same way in most worlds:
    /// "fixed-quota-6 cuts the median wait in 100% of plausible worlds and raises burnout risk in 91%".
    public static func sentences(_ result: UncertaintyResult) -> [String] {
        let all = rows(result)
        return result.variants.dropFirst().map { variant in
            let mine = all.filter { $0.comparison.variant == variant && sentenceMetrics.contains($0.comparison.metric) }
            var moves: [String] = []
            var either: [String] = []
            for (words, c) in mine {
                let phrase = phrases[c.metric] ?? words
                if c.lower >= consistent {
                    moves.append("cuts \(phrase) in \(percent(c.lower))")
                } else if c.higher >= consistent {
                    moves.append("raises \(phrase) in \(percent(c.higher))")
                } else {
                    either.append(phrase)
                }
            }
            if !moves.isEmpty { moves[0] += " of plausible worlds" }
            var sentence = variant + " against " + result.reference + ": "
            switch moves.count {
            case 0: sentence += "moves none of \(mine.map { phrases[$0.comparison.metric] ?? $0.words }.joined(separator: ", ")) the same way in at least \(percent(consistent)) of plausible worlds"
            case 1: sentence += moves[0]
            default: sentence += moves.dropLast().joined(separator: ", ") + " and " + moves.last!
            }
            if !either.isEmpty && !moves.isEmpty { sentence += "; " + either.joined(separator: ", ") + " can go either way" }
            return sentence + "."
        }
    }

    /// "median wait: fixed-quota-8 (62% of worlds)" for each scorecard metric.
    static func mostOftenBest(_ result: UncertaintyResult) -> [(words: String, text: String)] {
        let best = result.best
        return headline.compactMap { metric, words in
            guard let b = best.first(where: { $0.metric == metric }), let top = b.shares.max(), top > 0 else { return nil }
            let leaders = result.variants.indices.filter { b.shares[$0] == top }.map { result.variants[$0] }
            return (words, "\(leaders.joined(separator: " and ")) (\(percent(top)) of worlds)")
        }
    }

    static func difference(_ v: Double, _ metric: String) -> String { MetricFormatting.difference(v, metric: metric) + Scorecard.unit(metric) }

    /// The robustness table: one row per (scorecard metric, variant).
    static func table(_ result: UncertaintyResult) -> [[String]] {
        var out: [[String]] = [["metric", "variant", "better in", "worse in", "median difference", "90% of worlds", "best in"]]
        let best = result.best
        for (metric, words) in headline {
            let comparisons = result.comparisons.filter { $0.metric == metric }
            guard !comparisons.isEmpty else { continue }
            let shares = best.first { $0.metric == metric }?.shares
            for (v, variant) in result.variants.enumerated() {
                let bestIn = shares.map { percent($0[v]) } ?? "–"
                let label = v == 0 ? words : ""
                if v == 0 { out.append([label, variant, "reference", "", "", "", bestIn]); continue }
                guard let c = comparisons.first(where: { $0.variant == variant }) else { continue }
                out.append([label, variant, percent(c.better), percent(c.worse), difference(c.median, metric),
                            "\(difference(c.low, metric)) to \(difference(c.high, metric))", bestIn])
            }
        }
        return out
    }

    static func meta(_ result: UncertaintyResult) -> String {
        let shard = result.shard.map { " · shard \($0): \(result.draws.count) of \(result.totalDraws) draws" } ?? ""
        return "\(result.totalDraws) plausible worlds × \(result.replications) replication\(result.replications == 1 ? "" : "s") of each of \(result.variants.count) variants · seed \(result.seed) · every variant of a world shares its parameter values and random numbers · reference: \(result.reference)\(shard)"
    }

    static func parameterLines(_ result: UncertaintyResult) -> [String] {
        result.parameters.map { "\($0.name): \($0.source)" }
    }

    // MARK: - Formats

    public static func text(_ result: UncertaintyResult) -> String {
        var out = "\(result.scenario) · decision robustness\n\(meta(result))\n\n"
        let sentences = sentences(result)
        if !sentences.isEmpty { out += "In short\n" + sentences.map { "  - \($0)\n" }.joined() + "\n" }
        out += "Robustness: each variant against \(result.reference) across plausible worlds (share of worlds where it is better or worse; the difference's median and 90% range; share of worlds where it is the best of all)\n"
        out += PlainTable.render(table(result)) + "\n"
        let best = mostOftenBest(result)
        if !best.isEmpty { out += "Most often best\n" + best.map { "  \($0.words): \($0.text)\n" }.joined() + "\n" }
        out += "Plausible worlds drawn from\n" + parameterLines(result).map { "  \($0)\n" }.joined()
        if !result.kept.isEmpty { out += "Kept by the variant that sets it: " + result.kept.joined(separator: "; ") + "\n" }
        out += "The priors are the registry's plausible ranges unless the scenario gives its own or calibrated samples; see docs/model.md.\n"
        return out
    }

    public static func markdown(_ result: UncertaintyResult) -> String {
        let e = MarkdownReport.escape
        var out = "# \(e(result.scenario)) · decision robustness\n\n\(e(meta(result)))\n\n"
        let sentences = sentences(result)
        if !sentences.isEmpty { out += "## In short\n\n" + sentences.map { "- \(e($0))\n" }.joined() + "\n" }
        let rows = table(result)
        out += "## Robustness against \(e(result.reference))\n\n"
        out += "| " + rows[0].map(e).joined(separator: " | ") + " |\n|" + rows[0].map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows.dropFirst() { out += "| " + row.map(e).joined(separator: " | ") + " |\n" }
        out += "\n## Plausible worlds drawn from\n\n" + parameterLines(result).map { "- \(e($0))\n" }.joined()
        if !result.kept.isEmpty { out += "\nKept by the variant that sets it: \(e(result.kept.joined(separator: "; ")))\n" }
        return out
    }

    /// Tidy CSV: one row per (variant, metric) for every metric with a direction.
    public static func csv(_ result: UncertaintyResult) -> String {
        var out = "variant,reference,metric,probability_better,probability_worse,difference_median,difference_p05,difference_p95,worlds,probability_best\n"
        let best = result.best
        for c in result.comparisons {
            let v = result.variants.firstIndex(of: c.variant) ?? 0
            let b = best.first { $0.metric == c.metric }.map { CSVReport.number($0.shares[v]) } ?? ""
            out += [CSVReport.field(c.variant), CSVReport.field(result.reference), c.metric, CSVReport.number(c.better), CSVReport.number(c.worse),
                    CSVReport.number(c.median), CSVReport.number(c.low), CSVReport.number(c.high), String(c.worlds), b].joined(separator: ",") + "\n"
        }
        return out
    }

    /// One strip chart per scorecard metric, then the probability each policy is best.
    public static func charts(_ result: UncertaintyResult) -> [String] {
        var charts: [String] = []
        for (metric, words) in headline {
            let comparisons = result.comparisons.filter { $0.metric == metric }
            guard !comparisons.isEmpty else { continue }
            let share = MetricFormatting.isShare(metric)
            let scale = share ? 100.0 : 1.0
            let unit = share ? "percentage points" : MetricRegistry.definition(metric)?.unit == .days ? "days" : MetricRegistry.definition(metric)?.unit.rawValue ?? ""
            let rows = comparisons.map { c in
                DifferenceStripChart.Row(label: "\(c.variant) · better in \(percent(c.better))", differences: c.differences.map { $0 * scale },
                                         median: c.median * scale, low: c.low * scale, high: c.high * scale)
            }
            let title = "\(words.prefix(1).uppercased() + words.dropFirst()): difference from \(result.reference) in each plausible world"
            let frame = ChartFrame(title: title, xLabel: "\(words), variant − \(result.reference) (\(unit))", yLabel: "",
                                   height: max(220, 110 + 34 * Double(rows.count)))
            charts.append(DifferenceStripChart(frame: frame, rows: rows, valueFormat: .decimal(share ? 1 : 2)).svg())
        }
        let best = result.best
        let bestRows = headline.compactMap { metric, words in
            best.first { $0.metric == metric }.map { ShareBarChart.Row(label: words, shares: $0.shares) }
        }
        if !bestRows.isEmpty {
            let frame = ChartFrame(title: "Probability each policy is the best, across plausible worlds", xLabel: "share of worlds where it is the best (%)",
                                   yLabel: "", height: max(240, 150 + 28 * Double(bestRows.count)))
            charts.append(ShareBarChart(frame: frame, series: result.variants, rows: bestRows).svg())
        }
        return charts
    }

    public static func body(_ result: UncertaintyResult) -> String {
        let escape = HTMLReport.escape
        var out = "<h1>\(escape(result.scenario)) · decision robustness</h1>\n<p class=\"meta\">\(escape(meta(result)))</p>\n"
        let sentences = sentences(result)
        if !sentences.isEmpty {
            out += "<section class=\"headline\"><h2>In short</h2><ul>\n" + sentences.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul></section>\n"
        }
        let rows = table(result)
        out += "<section><h2>Robustness against \(escape(result.reference))</h2>\n<div class=\"scroll\"><table><thead><tr>"
        out += rows[0].map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows.dropFirst() { out += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
        out += "</tbody></table></div></section>\n<section><h2>Charts</h2>\n"
        for chart in charts(result) { out += "<figure>\(chart)</figure>\n" }
        out += "</section>\n<section><h2>Plausible worlds drawn from</h2><ul>\n"
        for p in result.parameters { out += "<li><code>\(escape(p.name))</code>: \(escape(p.source)) — \(escape(p.meaning))</li>\n" }
        out += "</ul>\n"
        if !result.kept.isEmpty { out += "<p>Kept by the variant that sets it: \(escape(result.kept.joined(separator: "; ")))</p>\n" }
        out += "<p class=\"meta\">\(escape(result.warmupNote)). The priors are the registry's plausible ranges unless the scenario gives its own or calibrated samples; they are not fitted posteriors.</p></section>\n"
        out += "<footer>Generated by Rapport from <code>\(escape(result.file))</code>. The same scenario, seed and number of draws reproduce these numbers exactly.</footer>\n"
        return out
    }

    public static func html(_ result: UncertaintyResult) -> String {
        HTMLReport.page(title: result.scenario + " · decision robustness", body: body(result))
    }
}
