/// MSER-5: where to truncate a warm-up so the rest of a series is least disturbed by its start.
///
/// The series is averaged in batches of five; the truncation d (in batches) minimises the
/// variance of the remaining batch means divided by their count squared, searched over the first
/// half so at least half the run remains (White 1997; Franklin & White 2008).
public enum MSER {
    /// Points of `series` to discard (a multiple of `batch`), or 0 when the series is too short.
    public static func truncation(_ series: [Double], batch: Int = 5) -> Int {
        let batches = stride(from: 0, to: series.count - batch + 1, by: batch).map { start in
            series[start..<(start + batch)].reduce(0, +) / Double(batch)
        }
        guard batches.count >= 4 else { return 0 }
        var best = (d: 0, value: Double.infinity)
        for d in 0...(batches.count / 2) {
            let rest = batches[d...]
            let n = Double(rest.count)
            let mean = rest.reduce(0, +) / n
            let value = rest.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n * n)
            if value < best.value { best = (d, value) }
        }
        return best.d * batch
    }
}
