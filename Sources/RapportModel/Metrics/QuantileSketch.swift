import Foundation

/// Quantiles of a non-negative stream in constant memory, with relative error under 0.5%.
///
/// Values fall into logarithmic bins, so a run of a million clients costs the same memory as a
/// run of a thousand; exact zeros are counted apart because "seen at once" is common and exact.
public struct QuantileSketch: Sendable {
    private static let smallest = 1e-6
    private static let growth = 1.01
    /// The width of a bin on a log scale, `log(1.01)`: the bits glibc's `log` returns for it,
    /// written out so that binning a value runs no lazy initialiser (`swift_once`) each time.
    /// `QuantileSketchTests` checks it against `log(1.01)`.
    public static let logGrowth = Double(bitPattern: 0x3F84_60D6_CCCA_367C)
    private var bins: [Int] = []
    private var zeros = 0
    /// Number of values added.
    public private(set) var count = 0
    /// Sum of values added.
    public private(set) var sum = 0.0

    public init() {}

    /// Adds one value (negative values count as zero).
    @inline(__always)
    public mutating func add(_ value: Double) {
        count += 1
        guard value > 0 else { zeros += 1; return }
        addPositive(value)
    }

    /// The binning half of `add`, kept out of line: callers inline only the common exact zero
    /// (a client seen at once).
    @inline(never)
    private mutating func addPositive(_ value: Double) {
        sum += value
        let bin = value <= Self.smallest ? 0 : Int(log(value / Self.smallest) / Self.logGrowth) + 1
        if bin >= bins.count { bins.append(contentsOf: repeatElement(0, count: bin - bins.count + 1)) }
        bins[bin] += 1
    }

    /// The mean of the values added; NaN when empty.
    public var mean: Double { count == 0 ? .nan : sum / Double(count) }

    /// The q-quantile (0…1); NaN when empty.
    public func quantile(_ q: Double) -> Double {
        guard count > 0 else { return .nan }
        let rank = Int((q * Double(count)).rounded(.up))
        var seen = zeros
        if rank <= seen { return 0 }
        for (bin, n) in bins.enumerated() where n > 0 {
            seen += n
            if seen >= rank { return Self.representative(bin) }
        }
        return Self.representative(bins.count - 1)
    }

    /// The share of values at or below `x`.
    public func share(atMost x: Double) -> Double {
        shares(atMost: [x])[0]
    }

    /// The share of values at or below each of `points`: a distribution function read at many
    /// points in one pass over the bins, so each bin's representative (a `pow`) is worked out
    /// once, not once per point.
    public func shares(atMost points: [Double]) -> [Double] {
        guard count > 0 else { return points.map { _ in .nan } }
        // Zeros (and the negative values counted with them) are at or below any x ≥ 0 only.
        var seen = points.map { $0 >= 0 ? zeros : 0 }
        for (bin, n) in bins.enumerated() where n > 0 {
            let value = Self.representative(bin)
            for (i, x) in points.enumerated() where value <= x { seen[i] += n }
        }
        return seen.map { Double($0) / Double(count) }
    }

    private static func representative(_ bin: Int) -> Double {
        if bin == 0 { return smallest }
        // The geometric middle of the bin keeps the error symmetric in relative terms.
        return smallest * pow(growth, Double(bin) - 0.5)
    }
}
