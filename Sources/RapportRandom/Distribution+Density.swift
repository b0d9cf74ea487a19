import CGSL
import Foundation

/// Densities, distribution functions and quantiles of the continuous families, from GSL, for
/// fitting distributions to data and drawing Q–Q plots. They describe the unbounded family
/// (caps are the caller's business).
extension Distribution {
    /// Whether `logDensity`, `cdf` and `quantile` are available for this family.
    public var hasDensity: Bool {
        switch family {
        case .exponential, .gamma, .lognormal, .weibull, .normal, .uniform: return true
        default: return false
        }
    }

    /// The natural logarithm of the density at `x` (−∞ outside the support).
    public func logDensity(_ x: Double) -> Double {
        GSLErrorHandling.disableAbort()
        let p: Double
        switch family {
        case let .exponential(mean): p = gsl_ran_exponential_pdf(x, mean)
        case let .gamma(k, theta): p = gsl_ran_gamma_pdf(x, k, theta)
        case let .lognormal(mu, sigma): p = gsl_ran_lognormal_pdf(x, mu, sigma)
        case let .weibull(k, lambda): p = gsl_ran_weibull_pdf(x, lambda, k)
        case let .normal(mean, sd): p = gsl_ran_gaussian_pdf(x - mean, sd)
        case let .uniform(a, b): p = gsl_ran_flat_pdf(x, a, b)
        default: return .nan
        }
        return p > 0 ? log(p) : -.infinity
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        GSLErrorHandling.disableAbort()
        switch family {
        case let .exponential(mean): return x <= 0 ? 0 : gsl_cdf_exponential_P(x, mean)
        case let .gamma(k, theta): return x <= 0 ? 0 : gsl_cdf_gamma_P(x, k, theta)
        case let .lognormal(mu, sigma): return x <= 0 ? 0 : gsl_cdf_lognormal_P(x, mu, sigma)
        case let .weibull(k, lambda): return x <= 0 ? 0 : gsl_cdf_weibull_P(x, lambda, k)
        case let .normal(mean, sd): return gsl_cdf_gaussian_P(x - mean, sd)
        case let .uniform(a, b): return x <= a ? 0 : x >= b ? 1 : gsl_cdf_flat_P(x, a, b)
        default: return .nan
        }
    }

    /// P(X > x), computed directly so far tails keep their precision.
    public func survival(_ x: Double) -> Double {
        GSLErrorHandling.disableAbort()
        switch family {
        case let .exponential(mean): return x <= 0 ? 1 : gsl_cdf_exponential_Q(x, mean)
        case let .gamma(k, theta): return x <= 0 ? 1 : gsl_cdf_gamma_Q(x, k, theta)
        case let .lognormal(mu, sigma): return x <= 0 ? 1 : gsl_cdf_lognormal_Q(x, mu, sigma)
        case let .weibull(k, lambda): return x <= 0 ? 1 : gsl_cdf_weibull_Q(x, lambda, k)
        case let .normal(mean, sd): return gsl_cdf_gaussian_Q(x - mean, sd)
        case let .uniform(a, b): return x <= a ? 1 : x >= b ? 0 : gsl_cdf_flat_Q(x, a, b)
        default: return .nan
        }
    }

    /// The `p` quantile, 0 < p < 1.
    public func quantile(_ p: Double) -> Double {
        GSLErrorHandling.disableAbort()
        switch family {
        case let .exponential(mean): return gsl_cdf_exponential_Pinv(p, mean)
        case let .gamma(k, theta): return gsl_cdf_gamma_Pinv(p, k, theta)
        case let .lognormal(mu, sigma): return gsl_cdf_lognormal_Pinv(p, mu, sigma)
        case let .weibull(k, lambda): return gsl_cdf_weibull_Pinv(p, lambda, k)
        case let .normal(mean, sd): return mean + gsl_cdf_gaussian_Pinv(p, sd)
        case let .uniform(a, b): return gsl_cdf_flat_Pinv(p, a, b)
        default: return .nan
        }
    }
}
