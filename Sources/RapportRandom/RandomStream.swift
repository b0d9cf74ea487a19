import CGSL

/// One named stream of random numbers, backed by its own GSL Mersenne Twister.
///
/// Every purpose in a model (arrivals, client attributes, sessions, …) owns one stream, so that
/// changing how one part of the model draws never shifts the numbers another part sees. This is
/// what lets two policy variants share common random numbers.
///
/// ```swift
/// let arrivals = RandomStream(seed: 42, replication: 0, name: "arrivals")
/// let gap = arrivals.exponential(mean: 2.0)
/// ```
///
/// A stream is not thread-safe; each replication creates its own.
public final class RandomStream {
    @usableFromInline let generator: UnsafeMutablePointer<gsl_rng>

    /// The stream's name, as used to derive its seed.
    public let name: String

    /// Creates the stream `name` for `replication` of a run seeded with `seed`.
    public init(seed: UInt64, replication: Int, name: String) {
        GSLErrorHandling.disableAbort()
        // gsl_rng_alloc only fails when out of memory, where nothing sensible can continue.
        guard let generator = gsl_rng_alloc(cgsl_mt19937()) else {
            fatalError("GSL could not allocate a random number generator (out of memory)")
        }
        self.generator = generator
        self.name = name
        let derived = StreamSeed.derive(seed: seed, replication: replication, name: name)
        // mt19937 uses 32 bits of its seed; fold the high half in rather than dropping it.
        gsl_rng_set(generator, UInt(truncatingIfNeeded: (derived ^ (derived >> 32)) & 0xFFFF_FFFF))
    }

    deinit { gsl_rng_free(generator) }

    /// A uniform draw from [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// A uniform draw from (0, 1), never exactly zero.
    @inlinable public func uniformPositive() -> Double { gsl_rng_uniform_pos(generator) }

    /// A uniform draw from [low, high).
    @inlinable public func uniform(_ low: Double, _ high: Double) -> Double {
        gsl_ran_flat(generator, low, high)
    }

    /// An exponential draw with the given mean.
    @inlinable public func exponential(mean: Double) -> Double { gsl_ran_exponential(generator, mean) }

    /// A normal draw with the given mean and standard deviation.
    @inlinable public func normal(mean: Double, sd: Double) -> Double {
        mean + gsl_ran_gaussian_ziggurat(generator, sd)
    }

    /// A geometric draw: the number of trials up to and including the first success when each
    /// succeeds with probability `p` (1, 2, 3, …; mean 1/p).
    @inlinable public func geometric(p: Double) -> Int { Int(gsl_ran_geometric(generator, p)) }

    /// A pair of correlated normal draws with means zero, standard deviations `sdX` and `sdY`, and
    /// correlation `rho`.
    @inlinable public func bivariateNormal(sdX: Double, sdY: Double, rho: Double) -> (x: Double, y: Double) {
        var x = 0.0, y = 0.0
        gsl_ran_bivariate_gaussian(generator, sdX, sdY, rho, &x, &y)
        return (x, y)
    }

    /// True with probability `p`.
    @inlinable public func bernoulli(_ p: Double) -> Bool { gsl_rng_uniform(generator) < p }

    /// A uniform integer from 0 to `count - 1`.
    @inlinable public func index(below count: Int) -> Int {
        Int(gsl_rng_uniform_int(generator, UInt(max(count, 1))))
    }
}
