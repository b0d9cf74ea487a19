import CMemoryHints

/// Which therapists have room on which weekday, indexed so matching never scans every therapist.
///
/// Therapists of a group share proficiency, languages and modalities, so within a group match
/// quality depends only on experience. Each group keeps its members in order of experience (most
/// first) and, per weekday, the ranks of those with room that day (a `RankBitset`), so counting
/// and picking the k-th member cost O(log group), not O(group). The best fit in a group is the
/// first member over the weekdays in the wait window.
///
/// Therapists hired during a run wait in a short unsorted list, merged into the order in bulk,
/// so a hire does not cost a re-sort of the group.
///
/// It also keeps who can take a client now (`openMembers`: active, with room) and who could
/// once back (`awayMembers`: on leave or not yet started, with room), since whether a therapist
/// belongs there follows from the same room and status.
public struct AvailabilityIndex {
    private static let pendingLimit = 64

    /// Which of the member lists a therapist is in.
    enum Membership {
        case none, open, away
    }

    /// Where a therapist is in the index's orders: 8 bytes together, so a change of room that
    /// moves them in the weekday rows and in a member list reads one line, not two.
    struct Place {
        /// Position in the group's order, or -1 while pending.
        var rank: Int32 = -1
        /// Position in `openMembers` or `awayMembers` (as their room byte says); -1 in neither.
        var member: Int32 = -1
    }

    /// Per group: therapist ids, most experienced first (ties by id).
    private var order: [[Int32]]
    /// Per group: hires not yet merged into `order`.
    private var pending: [[Int32]]
    /// Per therapist, one byte: the weekdays (bits 0–6) on which they have room and are active,
    /// or bit 7 alone when they have room but are away; 0 with no room.
    ///
    /// Whether a refresh changes anything is read here alone. A byte a therapist (50 KB at 50,000
    /// therapists) stays in cache where wider per-therapist arrays miss: folding it into `places`
    /// made the benchmark at 50,000 therapists 4% slower.
    private var room: [UInt8] = []
    private var places: [Place] = []
    private var groupOf: [Int32] = []
    private var experience: [Double] = []
    /// Active therapists with room on some weekday, in the order they joined (a removal moves
    /// the last into its place).
    public private(set) var openMembers: [Int32] = []
    /// Therapists away (on leave or not yet started) with room on some weekday, ordered alike.
    public private(set) var awayMembers: [Int32] = []
    /// The same therapists by group, in no particular order: best-fit's scan of those away looks
    /// only at the groups that could beat the best active fit, usually a handful of members, where
    /// the whole list is hundreds at 50,000 therapists. Ties between them break by their place in
    /// `awayMembers` (`memberPosition(of:)`), as a scan of the whole list would.
    private var awayByGroup: [[Int32]]
    /// Ranks with room, by group · 7 + weekday.
    private var rows: [RankBitset]
    /// Pending members with room, by group · 7 + weekday: counting them walked the pending list
    /// at every match, up to 64 hires long at a large platform, where hires are frequent.
    private var pendingWithRoom: [Int32]
    /// Per group: the weekdays (bit w) on which some pending member has room.
    private var pendingRoomDays: [UInt8]
    /// Per group: rank limits already worked out (see `memoisedRankLimit`), forgotten whenever
    /// the group's order changes.
    private var rankLimitMemo: [RankLimitMemo]

    /// An empty index for `groups` therapist groups; `addRoster` fills it.
    public init(groups: Int) {
        order = Array(repeating: [], count: groups)
        awayByGroup = Array(repeating: [], count: groups)
        pending = Array(repeating: [], count: groups)
        rows = Array(repeating: RankBitset(), count: groups * 7)
        pendingWithRoom = Array(repeating: 0, count: groups * 7)
        pendingRoomDays = Array(repeating: 0, count: groups)
        rankLimitMemo = Array(repeating: RankLimitMemo(), count: groups)
    }

    /// Adds the starting roster at once: one sort per group.
    public mutating func addRoster(groups: [Int32], experiences: [Double]) {
        groupOf = groups
        experience = experiences
        room = Array(repeating: 0, count: groups.count)
        places = Array(repeating: Place(), count: groups.count)
        for g in order.indices {
            order[g] = (0..<groups.count).filter { groups[$0] == Int32(g) }.map(Int32.init)
            rebuild(g)
        }
    }

    /// Adds a therapist hired during the run.
    public mutating func add(_ t: Int, group g: Int, experience years: Double) {
        precondition(t == places.count, "therapists are added in order")
        room.append(0)
        places.append(Place())
        groupOf.append(Int32(g))
        experience.append(years)
        pending[g].append(Int32(t))
        if pending[g].count >= Self.pendingLimit {
            // The group is in order already: the sorted hires are merged in rather than the
            // whole group sorted again. The order is a strict total one (experience, then id),
            // so merging gives exactly what sorting would. Each hire's place is found by binary
            // search and the members between are copied in bulk: comparing every member read
            // its experience, a cache miss apiece at 40,000 members.
            let years = experience
            let before = Self.byExperience(years)
            let hires = pending[g].sorted(by: before)
            let members = order[g]
            var merged: [Int32] = []
            merged.reserveCapacity(members.count + hires.count)
            var from = 0
            for hire in hires {
                // The first member from `from` on that the hire comes before.
                var low = from, high = members.count
                while low < high {
                    let middle = (low + high) / 2
                    if before(hire, members[middle]) { high = middle } else { low = middle + 1 }
                }
                merged += members[from..<low]
                merged.append(hire)
                from = low
            }
            merged += members[from...]
            order[g] = merged
            pending[g] = []
            for w in 0..<7 { pendingWithRoom[g * 7 + w] = 0 }
            pendingRoomDays[g] = 0
            rebuild(g, sorted: true)
        }
    }

    /// Most experienced first, ties by id: the order of a group's members.
    private static func byExperience(_ years: [Double]) -> (Int32, Int32) -> Bool {
        { years[Int($0)] != years[Int($1)] ? years[Int($0)] > years[Int($1)] : $0 < $1 }
    }

    /// Sorts a group by experience (unless `sorted`) and rebuilds its rows from the members' room,
    /// all seven in one pass over the group.
    private mutating func rebuild(_ g: Int, sorted: Bool = false) {
        rankLimitMemo[g] = RankLimitMemo()
        if !sorted { order[g].sort(by: Self.byExperience(experience)) }
        let members = order[g]
        let wordCount = (members.count + 63) / 64
        var words = [[UInt64]](repeating: [UInt64](repeating: 0, count: wordCount), count: 7)
        // Members come in experience order, so their places and room bytes are read and written
        // at random: each is asked for a few members ahead, or at 40,000 members the loop waits
        // for one miss after another (a hire's merge rebuilds the group every 64 hires).
        let ahead = 16
        members.withUnsafeBufferPointer { members in
            places.withUnsafeMutableBufferPointer { places in
                room.withUnsafeBufferPointer { room in
                    for (i, t) in members.enumerated() {
                        if i + ahead < members.count {
                            let next = Int(members[i + ahead])
                            rapport_prefetch(places.baseAddress! + next)
                            rapport_prefetch(room.baseAddress! + next)
                        }
                        places[Int(t)].rank = Int32(i)
                        var days = room[Int(t)] & 0x7F
                        while days != 0 {
                            words[days.trailingZeroBitCount][i >> 6] |= 1 << UInt64(i & 63)
                            days &= days - 1
                        }
                    }
                }
            }
        }
        for w in 0..<7 { rows[g * 7 + w] = RankBitset(words: words[w]) }
    }

    /// Hints that `setAvailability(t, …)` is about to read therapist `t`'s place and group: two
    /// cache misses at a large platform (their room byte stays cached), asked for at once when
    /// a match has chosen `t`.
    @inline(__always)
    func prefetchMember(_ t: Int) {
        guard t >= 0 && t < places.count else { return }
        places.withUnsafeBufferPointer { rapport_prefetch($0.baseAddress! + t) }
        groupOf.withUnsafeBufferPointer { rapport_prefetch($0.baseAddress! + t) }
    }

    /// The weekdays (bit w) on which therapist `t` has room and is active, as last recorded.
    @inline(__always)
    public func roomDays(of t: Int) -> UInt8 {
        // One range check, not the array's second one: this runs at every arrival.
        room.withUnsafeBufferPointer { t >= 0 && t < $0.count ? $0[t] & 0x7F : 0 }
    }

    /// The therapists of group `g` away with room, in no particular order (see `awayByGroup`).
    public func awayMembers(inGroup g: Int) -> [Int32] { awayByGroup[g] }

    /// Where therapist `t` is in `awayMembers` (or `openMembers`, as their room says); −1 in neither.
    @inline(__always)
    public func memberPosition(of t: Int) -> Int { Int(places[t].member) }

    /// Records that active therapist `t` has room on the weekdays of `mask` (and none other).
    public mutating func setRoom(_ t: Int, weekdays mask: UInt8) {
        setAvailability(t, room: mask, active: true)
    }

    /// Records the weekdays (bits 0–6 of `weekdays`) on which therapist `t` has room, and whether
    /// they are active: only an active therapist's room is indexed by weekday; one with room joins
    /// `openMembers` if active, `awayMembers` if not.
    @inline(__always)
    public mutating func setAvailability(_ t: Int, room weekdays: UInt8, active: Bool) {
        let state: UInt8 = weekdays & 0x7F == 0 ? 0 : active ? weekdays & 0x7F : 0x80
        // Usually nothing changes (a booking that leaves room on the same weekdays, a day with
        // nobody booked or released): the room byte alone says so.
        let old = room[t]
        guard old != state else { return }
        changeAvailability(t, from: old, to: state)
    }

    /// The member list a room byte puts a therapist in.
    private static func membership(_ state: UInt8) -> Membership {
        state & 0x7F != 0 ? .open : state != 0 ? .away : .none
    }

    private mutating func changeAvailability(_ t: Int, from old: UInt8, to state: UInt8) {
        room[t] = state
        if old & 0x7F != state & 0x7F { changeRows(t, from: old & 0x7F, to: state & 0x7F) }
        let before = Self.membership(old), after = Self.membership(state)
        if before != after {
            if before != .none { leave(t, before) }
            if after != .none { join(t, after) }
        }
    }

    private mutating func join(_ t: Int, _ list: Membership) {
        places[t].member = Int32(list == .open ? openMembers.count : awayMembers.count)
        if list == .open {
            openMembers.append(Int32(t))
        } else {
            awayMembers.append(Int32(t))
            awayByGroup[Int(groupOf[t])].append(Int32(t))
        }
    }

    /// Takes `t` out of member list `list`: the list's last member takes its place.
    private mutating func leave(_ t: Int, _ list: Membership) {
        let at = Int(places[t].member)
        if list == .away {
            // A linear search: a group's away list is short, and therapists leave it only when
            // their status or room changes, far less often than the scan reads it.
            let g = Int(groupOf[t])
            if let i = awayByGroup[g].firstIndex(of: Int32(t)) {
                awayByGroup[g].swapAt(i, awayByGroup[g].count - 1)
                awayByGroup[g].removeLast()
            }
        }
        let last = list == .open ? openMembers.removeLast() : awayMembers.removeLast()
        if last != Int32(t) {
            if list == .open { openMembers[at] = last } else { awayMembers[at] = last }
            places[Int(last)].member = Int32(at)
        }
        places[t].member = -1
    }

    /// Moves `t` in or out of the weekday rows whose bits differ between `old` and `mask`.
    private mutating func changeRows(_ t: Int, from old: UInt8, to mask: UInt8) {
        let i = Int(places[t].rank)
        let g = Int(groupOf[t])
        let changed = old ^ mask
        for w in 0..<7 where changed & (1 << UInt8(w)) != 0 {
            let gains = mask & (1 << UInt8(w)) != 0
            if i < 0 {
                pendingWithRoom[g * 7 + w] += gains ? 1 : -1
                if pendingWithRoom[g * 7 + w] > 0 { pendingRoomDays[g] |= 1 << UInt8(w) } else { pendingRoomDays[g] &= ~(1 << UInt8(w)) }
            } else if gains {
                rows[g * 7 + w].insert(i)
            } else {
                rows[g * 7 + w].remove(i)
            }
        }
    }

    /// Members of group `g` with room on weekday `w`.
    public func count(_ g: Int, weekday w: Int) -> Int {
        rows[g * 7 + w].count + Int(pendingWithRoom[g * 7 + w])
    }

    /// Whether some member of group `g` has room on some weekday (`count` above 0 for one).
    @inline(__always)
    public func hasRoom(inGroup g: Int) -> Bool {
        (0..<7).contains { count(g, weekday: $0) > 0 }
    }

    /// The most experienced member of group `g` with room on any weekday in `weekdays`.
    public func mostExperienced(in g: Int, weekdays: UInt8) -> Int32? {
        var best: Int32?
        // The first word with anyone over the window's weekdays is the smallest of their rows'
        // first words, and the first set bit of the words there, merged, is the most experienced
        // member with room: no scan, whatever the group's size. Nothing is allocated: this runs
        // for every group at every best-fit match.
        var active: UInt8 = 0
        var first = Int.max
        for w in 0..<7 where weekdays & (1 << UInt8(w)) != 0 && rows[g * 7 + w].count > 0 {
            active |= 1 << UInt8(w)
            first = min(first, rows[g * 7 + w].firstWord)
        }
        if active != 0 {
            var merged: UInt64 = 0
            var days = active
            while days != 0 {
                merged |= rows[g * 7 + days.trailingZeroBitCount].word(first)
                days &= days - 1
            }
            best = order[g][first * 64 + merged.trailingZeroBitCount]
        }
        guard pendingRoomDays[g] & weekdays != 0 else { return best }
        for t in pending[g] where room[Int(t)] & weekdays != 0 {
            if best == nil || experience[Int(t)] > experience[Int(best!)] { best = t }
        }
        return best
    }

    /// How many members of group `g` with at least `years` of experience have room on weekday `w`.
    public func count(_ g: Int, weekday w: Int, experienceAtLeast years: Double) -> Int {
        count(g, weekday: w, rankLimit: rankLimit(in: g, experienceAtLeast: years), experienceAtLeast: years).total
    }

    /// The `k`-th (0-based) of those members: ranked ones in experience order, then pending ones.
    public func member(_ g: Int, weekday w: Int, experienceAtLeast years: Double, at k: Int) -> Int32? {
        let limit = rankLimit(in: g, experienceAtLeast: years)
        return member(g, weekday: w, ranked: count(g, weekday: w, rankLimit: limit, experienceAtLeast: years).ranked,
                      experienceAtLeast: years, at: k)
    }

    /// How many ranked members of group `g` have at least `years` of experience: the rank limit
    /// that `count(_:weekday:rankLimit:experienceAtLeast:)` takes, worked out once per match
    /// rather than once per weekday.
    public func rankLimit(in g: Int, experienceAtLeast years: Double) -> Int {
        var low = 0, high = order[g].count
        while low < high {
            let mid = (low + high) / 2
            if experience[Int(order[g][mid])] >= years { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// `rankLimit(in:experienceAtLeast:)`, remembered: a group's order changes only when hires are
    /// merged into it, and best-fit asks again and again for the few thresholds its severities
    /// need, each time a binary search over the group.
    public mutating func memoisedRankLimit(in g: Int, experienceAtLeast years: Double) -> Int {
        if let limit = rankLimitMemo[g].limit(for: years) { return limit }
        let limit = rankLimit(in: g, experienceAtLeast: years)
        rankLimitMemo[g].remember(limit, for: years)
        return limit
    }

    /// Members of group `g` with room on weekday `w` among the first `rankLimit` ranks (`ranked`),
    /// and with the eligible pending ones (`total`).
    public func count(_ g: Int, weekday w: Int, rankLimit: Int, experienceAtLeast years: Double) -> (ranked: Int, total: Int) {
        let ranked = rows[g * 7 + w].count(below: rankLimit)
        return (ranked, ranked + eligiblePendingCount(g, w, years))
    }

    /// The `k`-th (0-based) member counted by `count(_:weekday:rankLimit:experienceAtLeast:)`,
    /// given its `ranked`: ranked ones in experience order, then pending ones.
    ///
    /// Rows are read in place (a local copy of a row would retain its arrays) and nothing is
    /// allocated: this runs at every earliest-available and best-fit match.
    public func member(_ g: Int, weekday w: Int, ranked: Int, experienceAtLeast years: Double, at k: Int) -> Int32? {
        let r = g * 7 + w
        if k >= ranked {
            var skip = k - ranked
            for t in pending[g] where isEligiblePending(t, w, years) {
                if skip == 0 { return t }
                skip -= 1
            }
            return nil
        }
        return order[g][rows[r].select(k)]
    }

    /// Whether pending member `t` has room on weekday `w` and at least `years` of experience.
    private func isEligiblePending(_ t: Int32, _ w: Int, _ years: Double) -> Bool {
        room[Int(t)] & (1 << UInt8(w)) != 0 && experience[Int(t)] >= years
    }

    private func eligiblePendingCount(_ g: Int, _ w: Int, _ years: Double) -> Int {
        guard pendingWithRoom[g * 7 + w] > 0 else { return 0 }
        var n = 0
        for t in pending[g] where isEligiblePending(t, w, years) { n += 1 }
        return n
    }
}

/// The last four rank limits a group was asked for, by experience threshold.
struct RankLimitMemo {
    /// NaN equals no threshold, so empty entries never match.
    private var thresholds = SIMD4<Double>(repeating: .nan)
    private var limits = SIMD4<Int32>(repeating: 0)
    private var next = 0

    func limit(for years: Double) -> Int? {
        for i in 0..<4 where thresholds[i] == years { return Int(limits[i]) }
        return nil
    }

    /// Replaces the oldest entry.
    mutating func remember(_ limit: Int, for years: Double) {
        thresholds[next] = years
        limits[next] = Int32(limit)
        next = (next + 1) & 3
    }
}
