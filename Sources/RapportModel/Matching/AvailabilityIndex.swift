/// Which therapists have room on which weekday, indexed so matching never scans every therapist.
///
/// Therapists of a group share proficiency, languages and modalities, so within a group match
/// quality depends only on experience. Each group keeps its members in order of experience (most
/// first) and, per weekday, a bitset of those with room that day. Finding the best fit in a group
/// is then the first set bit of the weekdays in the wait window: O(group / 64) at worst, and
/// usually a word or two.
struct AvailabilityIndex {
    /// Per group: therapist ids, most experienced first (ties by id).
    private(set) var order: [[Int32]]
    /// Per therapist: position in its group's order.
    private var rank: [Int32] = []
    private var groupOf: [Int32] = []
    /// Per therapist: weekdays (bit w) on which they have room.
    private var roomMask: [UInt8] = []
    /// [group][weekday] → bitset over ranks.
    private var bits: [[[UInt64]]]
    /// [group][weekday] → number of set bits.
    private(set) var counts: [[Int]]

    init(groups: Int) {
        order = Array(repeating: [], count: groups)
        bits = Array(repeating: Array(repeating: [], count: 7), count: groups)
        counts = Array(repeating: Array(repeating: 0, count: 7), count: groups)
    }

    /// Adds therapist `t` of `group`, placing them by experience.
    mutating func add(_ t: Int, group: Int, experience: Double, experiences: [Double]) {
        if rank.count <= t {
            let grow = t - rank.count + 1
            rank.append(contentsOf: repeatElement(-1, count: grow))
            groupOf.append(contentsOf: repeatElement(-1, count: grow))
            roomMask.append(contentsOf: repeatElement(0, count: grow))
        }
        groupOf[t] = Int32(group)
        var members = order[group]
        // Binary search for the first member less experienced than t (ids break ties: t is newest).
        var low = 0, high = members.count
        while low < high {
            let mid = (low + high) / 2
            if experiences[Int(members[mid])] >= experience { low = mid + 1 } else { high = mid }
        }
        members.insert(Int32(t), at: low)
        order[group] = members
        for i in low..<members.count { rank[Int(members[i])] = Int32(i) }
        rebuildBits(group)
    }

    private mutating func rebuildBits(_ g: Int) {
        let words = (order[g].count + 63) / 64
        for w in 0..<7 {
            bits[g][w] = Array(repeating: 0, count: words)
            counts[g][w] = 0
        }
        for (i, t) in order[g].enumerated() {
            let mask = roomMask[Int(t)]
            guard mask != 0 else { continue }
            for w in 0..<7 where mask & (1 << UInt8(w)) != 0 {
                bits[g][w][i >> 6] |= 1 << UInt64(i & 63)
                counts[g][w] += 1
            }
        }
    }

    /// Records on which weekdays therapist `t` has room.
    mutating func setRoom(_ t: Int, weekdays mask: UInt8) {
        let old = roomMask[t]
        guard old != mask else { return }
        roomMask[t] = mask
        let g = Int(groupOf[t]), i = Int(rank[t])
        let changed = old ^ mask
        for w in 0..<7 where changed & (1 << UInt8(w)) != 0 {
            if mask & (1 << UInt8(w)) != 0 {
                bits[g][w][i >> 6] |= 1 << UInt64(i & 63)
                counts[g][w] += 1
            } else {
                bits[g][w][i >> 6] &= ~(1 << UInt64(i & 63))
                counts[g][w] -= 1
            }
        }
    }

    /// Weekdays on which therapist `t` has room.
    func room(_ t: Int) -> UInt8 { roomMask[t] }

    /// The most experienced member of group `g` with room on any weekday in `weekdays`.
    func mostExperienced(in g: Int, weekdays: UInt8) -> Int32? {
        let rows = (0..<7).filter { weekdays & (1 << UInt8($0)) != 0 && counts[g][$0] > 0 }
        guard !rows.isEmpty else { return nil }
        let words = bits[g][0].count
        for word in 0..<words {
            var merged: UInt64 = 0
            for w in rows { merged |= bits[g][w][word] }
            if merged != 0 { return order[g][word * 64 + merged.trailingZeroBitCount] }
        }
        return nil
    }

    /// How many members of group `g` have room on weekday `w` among the first `limit` in
    /// experience order.
    func count(in g: Int, weekday w: Int, limit: Int) -> Int {
        var n = 0
        let row = bits[g][w]
        let fullWords = min(row.count, limit / 64)
        for word in 0..<fullWords { n += row[word].nonzeroBitCount }
        if fullWords < row.count, limit % 64 != 0 {
            n += (row[fullWords] & ((1 << UInt64(limit % 64)) - 1)).nonzeroBitCount
        }
        return n
    }

    /// How many members of group `g` have at least `years` of experience.
    func membersWithExperience(atLeast years: Double, in g: Int, experiences: [Double]) -> Int {
        var low = 0, high = order[g].count
        while low < high {
            let mid = (low + high) / 2
            if experiences[Int(order[g][mid])] >= years { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The `k`-th (0-based) member of group `g` with room on weekday `w`, in experience order.
    func member(in g: Int, weekday w: Int, at k: Int) -> Int32? {
        var remaining = k
        for (word, value) in bits[g][w].enumerated() {
            let n = value.nonzeroBitCount
            if remaining < n {
                var v = value
                for _ in 0..<remaining { v &= v - 1 }
                return order[g][word * 64 + v.trailingZeroBitCount]
            }
            remaining -= n
        }
        return nil
    }
}
