import Foundation
import RapportModel

/// Whether a monitored weekly series was still moving at the end of the run.
///
/// A result read at a horizon where exhaustion or the waitlist is still climbing depends on the
/// horizon: a longer run would report more burnout or longer waits. For each monitored series,
/// each replication's mean over the last 13 weeks is paired with its mean over the same 13 weeks a
/// year earlier, so seasonal demand (a January surge) does not read as a trend; runs measured for
/// less than 65 weeks compare their last two quarters instead. When the 95% interval of the change
/// excludes zero and the change is more than 5% of the level (and more than a trivial absolute
/// amount), the report says so.
public enum SeriesTrend {
    /// The series watched, with the smallest absolute change that matters for each.
    public static let monitored: [(series: String, words: String, minimumChange: Double)] = [
        ("exhaustion_mean", "mean exhaustion", 0.5),
        ("burned_out_share", "the share of therapists burned out", 0.01),
        ("waitlist", "the waitlist", 2),
    ]

    /// Warnings for the series still trending at the horizon, over one variant's replications.
    public static func warnings(_ replications: [ReplicationResult]) -> [String] {
        guard replications.count >= 2 else { return [] }
        var result: [String] = []
        for (name, words, minimum) in monitored {
            let runs = replications.compactMap { $0.series[name] }
            guard runs.count == replications.count, let weeks = runs.map(\.count).min(), weeks >= 8 else { continue }
            let window = weeks >= 65 ? 13 : weeks / 4
            let gap = weeks >= 65 ? 52 : window
            let span = weeks >= 65 ? "the same 13 weeks a year apart" : "the last two quarters of the measured period"
            func mean(_ run: [Double], _ range: Range<Int>) -> Double {
                let values = run[range].filter { !$0.isNaN }
                return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
            }
            let earlier = runs.map { mean($0, (weeks - window - gap)..<(weeks - gap)) }
            let later = runs.map { mean($0, (weeks - window)..<weeks) }
            let change = Summary(values: zip(later, earlier).map { $0 - $1 })
            let level = Summary(values: earlier).mean
            guard let low = change.ciLow, let high = change.ciHigh, change.mean.isFinite, level.isFinite else { continue }
            let beyondNoise = low > 0 || high < 0
            let material = abs(change.mean) > max(minimum, 0.05 * abs(level))
            guard beyondNoise, material else { continue }
            let direction = change.mean > 0 ? "rising" : "falling"
            result.append("\(words) was still \(direction) at the end of the run (\(format(level)) → \(format(level + change.mean)) between \(span)): results depend on the horizon; a longer run or warm-up would change them")
        }
        return result
    }

    private static func format(_ value: Double) -> String {
        abs(value) < 1 ? String(format: "%.3f", value) : String(format: "%.1f", value)
    }
}
