/// What one replication measured: scalar metrics, weekly series and distributions.
///
/// NaN marks a metric that is undefined in this replication (no client started, say); reports
/// show it as null.
public struct ReplicationResult: Sendable, Equatable {
    /// Scalar metrics by name, units in the name (`wait_days_mean`), shares as fractions.
    public var metrics: [String: Double] = [:]
    /// Weekly series by name, one value per week after the warm-up.
    public var series: [String: [Double]] = [:]
    /// Distributions by name: values per bin, with bin edges in `distributionEdges`.
    public var distributions: [String: [Double]] = [:]
    /// Bin edges (or x positions for a CDF) of each distribution.
    public var distributionEdges: [String: [Double]] = [:]
    /// Events handled by the kernel.
    public var events = 0
    /// Warnings a person should see, such as a waitlist that grows without bound.
    public var warnings: [String] = []

    public init() {}
}
