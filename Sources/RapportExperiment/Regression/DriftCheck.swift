/// Compares a fresh run with its baseline, metric by metric.
public struct DriftCheck: Sendable {
    /// How each metric is judged.
    public enum Mode: Sendable, Equatable {
        /// Welch's t-test on replication values at family-wise level α (Holm-corrected across
        /// every metric of every variant of the scenario).
        case statistical(alpha: Double)
        /// Byte-identical replication values.
        case exact
    }

    /// One metric's verdict.
    public struct Finding: Sendable, Equatable {
        public var scenario: String
        public var variant: String
        public var metric: String
        public var baseline: Double
        public var now: Double
        /// How it was judged, e.g. "p = 0.0004 (Holm α 0.05)" or "tolerance 5%".
        public var test: String
        public var drifted: Bool
        /// Relative change, (now − baseline) / |baseline|; nil when the baseline is 0.
        public var relativeChange: Double? {
            guard baseline.isFinite, now.isFinite, baseline != 0 else { return nil }
            return (now - baseline) / abs(baseline)
        }
    }

    /// One scenario's baseline, its fresh run, and the metrics it judges by relative tolerance.
    public struct Comparison: Sendable {
        public var baseline: Baseline
        public var result: RunResult
        public var tolerances: [String: Double]

        public init(baseline: Baseline, result: RunResult, tolerances: [String: Double] = [:]) {
            self.baseline = baseline
            self.result = result
            self.tolerances = tolerances
        }
    }

    public var mode: Mode
    /// Metrics judged by relative tolerance on the mean instead (e.g. 0.05 for 5%).
    public var tolerances: [String: Double]

    public init(mode: Mode, tolerances: [String: Double] = [:]) {
        self.mode = mode
        self.tolerances = tolerances
    }

    /// Every metric of every variant in the baseline, judged against `result`. A variant or
    /// metric missing from the new run counts as drift.
    public func compare(_ baseline: Baseline, with result: RunResult) -> [Finding] {
        compare([Comparison(baseline: baseline, result: result, tolerances: tolerances)])
    }

    /// Every metric of every variant of every comparison, judged as one family (each comparison
    /// with its own tolerances; `tolerances` is not used here).
    public func compare(_ comparisons: [Comparison]) -> [Finding] {
        var findings: [Finding] = []
        var statistical: [(index: Int, p: Double)] = []
        for comparison in comparisons {
            let baseline = comparison.baseline, result = comparison.result
            let floors = mode == .exact ? nil : Self.pooledVariances(baseline: baseline, result: result)
            for (variant, metrics) in baseline.values {
                let now = result.variants.first { $0.name == variant }
                for (metric, values) in metrics {
                    let base = Summary(values: values).mean
                    guard let current = now?.metrics[metric] else {
                        findings.append(Finding(scenario: baseline.scenario, variant: variant, metric: metric, baseline: base,
                                                now: .nan, test: "missing from the new run", drifted: true))
                        continue
                    }
                    var finding = Finding(scenario: baseline.scenario, variant: variant, metric: metric, baseline: base,
                                          now: current.mean, test: "", drifted: false)
                    if mode == .exact {
                        finding.drifted = !Self.identical(values, current.values)
                        finding.test = "exact"
                    } else if let tolerance = comparison.tolerances[metric] {
                        let allowed = tolerance * abs(base)
                        finding.drifted = !(abs(current.mean - base) <= allowed) && !(base.isNaN && current.mean.isNaN)
                        finding.test = "tolerance \(Self.percent(tolerance))"
                    } else {
                        let floor = floors?[metric] ?? (0, 0)
                        statistical.append((findings.count, WelchTest.pValue(values, current.values, minimumVariances: floor)))
                    }
                    findings.append(finding)
                }
            }
        }
        if case .statistical(let alpha) = mode, !statistical.isEmpty {
            let rejected = HolmCorrection.rejected(statistical.map(\.p), alpha: alpha)
            for (k, entry) in statistical.enumerated() {
                findings[entry.index].drifted = rejected[k]
                findings[entry.index].test = "p = \(Self.pText(entry.p)) (Welch, Holm α \(alpha))"
            }
        }
        return findings
    }

    /// Per metric, its variance pooled across the baseline's variants and across the new run's.
    static func pooledVariances(baseline: Baseline, result: RunResult) -> [String: (Double, Double)] {
        var before: [String: [[Double]]] = [:], after: [String: [[Double]]] = [:]
        for (_, metrics) in baseline.values {
            for (metric, values) in metrics { before[metric, default: []].append(values) }
        }
        for variant in result.variants {
            for (metric, summary) in variant.metrics { after[metric, default: []].append(summary.values) }
        }
        return before.mapValues { WelchTest.pooledVariance($0) }.reduce(into: [:]) { floors, entry in
            floors[entry.key] = (entry.value, WelchTest.pooledVariance(after[entry.key] ?? []))
        }
    }

    static func identical(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    static func percent(_ x: Double) -> String {
        let p = x * 100
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }

    static func pText(_ p: Double) -> String {
        if p < 0.0001 { return "<0.0001" }
        let rounded = (p * 10000).rounded() / 10000
        return "\(rounded)"
    }
}
