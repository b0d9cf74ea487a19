import Foundation
import RapportExperiment

/// A calibration rendered: each target against the calibrated model, the fitted values with the
/// range the accepted sets cover, and which parameters the targets could not pin down.
public enum CalibrationReport {
    /// (target, observed, calibrated mean [95% CI], gap in tolerances, within tolerance).
    static func targetRows(_ c: CalibrationResult) -> [[String]] {
        [["target", "observed ± tolerance", "calibrated model (95% CI)", "gap (tolerances)", "met"]] + c.checks.map { check in
            let metric = check.target.metric
            return [metric,
                    MetricFormatting.value(check.target.value, metric: metric) + " ± " + MetricFormatting.difference(check.target.tolerance, metric: metric).trimmingCharacters(in: CharacterSet(charactersIn: "+")),
                    MetricFormatting.summary(check.calibrated, metric: metric),
                    String(format: "%+.2f", check.gap), check.isMet ? "yes" : "no"]
        }
    }

    /// (parameter, fitted, searched, accepted range, identifiability).
    static func parameterRows(_ c: CalibrationResult) -> [[String]] {
        [["parameter", "fitted", "searched", "accepted sets span", "identifiability"]] + c.verdicts.map { v in
            let accepted = v.acceptedRange.map { "\(number($0.lowerBound)) to \(number($0.upperBound)) (\(Int(((v.acceptedShare ?? 0) * 100).rounded()))%)" } ?? "—"
            return [v.parameter.name, number(v.fitted), "\(number(v.parameter.low)) to \(number(v.parameter.high))", accepted, v.level.rawValue]
        }
    }

    static func number(_ v: Double) -> String { String(format: "%.4g", v) }

    static func summaryLine(_ c: CalibrationResult) -> String {
        "\(c.evaluations) candidates × \(c.replications) replications = \(c.simulatedRuns) simulated runs (seed \(c.seed), common random numbers): a Sobol design of \(c.designSize), \(c.accepted.count) accepted within every tolerance (ABC), then Nelder–Mead (\(c.trace.count) steps, \(c.polishConverged ? "converged" : "stopped at its budget")). Distance of the fitted point: \(String(format: "%.3g", c.best.distance(c.targets))) (root-mean-square gap in tolerances)."
    }

    static func notPinned(_ c: CalibrationResult) -> [String] {
        c.verdicts.filter { $0.level != .pinned }.map { "\($0.parameter.name): \($0.level.rawValue); \($0.reason)." }
            + (c.tradeOffNote.map { [$0 + "."] } ?? [])
    }

    public static func text(_ c: CalibrationResult) -> String {
        var out = "\(c.scenario) · calibration of \(c.variant)\n\(summaryLine(c))\n\nTargets:\n"
        out += PlainTable.render(targetRows(c)) + "\nFitted parameters:\n" + PlainTable.render(parameterRows(c))
        let loose = notPinned(c)
        out += loose.isEmpty ? "\nEvery parameter is pinned down by the targets.\n" : "\n" + loose.joined(separator: "\n") + "\n"
        return out
    }

    public static func markdown(_ c: CalibrationResult) -> String {
        func table(_ rows: [[String]]) -> String {
            let header = rows[0]
            var out = "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
            for row in rows.dropFirst() { out += "| " + row.map { MarkdownReport.escape($0) }.joined(separator: " | ") + " |\n" }
            return out
        }
        var out = "# \(MarkdownReport.escape(c.scenario)) · calibration of \(MarkdownReport.escape(c.variant))\n\n\(summaryLine(c))\n\n## Targets\n\n"
        out += table(targetRows(c)) + "\n## Fitted parameters\n\n" + table(parameterRows(c)) + "\n"
        for line in notPinned(c) { out += "- \(MarkdownReport.escape(line))\n" }
        return out
    }

    public static func html(_ c: CalibrationResult) -> String {
        let escape = HTMLReport.escape
        func table(_ rows: [[String]]) -> String {
            var out = "<div class=\"scroll\"><table><thead><tr>" + rows[0].map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for row in rows.dropFirst() { out += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
            return out + "</tbody></table></div>\n"
        }
        var body = "<h1>\(escape(c.scenario)) · calibration of \(escape(c.variant))</h1>\n<p class=\"meta\">\(escape(summaryLine(c)))</p>\n"
        body += "<section><h2>Targets against the calibrated model</h2>\n" + table(targetRows(c)) + "</section>\n"
        let charts = profileCharts(c)
        if !charts.isEmpty {
            body += "<section><h2>What moves each target around the fitted point</h2>\n"
            for chart in charts { body += "<figure>\(chart)</figure>\n" }
            body += "</section>\n"
        }
        body += "<section><h2>Fitted parameters and identifiability</h2>\n" + table(parameterRows(c))
        let loose = notPinned(c)
        if !loose.isEmpty { body += "<ul>" + loose.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n" }
        body += "</section>\n"
        return HTMLReport.page(title: c.scenario + " · calibration", body: body)
    }

    /// One tornado per target from the identifiability profile: the target's mean with each
    /// parameter moved down and up by the profile step (a share of its searched range).
    static func profileCharts(_ c: CalibrationResult) -> [String] {
        guard c.profile.count == 2 * c.parameters.count else { return [] }
        let step = Int((CalibrationProblem.profileStep * 100).rounded())
        let baseline = c.best.summaries(c.targets).map(\.mean)
        return c.targets.enumerated().map { k, target in
            let entries = c.parameters.enumerated().map { p, parameter in
                TornadoChart.Entry(parameter: parameter.name, low: c.profile[2 * p].summaries(c.targets)[k].mean,
                                   high: c.profile[2 * p + 1].summaries(c.targets)[k].mean)
            }
            return TornadoChart(frame: ChartFrame(title: "\(target.metric) with each parameter moved \(step)% of its range from the fitted point",
                                                  xLabel: target.metric, yLabel: "parameter"),
                                baseline: baseline[k], entries: entries, lowLabel: "−\(step)% of range", highLabel: "+\(step)% of range",
                                valueFormat: MetricText.format(target.metric)).svg()
        }
    }

    /// `format` of a calibration; CSV is one row per design candidate (values, target means,
    /// distance, accepted), for the analyst's own plots.
    public static func render(_ c: CalibrationResult, as format: ReportFormat) -> String {
        switch format {
        case .text: return text(c)
        case .markdown: return markdown(c)
        case .html: return html(c)
        case .json: return c.json().rendered()
        case .csv:
            var out = (c.parameters.map(\.name) + c.targets.map(\.metric) + ["distance", "accepted"]).map(CSVReport.field).joined(separator: ",") + "\n"
            let accepted = Set(c.accepted)
            for (i, e) in c.design.enumerated() {
                let means = e.summaries(c.targets).map(\.mean)
                out += (e.values.map(CSVReport.number) + means.map(CSVReport.number) + [CSVReport.number(e.distance(c.targets)), accepted.contains(i) ? "yes" : "no"]).joined(separator: ",") + "\n"
            }
            return out
        }
    }
}
