/// How often a client in treatment is seen.
///
/// Slots recur on a therapist's grid: a weekly client holds their slot every week, a fortnightly
/// client every other week, so two fortnightly clients of opposite weeks share one slot. A
/// tapering client is seen weekly for their first sessions and fortnightly after, handing back
/// the other week's slot when they switch.
public enum Cadence: Sendable, Equatable {
    case weekly
    case fortnightly
    /// Weekly for the first `weeklyFor` attended sessions, then fortnightly.
    case tapering(weeklyFor: Int)

    /// Whether a client who has attended `attended` sessions is booked weekly when matched (again,
    /// after losing a therapist): a tapering client who has tapered stays fortnightly.
    public func isWeekly(afterAttended attended: Int) -> Bool {
        switch self {
        case .weekly: true
        case .fortnightly: false
        case .tapering(let n): attended < n
        }
    }

    /// Whether, after `attended` sessions, a client who started weekly now goes fortnightly.
    public func goesFortnightly(afterAttended attended: Int) -> Bool {
        if case .tapering(let n) = self { return attended == n }
        return false
    }

    /// The name used in scenario files and reports.
    public var name: String {
        switch self {
        case .weekly: "weekly"
        case .fortnightly: "fortnightly"
        case .tapering(let n): "weekly for \(n), then fortnightly"
        }
    }
}

/// The cadence of every client, or one per severity.
public struct CadencePlan: Sendable, Equatable {
    /// Cadence per severity index, in the severity mix's order.
    public var bySeverity: [Cadence]
    /// Used when a severity has no entry.
    public var other: Cadence

    public init(_ cadence: Cadence = .weekly) {
        bySeverity = []
        other = cadence
    }

    public init(bySeverity: [Cadence], other: Cadence = .weekly) {
        self.bySeverity = bySeverity
        self.other = other
    }

    public func cadence(severity: Int) -> Cadence { severity < bySeverity.count ? bySeverity[severity] : other }

    /// Whether any client is ever seen fortnightly: then therapists' grids span two weeks.
    public var usesFortnights: Bool { (bySeverity + [other]).contains { $0 != .weekly } }
}
