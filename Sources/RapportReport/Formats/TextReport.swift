import RapportExperiment
import RapportScenario

/// The terminal table: one column per variant, one row per metric, 95% intervals in brackets.
public enum TextReport {
    public static func render(_ result: RunResult) -> String {
        TerminalText.safe(table(result))
    }

    /// A name on one line, so it cannot break the table.
    static func line(_ text: String) -> String { String(text.map { $0.isNewline ? " " : $0 }) }

    private static func table(_ result: RunResult) -> String {
        var out = "\(line(result.scenario))\n"
        out += "\(result.replications) replication\(result.replications == 1 ? "" : "s"), seed \(result.seed); \(result.warmupNote)\n\n"
        let bottomLine = BottomLine(result).text
        if !bottomLine.isEmpty { out += bottomLine + "\n" }
        let scorecard = Scorecard(result).text
        if !scorecard.isEmpty { out += scorecard + "\nEvery metric:\n" }
        let metrics = result.variants.first?.metricNames ?? []
        var rows: [[String]] = [["metric"] + result.variants.map { line($0.name) }]
        for metric in metrics {
            rows.append([metric] + result.variants.map { MetricFormatting.summary($0.metrics[metric], metric: metric) })
        }
        out += PlainTable.render(rows)
        let distinguishable = result.comparisons.filter(\.isDistinguishable)
        if result.variants.count > 1 {
            out += "\nPaired differences from '\(result.variants[0].name)' (95% CI) that exclude zero:\n"
            if distinguishable.isEmpty { out += "  none: no variant differs from the reference beyond noise\n" }
            var diffRows: [[String]] = [["variant", "metric", "difference", "95% CI"]]
            for d in distinguishable {
                diffRows.append([line(d.variant), d.metric, MetricFormatting.difference(d.mean, metric: d.metric),
                                 "[\(MetricFormatting.difference(d.ciLow, metric: d.metric)), \(MetricFormatting.difference(d.ciHigh, metric: d.metric))]"])
            }
            if diffRows.count > 1 { out += PlainTable.render(diffRows) }
        }
        for warning in ReportWarnings.all(result) { out += "warning: \(warning)\n" }
        return out
    }

    /// Left-aligned first column, right-aligned others, padded to the widest cell.
}

/// A plain-text table: left-aligned first column, right-aligned others.
public enum PlainTable {
    public static func render(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        let widths = (0..<columns).map { c in rows.map { $0.count > c ? $0[c].count : 0 }.max() ?? 0 }
        var out = ""
        for (r, row) in rows.enumerated() {
            let cells = row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }
            out += cells.joined(separator: "  ") + "\n"
            if r == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }
}
