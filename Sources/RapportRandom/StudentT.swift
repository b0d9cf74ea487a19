import CGSL

/// Quantiles of Student's t distribution, from GSL.
public enum StudentT {
    /// The `p` quantile of Student's t with `degreesOfFreedom` degrees of freedom.
    ///
    /// `StudentT.quantile(0.975, degreesOfFreedom: 19)` is about 2.093.
    public static func quantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        GSLErrorHandling.disableAbort()
        return gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
    }

    /// The two-sided p-value of a t statistic.
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom: Double) -> Double {
        GSLErrorHandling.disableAbort()
        return 2 * gsl_cdf_tdist_Q(abs(t), degreesOfFreedom)
    }
}
