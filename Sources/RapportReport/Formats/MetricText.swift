import RapportModel

/// Words for a metric, derived from its registry definition, so tooltips, axis labels and chart
/// titles say the same thing as the README and `rapport metrics`.
enum MetricText {
    /// "burnout risk share (share of active therapists' working days)": the name in words and what
    /// it is counted over, for an axis.
    static func axisLabel(_ metric: String) -> String {
        guard let d = MetricRegistry.definition(metric) else { return metric.replacingOccurrences(of: "_", with: " ") }
        switch d.unit {
        case .share: return "\(d.words) (share of \(d.over))"
        case .days: return "\(d.words) (days)"
        default: return d.words
        }
    }

    /// The definition and its denominator, for a tooltip.
    static func tooltip(_ metric: String) -> String {
        guard let d = MetricRegistry.definition(metric) else { return metric }
        return "\(d.definition) Over: \(d.over). Better: \(d.better.rawValue)."
    }

    /// How a chart formats the metric's values.
    static func format(_ metric: String) -> ValueFormat {
        MetricRegistry.definition(metric)?.unit == .share ? .percent(0) : .decimal(1)
    }

    /// The values the metric can take, from its registry definition: a chart's axis stays inside it.
    static func feasibleRange(_ metric: String) -> ClosedRange<Double>? {
        MetricRegistry.definition(metric)?.feasibleRange
    }
}
