import Foundation
import RapportExperiment

/// A sweep rendered: each headline metric against the swept setting, one line per variant with
/// its 95% band, and the numbers in a table.
public enum SweepReport {
    /// The setting's value as a number for the x axis: its leading number (`120/week` → 120), or
    /// its position when a value has none (`best-fit`).
    static func xValues(_ values: [String]) -> (x: [Double], numeric: Bool) {
        let numbers = values.map { v -> Double? in
            let lead = v.prefix { $0.isNumber || $0 == "." || $0 == "-" }
            return Double(lead)
        }
        if numbers.allSatisfy({ $0 != nil }), Set(numbers.map { $0! }).count == numbers.count { return (numbers.map { $0! }, true) }
        return (values.indices.map { Double($0 + 1) }, false)
    }

    /// The first swept setting is the x axis; every other setting's combination makes its own lines.
    static func charts(_ sweep: SweepResult) -> [String] {
        guard let axis = sweep.grid.axes.first, !sweep.points.isEmpty else { return [] }
        let (xs, numeric) = xValues(axis.values)
        let xLabel = numeric ? axis.path : "\(axis.path) (" + axis.values.enumerated().map { "\($0.offset + 1) = \($0.element)" }.joined(separator: ", ") + ")"
        var charts: [String] = []
        let variantNames = sweep.points[0].result.variants.map(\.name)
        for (metric, words) in Headline.keyMetrics {
            var lines: [String: (x: [Double], y: [Double], low: [Double], high: [Double])] = [:]
            var order: [String] = []
            for point in sweep.points.sorted(by: { $0.index < $1.index }) {
                guard let first = point.settings.first, let xi = axis.values.firstIndex(of: first.value) else { continue }
                let rest = point.settings.dropFirst().map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
                for variant in point.result.variants {
                    guard let s = variant.metrics[metric], s.mean.isFinite else { continue }
                    let name = variantNames.count > 1 || rest.isEmpty ? [variant.name, rest].filter { !$0.isEmpty }.joined(separator: ", ") : rest
                    if lines[name] == nil { order.append(name); lines[name] = ([], [], [], []) }
                    lines[name]!.x.append(xs[xi]); lines[name]!.y.append(s.mean)
                    lines[name]!.low.append(s.ciLow ?? s.mean); lines[name]!.high.append(s.ciHigh ?? s.mean)
                }
            }
            guard !order.isEmpty else { continue }
            let share = MetricFormatting.isShare(metric)
            let series = order.map { LineChart.Series(name: $0, x: lines[$0]!.x, y: lines[$0]!.y, low: lines[$0]!.low, high: lines[$0]!.high) }
            charts.append(LineChart(frame: ChartFrame(title: "\(words.prefix(1).uppercased() + words.dropFirst()) by \(axis.path) (95% band)", xLabel: xLabel, yLabel: words),
                                    series: series, valueFormat: share ? .percent(0) : .decimal(1),
                                    valueBounds: MetricText.feasibleRange(metric) ?? (share ? 0...1 : nil)).svg())
        }
        return charts
    }

    /// (setting values…, variant, metric summaries…) for each point and variant.
    static func rows(_ sweep: SweepResult) -> (header: [String], rows: [[String]]) {
        let metrics = Headline.keyMetrics.map(\.metric)
        let header = sweep.grid.axes.map(\.path) + ["variant"] + metrics
        var rows: [[String]] = []
        for point in sweep.points.sorted(by: { $0.index < $1.index }) {
            for variant in point.result.variants {
                rows.append(point.settings.map(\.value) + [variant.name] + metrics.map { MetricFormatting.summary(variant.metrics[$0], metric: $0) })
            }
        }
        return (header, rows)
    }

    /// Every point's warnings, each said once with the points it came from ("clients.arrivals.rate=160/week").
    public static func warnings(_ sweep: SweepResult) -> [String] {
        var order: [String] = []
        var points: [String: [String]] = [:]
        for point in sweep.points.sorted(by: { $0.index < $1.index }) {
            let name = point.settings.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
            for warning in ReportWarnings.all(point.result) {
                if points[warning] == nil { order.append(warning) }
                points[warning, default: []].append(name)
            }
        }
        return order.map { w in
            let at = points[w] ?? []
            return (at.count == sweep.points.count && at.count > 1 ? "every point" : BottomLine.list(at)) + ": " + w
        }
    }

    public static func body(_ sweep: SweepResult) -> String {
        let escape = HTMLReport.escape
        var out = "<h1>\(escape(sweep.scenario)) · sweep</h1>\n"
        let reps = sweep.points.first?.result.replications ?? 0
        out += "<p class=\"meta\">\(sweep.points.count) of \(sweep.grid.count) points · \(reps) replications each · "
        out += sweep.grid.axes.map { "<code>\(escape($0.path))</code> = \(escape($0.values.joined(separator: ", ")))" }.joined(separator: "; ")
        out += " · values are means with 95% confidence intervals</p>\n"
        let warned = warnings(sweep)
        if !warned.isEmpty {
            out += "<section class=\"warnings\" id=\"warnings\"><h2>Warnings</h2><ul>" + warned.map { "<li>\(escape($0))</li>" }.joined() + "</ul></section>\n"
        }
        out += "<section><h2>Charts</h2>\n"
        for chart in charts(sweep) { out += "<figure>\(chart)</figure>\n" }
        out += "</section>\n<section><h2>Every point</h2>\n<div class=\"scroll\"><table><thead><tr>"
        let (header, rows) = rows(sweep)
        out += header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
        out += "</tbody></table></div></section>\n"
        out += MetricGlossary.htmlSection(Headline.keyMetrics.map(\.metric))
        return out
    }

    public static func html(_ sweep: SweepResult) -> String {
        HTMLReport.page(title: sweep.scenario + " · sweep", body: body(sweep))
    }

    public static func markdown(_ sweep: SweepResult) -> String {
        let (header, rows) = rows(sweep)
        var out = "# \(sweep.scenario) · sweep\n\n"
        out += "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        let warned = warnings(sweep)
        if !warned.isEmpty { out += "\n## Warnings\n\n" + warned.map { "- \(MarkdownReport.escape($0))\n" }.joined() }
        return out + MetricGlossary.markdownSection(Headline.keyMetrics.map(\.metric))
    }

    public static func text(_ sweep: SweepResult) -> String {
        let (header, rows) = rows(sweep)
        return "\(sweep.scenario) · sweep of \(sweep.grid.axes.map(\.path).joined(separator: " × "))\n\n" + PlainTable.render([header] + rows)
            + warnings(sweep).map { "warning: \($0)\n" }.joined()
    }

    /// Tidy CSV: one row per (point, variant, metric) with the mean and interval.
    public static func csv(_ sweep: SweepResult) -> String {
        var out = sweep.grid.axes.map { CSVReport.field($0.path) }.joined(separator: ",") + ",variant,metric,mean,ci_low,ci_high\n"
        for point in sweep.points.sorted(by: { $0.index < $1.index }) {
            for variant in point.result.variants {
                for metric in variant.metricNames {
                    guard let s = variant.metrics[metric] else { continue }
                    out += (point.settings.map { CSVReport.field($0.value) } + [CSVReport.field(variant.name), metric,
                            CSVReport.number(s.mean), CSVReport.number(s.ciLow ?? .nan), CSVReport.number(s.ciHigh ?? .nan)]).joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }
}
