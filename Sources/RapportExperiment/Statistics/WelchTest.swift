import RapportRandom

/// Welch's two-sample t-test, for comparing replication values of two independent runs.
public enum WelchTest {
    /// The two-sided p-value that `a` and `b` have the same mean. Undefined values are ignored.
    /// Two constant samples give 1 when equal and 0 when not.
    ///
    /// `minimumVariances` are floors under each sample's variance (see `DriftCheck` for why a
    /// caller may know a steadier spread than a few replications show); the degrees of freedom
    /// stay those of the samples themselves.
    public static func pValue(_ a: [Double], _ b: [Double], minimumVariances: (Double, Double) = (0, 0)) -> Double {
        guard let w = Welch(a, b, minimumVariances: minimumVariances) else { return a.contains { !$0.isNaN } == b.contains { !$0.isNaN } ? 1 : 0 }
        // Identical constants are the same; different constants differ for certain.
        guard w.se2 > 1e-300 else { return abs(w.difference) <= 1e-12 * max(1, abs(w.mx), abs(w.my)) ? 1 : 0 }
        return StudentT.twoSidedPValue(w.difference / w.se2.squareRoot(), degreesOfFreedom: w.df)
    }

    /// The difference of means `b − a` with its Welch 95% interval (nil ends when either side has
    /// fewer than two values), for two runs that do not share random numbers.
    public static func difference(metric: String, _ a: [Double], _ b: [Double], variant: String, reference: String) -> PairedDifference {
        guard let w = Welch(a, b) else {
            return PairedDifference(metric: metric, variant: variant, reference: reference, mean: .nan, ciLow: nil, ciHigh: nil, pValue: nil)
        }
        let defined = w.nx > 1 && w.ny > 1
        let half = defined ? StudentT.quantile(0.975, degreesOfFreedom: w.df) * w.se2.squareRoot() : .nan
        return PairedDifference(metric: metric, variant: variant, reference: reference, mean: w.difference,
                                ciLow: defined ? w.difference - half : nil, ciHigh: defined ? w.difference + half : nil,
                                pValue: defined ? pValue(a, b) : nil)
    }

    /// The variance pooled over several samples of one quantity: each sample's squared
    /// deviations from its own mean, summed, over the summed degrees of freedom (n − 1 each;
    /// undefined values ignored). 0 when no sample has two values.
    public static func pooledVariance(_ samples: [[Double]]) -> Double {
        var squares = 0.0, degrees = 0
        for sample in samples {
            let x = sample.filter { !$0.isNaN }
            guard x.count > 1 else { continue }
            squares += squaredDeviations(x, mean: x.reduce(0, +) / Double(x.count))
            degrees += x.count - 1
        }
        return degrees > 0 ? squares / Double(degrees) : 0
    }

    static func squaredDeviations(_ x: [Double], mean: Double) -> Double {
        x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }

    /// Means, the squared standard error of their difference and Welch–Satterthwaite's degrees of freedom.
    private struct Welch {
        let mx, my, se2, df: Double
        let nx, ny: Int
        var difference: Double { my - mx }

        init?(_ a: [Double], _ b: [Double], minimumVariances: (Double, Double) = (0, 0)) {
            let x = a.filter { !$0.isNaN }, y = b.filter { !$0.isNaN }
            guard !x.isEmpty, !y.isEmpty else { return nil }
            nx = x.count; ny = y.count
            mx = x.reduce(0, +) / Double(x.count); my = y.reduce(0, +) / Double(y.count)
            let mx = mx, my = my
            let vx = x.count > 1 ? WelchTest.squaredDeviations(x, mean: mx) / Double(x.count - 1) : 0
            let vy = y.count > 1 ? WelchTest.squaredDeviations(y, mean: my) / Double(y.count - 1) : 0
            let sx = max(vx, minimumVariances.0) / Double(x.count), sy = max(vy, minimumVariances.1) / Double(y.count)
            se2 = sx + sy
            let dfDenominator = (x.count > 1 ? sx * sx / Double(x.count - 1) : 0) + (y.count > 1 ? sy * sy / Double(y.count - 1) : 0)
            df = max(1, dfDenominator > 0 ? se2 * se2 / dfDenominator : Double(x.count + y.count - 2))
        }
    }
}

/// Holm's step-down correction: which of `pValues` are significant at family-wise level `alpha`.
public enum HolmCorrection {
    public static func rejected(_ pValues: [Double], alpha: Double) -> [Bool] {
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var result = Array(repeating: false, count: pValues.count)
        for (step, i) in order.enumerated() {
            guard pValues[i] <= alpha / Double(pValues.count - step) else { break }
            result[i] = true
        }
        return result
    }
}
