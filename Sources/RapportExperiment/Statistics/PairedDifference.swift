import RapportRandom

/// The difference between two variants on one metric, paired by replication.
///
/// Replication i of every variant uses the same random streams, so differencing replication by
/// replication removes the noise the variants share, and the paired-t interval is far tighter
/// than comparing two independent means.
public struct PairedDifference: Sendable, Equatable {
    public var metric: String
    public var variant: String
    public var reference: String
    /// Mean of (variant − reference) over replications.
    public var mean: Double
    public var ciLow: Double?
    public var ciHigh: Double?
    /// Two-sided p-value of the paired t-test; nil when it cannot be computed.
    public var pValue: Double?

    /// Whether the 95% interval excludes zero.
    public var isDistinguishable: Bool {
        guard let ciLow, let ciHigh else { return false }
        return ciLow > 0 || ciHigh < 0
    }

    /// Pairs `values` with `referenceValues` by replication, skipping pairs with an undefined side.
    public init(metric: String, variant: String, reference: String, values: [Double], referenceValues: [Double]) {
        self.metric = metric
        self.variant = variant
        self.reference = reference
        let diffs = zip(values, referenceValues).filter { !$0.0.isNaN && !$0.1.isNaN }.map { $0.0 - $0.1 }
        let summary = Summary(values: diffs)
        mean = summary.mean
        ciLow = summary.ciLow
        ciHigh = summary.ciHigh
        guard diffs.count > 1 else { pValue = nil; return }
        let n = Double(diffs.count)
        let se = (diffs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) / n).squareRoot()
        if se > 0 {
            pValue = StudentT.twoSidedPValue(mean / se, degreesOfFreedom: n - 1)
        } else {
            pValue = mean == 0 ? 1 : 0
        }
    }

    public init(metric: String, variant: String, reference: String, mean: Double, ciLow: Double?, ciHigh: Double?, pValue: Double?) {
        self.metric = metric
        self.variant = variant
        self.reference = reference
        self.mean = mean
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.pValue = pValue
    }
}
