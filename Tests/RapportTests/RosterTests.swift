import Testing
import RapportModel
import RapportRandom

/// The day loop walks the roster instead of every therapist ever hired: it must hold everyone not
/// departed, in index order, and drop the departed only in bulk.
@Suite("Roster")
struct RosterTests {
    @Test("Hires and departures at random: the roster is everyone not departed, in order, once tidied")
    func matchesBruteForce() {
        let stream = RandomStream(seed: 3, replication: 0, name: "roster")
        var roster = Roster()
        var departed = Set<Int>()
        var hired = 0
        for _ in 0..<5000 {
            if stream.uniform() < 0.6 || hired == departed.count {
                roster.add(hired)
                hired += 1
            } else {
                let stillHere = (0..<hired).filter { !departed.contains($0) }
                let t = stillHere[stream.index(below: stillHere.count)]
                departed.insert(t)
                roster.depart(t)
            }
            let before = roster.members
            roster.dropDepartures()
            let members = roster.members.map(Int.init)
            // In index order, with everyone not departed; a departed member only while the
            // departures not yet dropped are under a thirty-second of the roster.
            #expect(members == members.sorted())
            #expect(Set(members).isSuperset(of: (0..<hired).filter { !departed.contains($0) }))
            let lingering = members.filter { departed.contains($0) }
            #expect(lingering.count * 32 < members.count || lingering.isEmpty)
            if members.count != before.count { #expect(lingering.isEmpty) }
        }
    }

    @Test("Departures wait for a thirty-second of the roster, then all go at once")
    func dropsInBulk() {
        var roster = Roster()
        for t in 0..<64 { roster.add(t) }
        roster.depart(5)
        roster.dropDepartures()
        #expect(roster.members.count == 64)
        roster.depart(40)
        roster.dropDepartures()
        #expect(roster.members.map(Int.init) == (0..<64).filter { $0 != 5 && $0 != 40 })
    }
}
