import RapportModel

/// The metric registry as a table a person reads: the README's metric section and `rapport metrics`
/// print it, so the two can never disagree with the code.
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
}
