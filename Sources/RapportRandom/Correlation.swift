import CGSL

/// Sample statistics computed by GSL.
public enum SampleStatistics {
    /// Pearson's correlation of `x` and `y` (gsl_stats_correlation); NaN with fewer than three
    /// pairs, unequal lengths, or no spread in either.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count, x.count >= 3 else { return .nan }
        let r = x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in gsl_stats_correlation(xs.baseAddress, 1, ys.baseAddress, 1, x.count) }
        }
        return r.isFinite ? r : .nan
    }
}
