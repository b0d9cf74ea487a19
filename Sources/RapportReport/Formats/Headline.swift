import RapportExperiment

/// The plain-words summary at the top of a report: what each variant changes, and at what cost.
public enum Headline {
    /// The metrics leadership asks about first, with their names in words.
    static let keyMetrics: [(metric: String, words: String)] = [
        ("burnout_risk_share", "burnout risk"),
        ("wait_days_p50", "median wait (days)"),
        ("dropout_share", "dropout"),
        ("abandoned_share", "abandonment"),
        ("match_quality_mean", "match quality"),
        ("sessions_delivered", "sessions delivered"),
    ]

    /// One sentence per non-reference variant.
    public static func sentences(_ result: RunResult) -> [String] {
        guard let reference = result.reference, result.variants.count > 1 else { return single(result) }
        var lines: [String] = []
        for variant in result.variants.dropFirst() {
            var changes: [String] = []
            var unchanged: [String] = []
            for (metric, words) in keyMetrics {
                guard let d = result.comparisons.first(where: { $0.variant == variant.name && $0.metric == metric }),
                      let from = reference.metrics[metric]?.mean, let to = variant.metrics[metric]?.mean,
                      from.isFinite, to.isFinite else { continue }
                if d.isDistinguishable {
                    let verb = to > from ? "raises" : "cuts"
                    changes.append("\(verb) \(words) from \(MetricFormatting.value(from, metric: metric)) to \(MetricFormatting.value(to, metric: metric)) (95% CI of the difference \(MetricFormatting.difference(d.ciLow, metric: metric)) to \(MetricFormatting.difference(d.ciHigh, metric: metric)))")
                } else {
                    unchanged.append(words)
                }
            }
            var sentence = "Compared with \(reference.name), \(variant.name) "
            if changes.isEmpty {
                sentence += "shows no difference beyond noise in the headline metrics"
            } else {
                sentence += changes.joined(separator: "; ")
            }
            if !unchanged.isEmpty, !changes.isEmpty { sentence += "; no clear difference in \(unchanged.joined(separator: ", "))" }
            lines.append(sentence + ".")
        }
        return lines
    }

    private static func single(_ result: RunResult) -> [String] {
        guard let v = result.variants.first else { return [] }
        var parts: [String] = []
        for (metric, words) in keyMetrics {
            guard let s = v.metrics[metric], s.mean.isFinite else { continue }
            parts.append("\(words) \(MetricFormatting.summary(s, metric: metric))")
        }
        return parts.isEmpty ? [] : ["\(v.name): " + parts.joined(separator: "; ") + "."]
    }
}
