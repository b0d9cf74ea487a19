import RapportExperiment
import RapportModel

/// How metric values read in reports: shares as percentages, days with one decimal, counts whole.
public enum MetricFormatting {
    /// Whether the metric is a fraction shown as a percentage: the registry says so (outcome
    /// rates included), or its name ends in `_share`.
    public static func isShare(_ metric: String) -> Bool {
        MetricRegistry.definition(metric)?.unit == .share || metric.hasSuffix("_share") || metric == "utilisation"
    }

    /// One value in the metric's natural unit.
    public static func value(_ v: Double?, metric: String) -> String {
        guard let v, v.isFinite else { return "–" }
        if isShare(metric) { return String(format: "%.1f%%", v * 100) }
        if ["clients_arrived", "sessions_delivered", "vacancy_days", "headcount_end"].contains(metric) {
            return abs(v) >= 100 ? String(format: "%.0f", v) : String(format: "%.1f", v)
        }
        if abs(v) >= 1000 { return String(format: "%.0f", v) }
        if abs(v) >= 1 { return String(format: "%.2f", v) }
        if v == 0 { return "0" }
        return String(format: "%.4f", v)
    }

    /// A difference in the metric's natural unit, with its sign; shares in percentage points.
    public static func difference(_ v: Double?, metric: String) -> String {
        guard let v, v.isFinite else { return "–" }
        if isShare(metric) { return String(format: "%+.1f pp", v * 100).replacingOccurrences(of: "-", with: "−") }
        let text = value(abs(v), metric: metric)
        return (v < 0 ? "−" : "+") + text
    }

    /// "mean [low, high]".
    public static func summary(_ s: Summary?, metric: String) -> String {
        guard let s else { return "–" }
        let mean = value(s.mean, metric: metric)
        guard let low = s.ciLow, let high = s.ciHigh else { return mean }
        return "\(mean) [\(value(low, metric: metric)), \(value(high, metric: metric))]"
    }
}

import Foundation
