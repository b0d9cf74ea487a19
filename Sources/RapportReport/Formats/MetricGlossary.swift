import RapportModel

/// The metric registry as a table a person reads: the README's metric section, `rapport metrics`
/// and each report's glossary print it, so none can disagree with the code.
public enum MetricGlossary {
    /// A Markdown table, one row per metric (all of them by default), grouped by area in report order.
    public static func markdown(_ metrics: [MetricDefinition] = MetricRegistry.all) -> String {
        var out = "| area | metric | what it measures | over | unit | better |\n|---|---|---|---|---|---|\n"
        for d in metrics {
            let over = d.over.replacingOccurrences(of: "|", with: "\\|")
            let definition = d.definition.replacingOccurrences(of: "|", with: "\\|")
            // A per-step metric is reported once for each treatment step, as `name.step`.
            let name = d.perStep ? MetricRegistry.perStepName(d.name, step: "<step>") : d.name
            out += "| \(d.area.rawValue) | `\(name)` | \(definition) | \(over) | \(d.unit.rawValue) | \(d.better.rawValue) |\n"
        }
        return out
    }

    /// The registry definitions of the named metrics a report shows, in registry order; names the
    /// registry does not know are left out.
    public static func shown(_ names: [String]) -> [MetricDefinition] {
        MetricRegistry.all.filter { names.contains($0.name) }
    }

    /// A report's glossary in Markdown: only the metrics it shows; empty when it shows none.
    public static func markdownSection(_ names: [String]) -> String {
        let definitions = shown(names)
        guard !definitions.isEmpty else { return "" }
        return "\n## Glossary\n\nEvery metric this report shows, from Rapport's metric registry.\n\n" + markdown(definitions)
    }

    /// A report's glossary in HTML: only the metrics it shows; empty when it shows none.
    public static func htmlSection(_ names: [String]) -> String {
        let definitions = shown(names)
        guard !definitions.isEmpty else { return "" }
        let e = HTMLReport.escape
        var out = "<section class=\"glossary\"><h2>Glossary</h2>\n<details><summary>Every metric this report shows, from Rapport's metric registry</summary>\n"
        out += "<div class=\"scroll\"><table><thead><tr><th>metric</th><th>what it measures</th><th>over</th><th>unit</th><th>better</th></tr></thead><tbody>\n"
        for d in definitions {
            out += "<tr id=\"metric-\(d.name)\"><td><code>\(d.name)</code></td><td>\(e(d.definition))</td><td>\(e(d.over))</td><td>\(e(d.unit.rawValue))</td><td>\(d.better.rawValue)</td></tr>\n"
        }
        return out + "</tbody></table></div></details></section>\n"
    }
}
