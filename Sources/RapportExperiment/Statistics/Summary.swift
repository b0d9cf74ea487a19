import RapportModel
import RapportRandom

/// A metric across replications: mean and 95% Student-t interval.
public struct Summary: Sendable, Equatable {
    public var mean: Double
    /// Lower end of the 95% interval; nil with fewer than two replications.
    public var ciLow: Double?
    public var ciHigh: Double?
    /// One value per replication, in replication order (NaN where undefined).
    public var values: [Double]

    public init(mean: Double, ciLow: Double?, ciHigh: Double?, values: [Double]) {
        self.mean = mean
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.values = values
    }

    /// Summarises replication values, ignoring undefined (NaN) ones.
    public init(values: [Double], confidence: Double = 0.95) {
        self.values = values
        let defined = values.filter { !$0.isNaN }
        let n = defined.count
        guard n > 0 else { mean = .nan; ciLow = nil; ciHigh = nil; return }
        mean = defined.reduce(0, +) / Double(n)
        guard n > 1 else { ciLow = nil; ciHigh = nil; return }
        let half = Self.halfWidth(defined, mean: mean, confidence: confidence)
        ciLow = mean - half
        ciHigh = mean + half
    }

    /// Half the width of the Student-t interval around `mean`.
    public static func halfWidth(_ values: [Double], mean: Double, confidence: Double = 0.95) -> Double {
        let n = Double(values.count)
        guard n > 1 else { return .nan }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return StudentT.quantile(1 - (1 - confidence) / 2, degreesOfFreedom: n - 1) * (variance / n).squareRoot()
    }

    /// The same summary with its interval cut to `range`: the Student-t interval of a share near
    /// 0 or 1 can reach past what the metric can take, and a bound it cannot pass is known.
    public func clamped(to range: ClosedRange<Double>) -> Summary {
        var s = self
        s.ciLow = ciLow.map { min(max($0, range.lowerBound), range.upperBound) }
        s.ciHigh = ciHigh.map { min(max($0, range.lowerBound), range.upperBound) }
        return s
    }

    /// Whether the interval contains `value`.
    public func covers(_ value: Double) -> Bool {
        guard let ciLow, let ciHigh else { return false }
        return ciLow <= value && value <= ciHigh
    }
}
