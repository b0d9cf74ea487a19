/// The therapists the day loop walks, in index order: everyone who has not departed, and those
/// who departed since the roster was last tidied (the loop skips them as it always has).
///
/// Departures are dropped in bulk, once they are a thirty-second of the roster: a walk in progress
/// is never changed under it, and tidying, one pass over the roster, stays rare. Hires join at the
/// end, which keeps the order: a hire's index is above everyone's before.
public struct Roster {
    public private(set) var members: [Int32] = []
    /// Departed since the last tidying.
    private var departed: [Int32] = []

    /// An empty roster.
    public init() {}

    /// Adds therapist `t`, hired after everyone in the roster.
    public mutating func add(_ t: Int) {
        precondition(members.last.map { Int($0) < t } ?? true, "therapists join in index order")
        members.append(Int32(t))
    }

    /// Notes that therapist `t` (a member) has departed.
    public mutating func depart(_ t: Int) { departed.append(Int32(t)) }

    /// Takes the departed out of `members`, keeping the rest in order, once they are a
    /// thirty-second of it (and then all of them).
    public mutating func dropDepartures() {
        guard departed.count > 0, departed.count * 32 >= members.count else { return }
        departed.sort()
        var kept = 0, next = 0
        for member in members {
            while next < departed.count && departed[next] < member { next += 1 }
            if next < departed.count && departed[next] == member { continue }
            members[kept] = member
            kept += 1
        }
        members.removeLast(members.count - kept)
        departed.removeAll(keepingCapacity: true)
    }
}
