import CGSL

/// A weighted choice among `0..<count`, sampled in O(1) by GSL's Walker alias tables.
///
/// Owns its `gsl_ran_discrete_t` and frees it on deinit. Immutable once built, so one table
/// may be shared by every replication.
public final class DiscreteTable: @unchecked Sendable {
    @usableFromInline let table: UnsafeMutablePointer<gsl_ran_discrete_t>

    /// The weights the table was built from, normalised to sum to 1.
    public let probabilities: [Double]

    /// Builds a table from non-negative weights with a positive sum; nil otherwise.
    public init?(weights: [Double]) {
        GSLErrorHandling.disableAbort()
        let total = weights.reduce(0, +)
        guard !weights.isEmpty, total > 0, total.isFinite,
              weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return nil }
        guard let table = weights.withUnsafeBufferPointer({
            gsl_ran_discrete_preproc($0.count, $0.baseAddress)
        }) else { return nil }
        self.table = table
        self.probabilities = weights.map { $0 / total }
    }

    deinit { gsl_ran_discrete_free(table) }

    /// An index drawn with probability proportional to its weight.
    @inlinable public func sample(_ stream: RandomStream) -> Int {
        Int(gsl_ran_discrete(stream.generator, table))
    }
}
