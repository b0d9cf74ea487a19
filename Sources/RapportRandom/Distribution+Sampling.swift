import CGSL

extension Distribution {
    /// One draw from `stream`.
    @inlinable
    public func sample(_ stream: RandomStream) -> Double {
        let rng = stream.generator
        let draw: Double
        switch family {
        case let .constant(v): draw = v
        case let .exponential(mean): draw = gsl_ran_exponential(rng, mean)
        case let .gamma(k, theta): draw = gsl_ran_gamma(rng, k, theta)
        // exp of a GSL ziggurat normal: what gsl_ran_lognormal computes, without its polar method's
        // 2.5 uniforms, logarithm and square root a draw.
        case let .lognormal(mu, sigma): draw = exp(mu + gsl_ran_gaussian_ziggurat(rng, sigma))
        case let .weibull(k, lambda): draw = gsl_ran_weibull(rng, lambda, k)
        case let .normal(mean, sd): return truncatedNormal(rng, mean: mean, sd: sd)
        case let .uniform(a, b): draw = a == b ? a : gsl_ran_flat(rng, a, b)
        case let .triangular(a, c, b): draw = Self.triangularInverse(gsl_rng_uniform(rng), a, c, b)
        case let .poisson(mean): draw = Double(gsl_ran_poisson(rng, mean))
        case let .negativeBinomial(p, n): draw = Double(gsl_ran_negative_binomial(rng, p, n))
        case let .beta(a, b): draw = gsl_ran_beta(rng, a, b)
        case let .empirical(values, table): draw = values[Int(gsl_ran_discrete(rng, table.table))]
        }
        return Swift.min(Swift.max(draw, lowerBound), upperBound)
    }

    /// The mean when this is an exponential without bounds, else nil. A hot loop can then draw
    /// with `RandomStream.exponential(mean:)`: the same GSL call and the same number as `sample`
    /// (whose clamp to infinite bounds changes nothing), without the switch over families.
    public var unboundedExponentialMean: Double? {
        guard case let .exponential(mean) = family, lowerBound == -.infinity, upperBound == .infinity else { return nil }
        return mean
    }

    @usableFromInline
    func truncatedNormal(_ rng: UnsafeMutablePointer<gsl_rng>, mean: Double, sd: Double) -> Double {
        // The factory refuses windows more than 6 sd away, so this ends quickly; the cap on
        // attempts only guards against a pathological window and then clamps.
        for _ in 0..<10_000 {
            let x = mean + gsl_ran_gaussian_ziggurat(rng, sd)
            if x >= lowerBound && x <= upperBound { return x }
        }
        return Swift.min(Swift.max(mean, lowerBound), upperBound)
    }

    /// GSL has no triangular sampler; invert its CDF at a GSL uniform.
    @usableFromInline
    static func triangularInverse(_ u: Double, _ a: Double, _ c: Double, _ b: Double) -> Double {
        let split = (c - a) / (b - a)
        if u < split { return a + ((b - a) * (c - a) * u).squareRoot() }
        return b - ((b - a) * (b - c) * (1 - u)).squareRoot()
    }
}
