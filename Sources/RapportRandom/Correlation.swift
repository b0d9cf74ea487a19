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

extension SampleStatistics {
    /// The `p` quantile of `values` (gsl_stats_quantile_from_sorted_data, linear interpolation
    /// between order statistics); NaN when there are no finite values.
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, sorted.count, p) }
    }
}
