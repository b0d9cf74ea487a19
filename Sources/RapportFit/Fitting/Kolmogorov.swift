import Foundation

/// The Kolmogorov–Smirnov test of a fitted distribution against the data's (Kaplan–Meier)
/// distribution function.
///
/// GSL has no Kolmogorov distribution, so its tail is summed here (Marsaglia et al.'s series
/// with Stephens' small-sample correction). With parameters estimated from the same data, and
/// with censored or whole-number data, the p-value is approximate and conservative: a fit it
/// rejects is clearly poor, one it accepts is consistent with the data.
public enum Kolmogorov {
    /// P(D > d) for `n` observations.
    public static func pValue(statistic d: Double, n: Int) -> Double {
        guard n > 0, d > 0 else { return 1 }
        let root = Double(n).squareRoot()
        let lambda = (root + 0.12 + 0.11 / root) * d
        if lambda < 0.2 { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += (k % 2 == 1 ? 2 : -2) * term
            if term < 1e-12 { break }
        }
        return min(1, max(0, sum))
    }

    /// The largest gap between the Kaplan–Meier estimate and the fitted distribution function,
    /// compared where each event's true-value interval ends (and, for exact values, just before).
    public static func statistic(_ km: KaplanMeier, cdf: (Double) -> Double) -> Double {
        var d = 0.0
        var previous = 0.0
        for i in km.values.indices {
            d = max(d, abs(km.cdf[i] - cdf(km.highs[i])))
            d = max(d, abs(previous - cdf(km.lows[i])))
            previous = km.cdf[i]
        }
        return d
    }
}
