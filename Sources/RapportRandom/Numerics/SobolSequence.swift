import CGSL

/// GSL's Sobol quasi-random sequence (`gsl_qrng_sobol`): points that fill the unit cube evenly,
/// so a few dozen simulations cover a parameter space better than as many random draws.
///
/// The sequence has no seed: the same dimension always gives the same points, which is what
/// makes a sharded design reproducible on any machine.
///
/// ```swift
/// let points = SobolSequence.points(count: 64, dimension: 2)   // 64 points in [0, 1)²
/// ```
public enum SobolSequence {
    /// The largest dimension GSL's Sobol generator supports.
    public static let maximumDimension = 40

    /// The first `count` points of the `dimension`-dimensional sequence, each in [0, 1)^dimension.
    public static func points(count: Int, dimension: Int) -> [[Double]] {
        precondition(dimension >= 1 && dimension <= maximumDimension, "Sobol dimension from 1 to \(maximumDimension)")
        guard count > 0 else { return [] }
        GSLErrorHandling.disableAbort()
        guard let generator = gsl_qrng_alloc(cgsl_sobol(), UInt32(dimension)) else {
            fatalError("GSL could not allocate a Sobol sequence (out of memory)")
        }
        defer { gsl_qrng_free(generator) }
        var point = [Double](repeating: 0, count: dimension)
        var out: [[Double]] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            gsl_qrng_get(generator, &point)
            out.append(point)
        }
        return out
    }
}
