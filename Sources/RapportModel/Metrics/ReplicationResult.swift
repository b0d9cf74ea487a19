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

/// The metric names a run reports, in report order.
public enum MetricCatalog {
    /// Every scalar metric, grouped as in MODEL.md.
    public static let all: [String] = [
        // access
        "clients_arrived", "wait_days_mean", "wait_days_p50", "wait_days_p90", "wait_days_p95",
        "waited_share", "seen_within_6_weeks_share", "seen_within_18_weeks_share", "abandoned_share",
        "waitlist_mean",
        // match
        "match_quality_mean", "well_matched_share", "no_feasible_therapist_share", "rematched_share",
        // clients
        "dropout_share", "completed_share", "returned_after_first_share", "sessions_per_client_mean",
        "completer_sessions_mean",
        // therapists
        "utilisation", "sessions_per_therapist_day_mean", "sessions_per_therapist_day_p90",
        "burnout_risk_share", "ever_burned_out_share", "exhaustion_mean", "sick_days_per_fte_year",
        "quits_per_fte_year", "vacancy_days", "headcount_end",
        // platform
        "sessions_delivered", "completed_per_fte_year",
    ]

    /// Whether a larger value of `metric` is better, for headlines and verdicts; nil when neutral.
    public static func higherIsBetter(_ metric: String) -> Bool? {
        switch metric {
        case "match_quality_mean", "well_matched_share", "completed_share", "returned_after_first_share",
             "seen_within_6_weeks_share", "seen_within_18_weeks_share", "sessions_delivered",
             "completed_per_fte_year", "headcount_end":
            return true
        case "clients_arrived", "utilisation", "sessions_per_therapist_day_mean",
             "sessions_per_therapist_day_p90", "sessions_per_client_mean", "completer_sessions_mean":
            return nil
        default:
            return false
        }
    }
}
