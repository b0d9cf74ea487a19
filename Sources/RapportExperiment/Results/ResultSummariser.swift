import RapportModel
import RapportRandom

/// Turns replication results into summaries and paired comparisons.
public enum ResultSummariser {
    /// One variant's summary over its replications.
    public static func summarise(name: String, _ replications: [ReplicationResult]) -> VariantResult {
        var metricNames = Set<String>()
        var seriesNames = Set<String>()
        var distributionNames = Set<String>()
        for r in replications {
            metricNames.formUnion(r.metrics.keys)
            seriesNames.formUnion(r.series.keys)
            distributionNames.formUnion(r.distributions.keys)
        }
        var metrics: [String: Summary] = [:]
        for metric in metricNames {
            let summary = Summary(values: replications.map { $0.metrics[metric] ?? .nan })
            metrics[metric] = MetricRegistry.definition(metric).map { summary.clamped(to: $0.feasibleRange) } ?? summary
        }
        var series: [String: SeriesSummary] = [:]
        for name in seriesNames {
            let runs = replications.compactMap { $0.series[name] }
            let weeks = runs.map(\.count).min() ?? 0
            var mean: [Double] = [], low: [Double] = [], high: [Double] = []
            // Every weekly series is a count, a mean exhaustion or a share: never negative, and a
            // share never above 1.
            let range: ClosedRange<Double> = name.hasSuffix("_share") ? 0...1 : 0...Double.infinity
            for w in 0..<weeks {
                let s = Summary(values: runs.map { $0[w] }).clamped(to: range)
                mean.append(s.mean)
                low.append(s.ciLow ?? s.mean)
                high.append(s.ciHigh ?? s.mean)
            }
            series[name] = SeriesSummary(mean: mean, low: low, high: high)
        }
        var distributions: [String: DistributionSummary] = [:]
        for name in distributionNames {
            let runs = replications.compactMap { $0.distributions[name] }
            guard let bins = runs.first?.count, let edges = replications.first(where: { $0.distributionEdges[name] != nil })?.distributionEdges[name] else { continue }
            let values = (0..<bins).map { b in
                let defined = runs.map { $0[b] }.filter { !$0.isNaN }
                return defined.isEmpty ? Double.nan : defined.reduce(0, +) / Double(defined.count)
            }
            distributions[name] = DistributionSummary(edges: edges, values: values)
        }
        var warnings: [String] = []
        for r in replications { for w in r.warnings where !warnings.contains(w) { warnings.append(w) } }
        warnings += SeriesTrend.warnings(replications)
        if replications.count < 5 {
            warnings.append("only \(replications.count) replication\(replications.count == 1 ? "" : "s"): the 95% intervals are rough; run 5 or more before trusting them")
        }
        return VariantResult(name: name, metrics: metrics, series: series, distributions: distributions,
                             warnings: warnings, events: replications.reduce(0) { $0 + $1.events })
    }

    /// Paired differences of every variant after the first against the first.
    public static func compare(_ variants: [VariantResult]) -> [PairedDifference] {
        guard let reference = variants.first else { return [] }
        var result: [PairedDifference] = []
        for variant in variants.dropFirst() {
            for metric in variant.metricNames {
                guard let values = variant.metrics[metric]?.values, let ref = reference.metrics[metric]?.values else { continue }
                result.append(PairedDifference(metric: metric, variant: variant.name, reference: reference.name,
                                               values: values, referenceValues: ref))
            }
        }
        return result
    }
}
