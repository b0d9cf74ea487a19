import RapportExperiment
import RapportReport

/// One variant of one run against one variant of another, metric by metric.
///
/// When both runs used the same seed and replication count, replication i of each saw the same
/// simulated clients (common random numbers), so the difference is paired replication by
/// replication; otherwise the runs are independent samples and Welch's interval is used.
struct RunComparison {
    let variantA: VariantResult
    let variantB: VariantResult
    let paired: Bool
    let differences: [PairedDifference]

    init(a: RunResult, b: RunResult, variantA nameA: String?, variantB nameB: String?) {
        let variantA = a.variants.first { $0.name == nameA } ?? a.variants[0]
        let variantB = b.variants.first { $0.name == nameB } ?? b.variants.first { $0.name == variantA.name } ?? b.variants[0]
        let paired = a.seed == b.seed && a.replications == b.replications
        self.variantA = variantA
        self.variantB = variantB
        self.paired = paired
        differences = variantA.metricNames.compactMap { metric in
            guard let x = variantA.metrics[metric], let y = variantB.metrics[metric] else { return nil }
            return paired
                ? PairedDifference(metric: metric, variant: variantB.name, reference: variantA.name, values: y.values, referenceValues: x.values)
                : WelchTest.difference(metric: metric, x.values, y.values, variant: variantB.name, reference: variantA.name)
        }
    }

    var pairingNote: String {
        paired ? "Same seed and replications: differences are paired replication by replication (common random numbers)."
            : "Different seeds or replications: the runs are independent, so differences use Welch's interval (wider)."
    }

    /// Rows for the page: metric, both values, the difference B − A with its interval, and whether
    /// it is beyond noise.
    var rows: [[String: Any]] {
        differences.map { d in
            [
                "metric": d.metric,
                "a": MetricFormatting.summary(variantA.metrics[d.metric], metric: d.metric),
                "b": MetricFormatting.summary(variantB.metrics[d.metric], metric: d.metric),
                "difference": MetricFormatting.difference(d.mean, metric: d.metric),
                "interval": d.ciLow == nil ? "" : "[\(MetricFormatting.difference(d.ciLow, metric: d.metric)), \(MetricFormatting.difference(d.ciHigh, metric: d.metric))]",
                "beyondNoise": d.isDistinguishable,
            ]
        }
    }
}
