import Testing
import RapportModel
import RapportRandom

/// The availability index against brute force over every member, on groups large enough to span
/// several blocks of 64 words, with sparse weekdays whose blocks are empty and hires still
/// pending: what best-fit and earliest-available matching ask of it.
@Suite("Availability index")
struct AvailabilityIndexTests {
    struct Member {
        var group: Int
        var experience: Double
        var room: UInt8
    }

    /// A random roster: group 0 of `large` members, group 1 of 50; room on weekday w with a
    /// probability that is tiny on some weekdays, so that whole blocks of their rows are empty.
    static func roster(_ stream: RandomStream, large: Int) -> [Member] {
        let density: [Double] = [0.5, 0.001, 0.05, 0.0004, 0.3, 0, 0.02]
        func room() -> UInt8 {
            var mask: UInt8 = 0
            for w in 0..<7 where stream.uniform() < density[w] { mask |= 1 << UInt8(w) }
            return mask
        }
        // Experience in whole years, so that ties are common and their order matters.
        return (0..<large).map { _ in Member(group: 0, experience: Double(stream.index(below: 30)), room: room()) }
            + (0..<50).map { _ in Member(group: 1, experience: Double(stream.index(below: 30)), room: room()) }
    }

    static func check(_ index: AvailabilityIndex, _ members: [Member], _ stream: RandomStream) {
        for g in 0..<2 {
            for w in 0..<7 {
                let roomy = members.indices.filter { members[$0].group == g && members[$0].room & (1 << UInt8(w)) != 0 }
                #expect(index.count(g, weekday: w) == roomy.count)
                for years in [-Double.infinity, 0, 12, 29, 30] {
                    let eligible = roomy.filter { members[$0].experience >= years }
                    let n = index.count(g, weekday: w, experienceAtLeast: years)
                    #expect(n == eligible.count, "group \(g) weekday \(w) years \(years)")
                    let limit = index.rankLimit(in: g, experienceAtLeast: years)
                    let split = index.count(g, weekday: w, rankLimit: limit, experienceAtLeast: years)
                    #expect(split.total == n)
                    // Every eligible member exactly once, ranked ones most experienced first.
                    let picked = (0..<n).compactMap { index.member(g, weekday: w, experienceAtLeast: years, at: $0) }.map(Int.init)
                    #expect(picked.sorted() == eligible.sorted())
                    // Ranked ones in the group's order: most experienced first, ties by index
                    // (hires merged into the order must land exactly where sorting puts them).
                    let rankedMembers = Array(picked.prefix(split.ranked))
                    #expect(zip(rankedMembers, rankedMembers.dropFirst()).allSatisfy { a, b in
                        members[a].experience > members[b].experience || (members[a].experience == members[b].experience && a < b)
                    })
                    #expect(index.member(g, weekday: w, experienceAtLeast: years, at: n) == nil)
                    if n > 0 {
                        let k = stream.index(below: n)
                        #expect(index.member(g, weekday: w, ranked: split.ranked, experienceAtLeast: years, at: k).map(Int.init) == picked[k])
                    }
                }
            }
            for window in [UInt8(0b0000010), 0b0001000, 0b0101010, 0b1111111, 0b0100000, UInt8(stream.index(below: 128))] {
                let candidates = members.indices.filter { members[$0].group == g && members[$0].room & window != 0 }
                let best = index.mostExperienced(in: g, weekdays: window).map(Int.init)
                #expect((best == nil) == candidates.isEmpty, "group \(g) window \(window)")
                if let best {
                    #expect(candidates.contains(best))
                    #expect(members[best].experience == candidates.map { members[$0].experience }.max())
                }
            }
        }
    }

    @Test("Counts, picks and the most experienced match brute force, across blocks and with pending hires",
          arguments: [0, 1, 2])
    func matchesBruteForce(seed: Int) {
        let stream = RandomStream(seed: UInt64(seed), replication: 0, name: "availability")
        // 9,000 members: 141 words a row, three blocks of 64 words.
        var members = Self.roster(stream, large: 9000)
        var index = AvailabilityIndex(groups: 2)
        index.addRoster(groups: members.map { Int32($0.group) }, experiences: members.map(\.experience))
        for t in members.indices { index.setRoom(t, weekdays: members[t].room) }
        Self.check(index, members, stream)

        // Room changes, then hires: 100 in the large group merge once and leave 36 pending.
        for _ in 0..<3000 {
            let t = stream.index(below: members.count)
            members[t].room = UInt8(stream.index(below: 128)) & UInt8(stream.index(below: 128))
            index.setRoom(t, weekdays: members[t].room)
        }
        for hire in 0..<110 {
            let member = Member(group: hire < 100 ? 0 : 1, experience: Double(stream.index(below: 31)), room: UInt8(stream.index(below: 128)))
            members.append(member)
            index.add(members.count - 1, group: member.group, experience: member.experience)
            index.setRoom(members.count - 1, weekdays: member.room)
        }
        Self.check(index, members, stream)

        // Pending hires gain and lose room (the index counts theirs apart from the ranked
        // members'), then 40 more hires merge those 36 into the order and leave 12 pending.
        for _ in 0..<400 {
            let t = members.count - 1 - stream.index(below: 46)
            members[t].room = UInt8(stream.index(below: 128))
            index.setRoom(t, weekdays: members[t].room)
        }
        Self.check(index, members, stream)
        for _ in 0..<40 {
            let member = Member(group: 0, experience: Double(stream.index(below: 31)), room: UInt8(stream.index(below: 128)))
            members.append(member)
            index.add(members.count - 1, group: member.group, experience: member.experience)
            index.setRoom(members.count - 1, weekdays: member.room)
        }
        Self.check(index, members, stream)
    }

    /// Selection runs over superblocks of 8,192 ranks, blocks of 512 and words of 64: rows that end
    /// exactly at such an edge, or one past it, are its edge cases, and a row of several
    /// superblocks runs the first level's scan.
    @Test("Picks match brute force when a row ends at a word, block or superblock edge, or one past",
          arguments: [1, 63, 64, 65, 128, 129, 512, 513, 4096, 4160, 8192, 8193, 20000])
    func picksAtRowEdges(large: Int) {
        let stream = RandomStream(seed: UInt64(large), replication: 0, name: "availability")
        var members = Self.roster(stream, large: large)
        // A full weekday too: in a row whose every word is full, selection runs to its last member.
        for t in members.indices { members[t].room |= 0b1000000 }
        var index = AvailabilityIndex(groups: 2)
        index.addRoster(groups: members.map { Int32($0.group) }, experiences: members.map(\.experience))
        for t in members.indices { index.setRoom(t, weekdays: members[t].room) }
        Self.check(index, members, stream)
    }

    @Test("The remembered rank limit is the searched one, also after hires reorder a group")
    func memoisedRankLimit() {
        let stream = RandomStream(seed: 5, replication: 0, name: "availability")
        var members = Self.roster(stream, large: 500)
        var index = AvailabilityIndex(groups: 2)
        index.addRoster(groups: members.map { Int32($0.group) }, experiences: members.map(\.experience))
        // More thresholds than the memo holds, asked in a random order, with hires merged
        // (64 at a time) in between: a stale limit after the merge would differ from the search.
        let thresholds: [Double] = [-.infinity, 0, -0.0, 3, 7.5, 12, 20, 29, 30, 31]
        for round in 0..<400 {
            if round % 3 == 0 {
                let member = Member(group: stream.index(below: 2), experience: Double(stream.index(below: 40)), room: 0)
                members.append(member)
                index.add(members.count - 1, group: member.group, experience: member.experience)
            }
            let g = stream.index(below: 2), years = thresholds[stream.index(below: thresholds.count)]
            let searched = index.rankLimit(in: g, experienceAtLeast: years)
            #expect(index.memoisedRankLimit(in: g, experienceAtLeast: years) == searched, "round \(round), group \(g), years \(years)")
        }
    }

    @Test("Open and away members follow room and status, in swap-remove order, and only the active are indexed by weekday")
    func membersFollowRoomAndStatus() {
        let stream = RandomStream(seed: 11, replication: 0, name: "availability")
        var members = Self.roster(stream, large: 300)
        var active = [Bool](repeating: true, count: members.count)
        var index = AvailabilityIndex(groups: 2)
        index.addRoster(groups: members.map { Int32($0.group) }, experiences: members.map(\.experience))
        // What the index's lists must equal, order included (matching walks them in order): a
        // member joins at the end; one who leaves is replaced by the last.
        var open: [Int32] = [], away: [Int32] = []
        func move(_ t: Int, in list: inout [Int32], member: Bool) {
            let at = list.firstIndex(of: Int32(t))
            if member, at == nil { list.append(Int32(t)) }
            if !member, let at { list[at] = list.last!; list.removeLast() }
        }
        func update(_ t: Int) {
            index.setAvailability(t, room: members[t].room, active: active[t])
            move(t, in: &open, member: active[t] && members[t].room != 0)
            move(t, in: &away, member: !active[t] && members[t].room != 0)
        }
        for t in members.indices { update(t) }
        for round in 0..<4000 {
            let t = stream.index(below: members.count)
            // Status and room change apart and together, and often not at all.
            switch stream.index(below: 4) {
            case 0: active[t].toggle()
            case 1: members[t].room = UInt8(stream.index(below: 128))
            case 2: active[t].toggle(); members[t].room = UInt8(stream.index(below: 4))
            default: break
            }
            update(t)
            #expect(index.openMembers == open, "round \(round)")
            #expect(index.awayMembers == away, "round \(round)")
            // The by-group lists hold the same therapists, and each one's position is their place
            // in the whole list (the away scan breaks ties by it).
            for g in 0..<2 {
                #expect(Set(index.awayMembers(inGroup: g)) == Set(away.filter { members[Int($0)].group == g }), "round \(round), group \(g)")
                #expect(index.awayMembers(inGroup: g).count == away.filter { members[Int($0)].group == g }.count, "round \(round), group \(g)")
            }
            #expect(away.enumerated().allSatisfy { index.memberPosition(of: Int($0.element)) == $0.offset }, "round \(round)")
        }
        for t in members.indices {
            #expect(index.roomDays(of: t) == (active[t] ? members[t].room : 0))
        }
        // The weekday rows hold the active members' room alone.
        var indexed = members
        for t in indexed.indices where !active[t] { indexed[t].room = 0 }
        Self.check(index, indexed, stream)
    }
}
