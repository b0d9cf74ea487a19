import Foundation

/// Durations and rates written the way people write them: `50m`, `3d`, `6w`, `110/week`.
public enum Units {
    private static let dayUnits: [(names: [String], days: Double)] = [
        (["m", "min", "mins", "minute", "minutes"], 1.0 / 1440),
        (["h", "hr", "hrs", "hour", "hours"], 1.0 / 24),
        (["d", "day", "days"], 1),
        (["w", "wk", "week", "weeks"], 7),
        (["mo", "month", "months"], 365.0 / 12),
        (["y", "yr", "year", "years"], 365),
    ]

    /// Days in one `unit`, or nil for an unknown unit.
    public static func daysPerUnit(_ unit: String) -> Double? {
        let u = unit.lowercased()
        return dayUnits.first { $0.names.contains(u) }?.days
    }

    /// Parses `14d`, `6 w`, `50m` into days; nil without a known unit.
    public static func days(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        guard let split = trimmed.firstIndex(where: { $0.isLetter }) else { return nil }
        let number = trimmed[..<split].trimmingWhitespace()
        guard let value = Double(number), value.isFinite, let unit = daysPerUnit(String(trimmed[split...])) else { return nil }
        return value * unit
    }

    /// Parses `110/week`, `8/hour`, `20/d` into events per day.
    public static func perDay(_ text: String) -> Double? {
        let parts = text.split(separator: "/", maxSplits: 1).map { $0.trimmingWhitespace() }
        guard parts.count == 2, let count = Double(parts[0]), count.isFinite else { return nil }
        let per = parts[1]
        if let unit = daysPerUnit(per) { return count / unit }
        if let span = days(per), span > 0 { return count / span }
        return nil
    }

    /// A number as a person would write it: no trailing `.0`.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Days written with the largest unit that divides them evenly.
    public static func formatDays(_ days: Double) -> String {
        if days >= 7, (days / 7).rounded() == days / 7 { return "\(format(days / 7))w" }
        if days >= 1 || days == 0 { return "\(format((days * 1000).rounded() / 1000))d" }
        let hours = days * 24
        if hours >= 1 { return "\(format((hours * 1000).rounded() / 1000))h" }
        return "\(format((days * 1440 * 1000).rounded() / 1000))m"
    }
}
