import Foundation

/// A probability distribution a scenario can name, sampled by GSL.
///
/// Values are in the caller's unit: a patience distribution holds days, a sessions-needed
/// distribution holds sessions. Construct with the static factories, which refuse impossible
/// parameters with a message a person can act on:
///
/// ```swift
/// let patience = try Distribution.exponential(mean: 100)
/// let sessions = try Distribution.lognormal(median: 8, sigma: 1).capped(atMost: 26)
/// ```
public struct Distribution: Sendable, Equatable {
    /// The family and its parameters.
    public enum Family: Sendable, Equatable {
        case constant(Double)
        case exponential(mean: Double)
        case gamma(shape: Double, scale: Double)
        case lognormal(mu: Double, sigma: Double)
        case weibull(shape: Double, scale: Double)
        case normal(mean: Double, sd: Double)
        case uniform(min: Double, max: Double)
        case triangular(min: Double, mode: Double, max: Double)
        case poisson(mean: Double)
        case negativeBinomial(p: Double, n: Double)
        case beta(a: Double, b: Double)
        case empirical(values: [Double], table: DiscreteTable)

        public static func == (lhs: Family, rhs: Family) -> Bool {
            switch (lhs, rhs) {
            case let (.empirical(a, t), .empirical(b, u)): return a == b && t.probabilities == u.probabilities
            case (.empirical, _), (_, .empirical): return false
            default: return String(describing: lhs) == String(describing: rhs)
            }
        }
    }

    /// The family and its parameters.
    public let family: Family
    /// Draws below this are raised to it (a normal is truncated here instead).
    public private(set) var lowerBound: Double = -.infinity
    /// Draws above this are lowered to it (a normal is truncated here instead).
    public private(set) var upperBound: Double = .infinity

    init(_ family: Family) { self.family = family }

    /// Why a distribution cannot be built from the given parameters.
    public struct ParameterError: Error, Equatable, CustomStringConvertible {
        /// A sentence saying what was expected and what was found.
        public let description: String
        public init(_ description: String) { self.description = description }
    }
}

// MARK: - Factories that check their parameters

extension Distribution {
    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw ParameterError(message()) }
    }

    private static func finite(_ values: Double...) -> Bool { values.allSatisfy(\.isFinite) }

    /// Always `value`.
    public static func constant(_ value: Double) throws -> Distribution {
        try require(finite(value), "constant value must be finite (got \(value))")
        return Distribution(.constant(value))
    }

    /// Exponential with the given mean (> 0).
    public static func exponential(mean: Double) throws -> Distribution {
        try require(finite(mean) && mean > 0, "exponential mean must be > 0 (got \(fmt(mean)))")
        return Distribution(.exponential(mean: mean))
    }

    /// Gamma with shape k > 0 and scale θ > 0 (mean kθ).
    public static func gamma(shape: Double, scale: Double) throws -> Distribution {
        try require(finite(shape) && shape > 0, "gamma shape must be > 0 (got \(fmt(shape)))")
        try require(finite(scale) && scale > 0, "gamma scale must be > 0 (got \(fmt(scale)))")
        return Distribution(.gamma(shape: shape, scale: scale))
    }

    /// Lognormal whose median is `median` and whose logarithm has standard deviation `sigma`.
    public static func lognormal(median: Double, sigma: Double) throws -> Distribution {
        try require(finite(median) && median > 0, "lognormal median must be > 0 (got \(fmt(median)))")
        try require(finite(sigma) && sigma >= 0, "lognormal sigma must be >= 0 (got \(fmt(sigma)))")
        return Distribution(.lognormal(mu: log(median), sigma: sigma))
    }

    /// Lognormal with the given mean and standard deviation on the natural scale.
    public static func lognormal(mean: Double, sd: Double) throws -> Distribution {
        try require(finite(mean) && mean > 0, "lognormal mean must be > 0 (got \(fmt(mean)))")
        try require(finite(sd) && sd >= 0, "lognormal sd must be >= 0 (got \(fmt(sd)))")
        let sigma2 = log(1 + (sd * sd) / (mean * mean))
        return Distribution(.lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot()))
    }

    /// Weibull with shape k > 0 and scale λ > 0.
    public static func weibull(shape: Double, scale: Double) throws -> Distribution {
        try require(finite(shape) && shape > 0, "weibull shape must be > 0 (got \(fmt(shape)))")
        try require(finite(scale) && scale > 0, "weibull scale must be > 0 (got \(fmt(scale)))")
        return Distribution(.weibull(shape: shape, scale: scale))
    }

    /// Normal, optionally truncated to [min, max] by redrawing.
    public static func normal(mean: Double, sd: Double, min: Double = -.infinity,
                              max: Double = .infinity) throws -> Distribution {
        try require(finite(mean), "normal mean must be finite (got \(fmt(mean)))")
        try require(finite(sd) && sd >= 0, "normal sd must be >= 0 (got \(fmt(sd)))")
        try require(min < max, "normal min must be below max (got min \(fmt(min)), max \(fmt(max)))")
        // Redrawing from a window many standard deviations from the mean would almost never end.
        let zLow = (min - mean) / Swift.max(sd, .leastNonzeroMagnitude)
        let zHigh = (max - mean) / Swift.max(sd, .leastNonzeroMagnitude)
        try require(zHigh > -6 && zLow < 6,
                    "normal range [\(fmt(min)), \(fmt(max))] lies more than 6 sd from the mean \(fmt(mean))")
        var result = Distribution(.normal(mean: mean, sd: sd))
        result.lowerBound = min
        result.upperBound = max
        return result
    }

    /// Uniform on [min, max).
    public static func uniform(min: Double, max: Double) throws -> Distribution {
        try require(finite(min, max) && min <= max, "uniform needs min <= max (got \(fmt(min)), \(fmt(max)))")
        return Distribution(.uniform(min: min, max: max))
    }

    /// Triangular on [min, max] with its peak at `mode`.
    public static func triangular(min: Double, mode: Double, max: Double) throws -> Distribution {
        try require(finite(min, mode, max) && min <= mode && mode <= max && min < max,
                    "triangular needs min <= mode <= max and min < max (got \(fmt(min)), \(fmt(mode)), \(fmt(max)))")
        return Distribution(.triangular(min: min, mode: mode, max: max))
    }

    /// Poisson with the given mean (>= 0).
    public static func poisson(mean: Double) throws -> Distribution {
        try require(finite(mean) && mean >= 0 && mean < 1e9, "poisson mean must be in [0, 1e9) (got \(fmt(mean)))")
        return Distribution(.poisson(mean: mean))
    }

    /// Negative binomial: failures before the n-th success, each trial succeeding with probability p.
    public static func negativeBinomial(p: Double, n: Double) throws -> Distribution {
        try require(finite(p) && p > 0 && p <= 1, "negative_binomial p must be in (0, 1] (got \(fmt(p)))")
        try require(finite(n) && n > 0, "negative_binomial n must be > 0 (got \(fmt(n)))")
        return Distribution(.negativeBinomial(p: p, n: n))
    }

    /// Negative binomial by its mean and dispersion (variance = mean + mean²/dispersion).
    public static func negativeBinomial(mean: Double, dispersion: Double) throws -> Distribution {
        try require(finite(mean) && mean > 0, "negative_binomial mean must be > 0 (got \(fmt(mean)))")
        try require(finite(dispersion) && dispersion > 0,
                    "negative_binomial dispersion must be > 0 (got \(fmt(dispersion)))")
        return try negativeBinomial(p: dispersion / (dispersion + mean), n: dispersion)
    }

    /// Beta with shapes a > 0 and b > 0, on [0, 1].
    public static func beta(a: Double, b: Double) throws -> Distribution {
        try require(finite(a) && a > 0, "beta a must be > 0 (got \(fmt(a)))")
        try require(finite(b) && b > 0, "beta b must be > 0 (got \(fmt(b)))")
        return Distribution(.beta(a: a, b: b))
    }

    /// One of `values`, chosen with probability proportional to `weights`.
    public static func empirical(values: [Double], weights: [Double]) throws -> Distribution {
        try require(!values.isEmpty, "empirical needs at least one value")
        try require(values.count == weights.count,
                    "empirical needs one weight per value (got \(values.count) values, \(weights.count) weights)")
        try require(values.allSatisfy(\.isFinite), "empirical values must be finite")
        try require(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "empirical weights must be >= 0")
        guard let table = DiscreteTable(weights: weights) else {
            throw ParameterError("empirical weights must have a positive sum")
        }
        return Distribution(.empirical(values: values, table: table))
    }

    /// The same distribution with draws clamped to at most `upper` (and at least `lower`).
    public func capped(atLeast lower: Double = -.infinity, atMost upper: Double = .infinity) throws -> Distribution {
        try Self.require(lower <= upper, "min must not exceed max (got min \(fmt(lower)), max \(fmt(upper)))")
        var copy = self
        copy.lowerBound = Swift.max(lowerBound, lower)
        copy.upperBound = Swift.min(upperBound, upper)
        return copy
    }
}

// MARK: - Moments

extension Distribution {
    /// The mean of the unbounded family, used for capacity checks and reports.
    public var mean: Double {
        switch family {
        case let .constant(v): return v
        case let .exponential(m): return m
        case let .gamma(k, theta): return k * theta
        case let .lognormal(mu, sigma): return exp(mu + sigma * sigma / 2)
        case let .weibull(k, lambda): return lambda * tgamma(1 + 1 / k)
        case let .normal(m, _): return m
        case let .uniform(a, b): return (a + b) / 2
        case let .triangular(a, c, b): return (a + b + c) / 3
        case let .poisson(m): return m
        case let .negativeBinomial(p, n): return n * (1 - p) / p
        case let .beta(a, b): return a / (a + b)
        case let .empirical(values, table):
            return zip(values, table.probabilities).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    /// The smallest value a draw can take, after bounds.
    public var minimum: Double {
        let natural: Double
        switch family {
        case let .constant(v): natural = v
        case .exponential, .gamma, .lognormal, .weibull, .poisson, .negativeBinomial, .beta: natural = 0
        case .normal: natural = -.infinity
        case let .uniform(a, _): natural = a
        case let .triangular(a, _, _): natural = a
        case let .empirical(values, _): natural = values.min() ?? 0
        }
        return Swift.min(Swift.max(natural, lowerBound), upperBound)
    }

    /// The largest value a draw can take, after bounds.
    public var maximum: Double {
        let natural: Double
        switch family {
        case let .constant(v): natural = v
        case .exponential, .gamma, .lognormal, .weibull, .poisson, .negativeBinomial, .normal: natural = .infinity
        case let .uniform(_, b): natural = b
        case let .triangular(_, _, b): natural = b
        case .beta: natural = 1
        case let .empirical(values, _): natural = values.max() ?? 0
        }
        return Swift.max(Swift.min(natural, upperBound), lowerBound)
    }
}

func fmt(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}
