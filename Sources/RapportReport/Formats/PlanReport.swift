import RapportExperiment
import RapportModel
import RapportScenario

/// A plan rendered: the headcount chosen, every roster tried with each target's mean and
/// interval, and per target a chart of the metric against the total headcount with the bound.
public enum PlanReport {
    /// "clinicians 12, trainees 3 (15 therapists)".
    static func roster(_ counts: [Int], groups: [String]) -> String {
        zip(groups, counts).map { "\($0) \($1)" }.joined(separator: ", ") + " (\(counts.reduce(0, +)) therapist\(counts.reduce(0, +) == 1 ? "" : "s"))"
    }

    /// The answer in one sentence.
    static func headline(_ plan: PlanResult) -> String {
        let targets = BottomLine.list(plan.targets.map(\.description))
        let confidence = "\(Int((plan.confidence * 100).rounded()))%"
        guard let best = plan.best else {
            return "No roster tried meets \(targets) with \(confidence) confidence; the largest tried was \(plan.candidates.map { $0.counts.reduce(0, +) }.max() ?? 0) therapists."
        }
        var out = "Smallest roster meeting \(targets) with \(confidence) confidence: \(roster(best, groups: plan.groups))"
        if !plan.current.isEmpty {
            let change = best.reduce(0, +) - plan.current.reduce(0, +)
            out += change == 0 ? ", the same size as today's" : ", \(abs(change)) \(change > 0 ? "more" : "fewer") than today's \(plan.current.reduce(0, +))"
        }
        return out + "."
    }

    /// Rosters tried, smallest first: (group counts…, total, each target's summary…, meets all).
    static func rows(_ plan: PlanResult) -> (header: [String], rows: [[String]]) {
        let header = plan.groups + ["total"] + plan.targets.map(\.description) + ["meets all", "chosen"]
        let rows = sortedCandidates(plan).map { c in
            c.counts.map(String.init) + [String(c.counts.reduce(0, +))]
                + plan.targets.map { MetricFormatting.summary(c.metrics[$0.metric], metric: $0.metric) + Scorecard.unit($0.metric) }
                + [c.met ? "yes" : "no", c.counts == plan.best ? "◀ chosen" : ""]
        }
        return (header, rows)
    }

    static func sortedCandidates(_ plan: PlanResult) -> [HeadcountPlanner.Candidate] {
        plan.candidates.enumerated().sorted { a, b in
            let (x, y) = (a.element.counts.reduce(0, +), b.element.counts.reduce(0, +))
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// One chart per target (one unit each): the metric against the total headcount, with its
    /// interval as a band and the bound as a dashed line; the axis stays in the metric's valid range.
    static func charts(_ plan: PlanResult) -> [String] {
        let sorted = sortedCandidates(plan)
        return plan.targets.map { target in
            let metric = target.metric
            let points = sorted.map { c in (x: Double(c.counts.reduce(0, +)), s: c.metrics[metric]) }
            let series = LineChart.Series(name: "rosters tried (95% interval)", x: points.map(\.x), y: points.map { $0.s?.mean ?? .nan },
                                          low: points.map { $0.s?.ciLow ?? .nan }, high: points.map { $0.s?.ciHigh ?? .nan })
            let chosen = plan.best.map { " · chosen: \($0.reduce(0, +))" } ?? ""
            return LineChart(frame: ChartFrame(title: "\(MetricText.axisLabel(metric).capitalizedFirst) by headcount\(chosen)",
                                               xLabel: "therapists on the roster (all groups)", yLabel: MetricText.axisLabel(metric)),
                             series: [series], referenceLine: ("target \(target.atMost ? "≤" : "≥") \(MetricFormatting.value(target.bound, metric: metric))", target.bound),
                             valueFormat: MetricText.format(metric), valueBounds: MetricText.feasibleRange(metric)).svg()
        }
    }

    static func meta(_ plan: PlanResult) -> String {
        var parts: [String] = []
        if !plan.variant.isEmpty { parts.append("variant \(plan.variant)") }
        if plan.replications > 0 { parts.append("\(plan.replications) replications per roster, seed \(plan.seed)") }
        parts.append("a target is met when its whole \(Int((plan.confidence * 100).rounded()))% interval is on the right side of the bound")
        return parts.joined(separator: " · ")
    }

    public static func text(_ plan: PlanResult) -> String {
        let (header, rows) = rows(plan)
        var out = plan.scenario.isEmpty ? "Plan\n" : "\(TextReport.line(plan.scenario)) · plan\n"
        out += meta(plan) + "\n\n" + headline(plan) + "\n\nRosters tried (\(plan.candidates.count)), smallest first, with 95% intervals:\n"
        out += PlainTable.render([header] + rows)
        for warning in plan.warnings { out += "warning: \(warning)\n" }
        return TerminalText.safe(out)
    }

    public static func markdown(_ plan: PlanResult) -> String {
        let e = MarkdownReport.escape
        let (header, rows) = rows(plan)
        var out = "# \(e(plan.scenario.isEmpty ? "Plan" : plan.scenario + " · plan"))\n\n\(e(meta(plan))).\n\n**\(e(headline(plan)))**\n\n"
        if !plan.warnings.isEmpty { out += "## Warnings\n\n" + plan.warnings.map { "- \(e($0))\n" }.joined() + "\n" }
        out += "## Rosters tried\n\n| " + header.map(e).joined(separator: " | ") + " |\n|" + header.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.map(e).joined(separator: " | ") + " |\n" }
        return out + MetricGlossary.markdownSection(plan.targets.map(\.metric))
    }

    public static func body(_ plan: PlanResult) -> String {
        let e = HTMLReport.escape
        var out = "<h1>\(e(plan.scenario.isEmpty ? "Plan" : plan.scenario)) · plan</h1>\n<p class=\"meta\">\(e(meta(plan)))</p>\n"
        out += "<section class=\"bottom-line\"><h2>The answer</h2><div class=\"verdict \(plan.best == nil ? "unclear" : "clear")\"><dt>Headcount</dt><dd>\(e(headline(plan)))</dd></div></section>\n"
        if !plan.warnings.isEmpty {
            out += "<section class=\"warnings\" id=\"warnings\"><h2>Warnings</h2><ul>" + plan.warnings.map { "<li>\(e($0))</li>" }.joined() + "</ul></section>\n"
        }
        out += "<section><h2>Charts</h2>\n" + charts(plan).map { "<figure>\($0)</figure>\n" }.joined() + "</section>\n"
        let (header, rows) = rows(plan)
        out += "<section><h2>Rosters tried</h2>\n<div class=\"scroll\"><table><thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows { out += "<tr\(row.last == "" ? "" : " class=\"chosen\"")>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        out += "</tbody></table></div></section>\n"
        out += MetricGlossary.htmlSection(plan.targets.map(\.metric))
        return out
    }

    public static func html(_ plan: PlanResult) -> String {
        HTMLReport.page(title: (plan.scenario.isEmpty ? "Plan" : plan.scenario) + " · plan", body: body(plan))
    }

    /// Tidy CSV: one row per (roster, target) with the mean and interval.
    public static func csv(_ plan: PlanResult) -> String {
        var out = plan.groups.map(CSVReport.field).joined(separator: ",") + ",total,target,metric,mean,ci_low,ci_high,meets_all,chosen\n"
        for c in sortedCandidates(plan) {
            for t in plan.targets {
                let s = c.metrics[t.metric]
                out += (c.counts.map(String.init) + [String(c.counts.reduce(0, +)), CSVReport.field(t.description), t.metric,
                        CSVReport.number(s?.mean ?? .nan), CSVReport.number(s?.ciLow ?? .nan), CSVReport.number(s?.ciHigh ?? .nan),
                        c.met ? "true" : "false", c.counts == plan.best ? "true" : "false"])
                    .joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
