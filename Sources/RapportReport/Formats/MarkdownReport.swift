import RapportExperiment
import RapportScenario

/// The summary and comparison table, for a pull request or a wiki.
public enum MarkdownReport {
    public static func render(_ result: RunResult) -> String {
        var out = "# \(escape(result.scenario))\n\n"
        out += "\(result.replications) replications per variant, seed \(result.seed); \(escape(result.warmupNote)). "
        out += "Values are means with 95% confidence intervals.\n\n"
        let bottomLine = BottomLine(result)
        if bottomLine.lines.isEmpty {
            for line in Headline.sentences(result) { out += "- \(escape(line))\n" }
            if !Headline.sentences(result).isEmpty { out += "\n" }
        }
        out += bottomLine.markdown
        out += Scorecard(result).markdown
        let warnings = ReportWarnings.all(result)
        if !warnings.isEmpty { out += "## Warnings\n\n" + warnings.map { "- \(escape($0))\n" }.joined() + "\n" }
        out += "## Every metric\n\n"
        let metrics = result.variants.first?.metricNames ?? []
        out += "| metric | " + result.variants.map { escape($0.name) }.joined(separator: " | ") + " |\n"
        out += "|---|" + result.variants.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for metric in metrics {
            out += "| \(metric) | " + result.variants.map { escape(MetricFormatting.summary($0.metrics[metric], metric: metric)) }.joined(separator: " | ") + " |\n"
        }
        if result.variants.count > 1 {
            out += "\n## Paired differences from \(escape(result.variants[0].name))\n\n"
            out += "| variant | metric | difference | 95% CI | distinguishable |\n|---|---|---:|---:|:---:|\n"
            for d in result.comparisons {
                out += "| \(escape(d.variant)) | \(d.metric) | \(MetricFormatting.difference(d.mean, metric: d.metric)) | "
                out += "[\(MetricFormatting.difference(d.ciLow, metric: d.metric)), \(MetricFormatting.difference(d.ciHigh, metric: d.metric))] | "
                out += d.isDistinguishable ? "yes |\n" : "no |\n"
            }
        }
        out += MetricGlossary.markdownSection(result.variants.first?.metricNames ?? [])
        return out
    }

    /// Text from the user's files, inert in Markdown: on one line (a newline would end a heading
    /// or a table row), with no raw HTML (`<script>` shows as text), and `|` escaped for tables.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "`": out += "\\`"
            default: out.append(character.isNewline ? " " : character)
            }
        }
        return TerminalText.safe(out)
    }
}
