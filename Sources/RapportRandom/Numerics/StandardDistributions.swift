import CGSL

/// Quantiles and tail probabilities of the reference distributions used by tests and intervals,
/// all from GSL.
public enum StandardDistributions {
    /// The `p` quantile of the standard normal: `normalQuantile(0.975)` ≈ 1.96.
    public static func normalQuantile(_ p: Double) -> Double {
        GSLErrorHandling.disableAbort()
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// The `p` quantile of a chi-squared distribution with `degreesOfFreedom`.
    public static func chiSquaredQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        GSLErrorHandling.disableAbort()
        return gsl_cdf_chisq_Pinv(p, degreesOfFreedom)
    }

    /// P(X > x) for a chi-squared X with `degreesOfFreedom`: a likelihood-ratio test's p-value.
    public static func chiSquaredUpperTail(_ x: Double, degreesOfFreedom: Double) -> Double {
        GSLErrorHandling.disableAbort()
        return gsl_cdf_chisq_Q(x, degreesOfFreedom)
    }

    /// log Γ(x), for likelihoods with factorial terms.
    public static func logGamma(_ x: Double) -> Double {
        GSLErrorHandling.disableAbort()
        return gsl_sf_lngamma(x)
    }

    /// The exact (Garwood) interval for a Poisson mean from `count` events, at `confidence`.
    public static func poissonInterval(count: Int, confidence: Double = 0.95) -> (low: Double, high: Double) {
        let alpha = 1 - confidence
        let low = count == 0 ? 0 : chiSquaredQuantile(alpha / 2, degreesOfFreedom: 2 * Double(count)) / 2
        let high = chiSquaredQuantile(1 - alpha / 2, degreesOfFreedom: 2 * Double(count) + 2) / 2
        if low.isFinite && high.isFinite { return (low, high) }
        // GSL's inverse can fail far in the tail of a large count; there the square root of a
        // Poisson count is close to normal with variance 1/4.
        let z = normalQuantile(1 - alpha / 2), root = Double(count).squareRoot()
        return (low.isFinite ? low : max(0, root - z / 2) * max(0, root - z / 2), high.isFinite ? high : (root + z / 2 + 0.5) * (root + z / 2 + 0.5))
    }
}

extension StandardDistributions {
    /// The `p` quantile of a beta(a, b) distribution (for exact binomial intervals).
    public static func betaQuantile(_ p: Double, a: Double, b: Double) -> Double {
        GSLErrorHandling.disableAbort()
        return gsl_cdf_beta_Pinv(p, a, b)
    }
}
