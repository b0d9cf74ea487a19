import Testing
import RapportKernel
import RapportModel
import RapportRandom

/// The waitlist against a plain array: service order (priority first, then by joining) across
/// classes, removal from anywhere, and walks that pass over classes turned down, step by step.
/// Then the platform: a walk that passes over clients nobody open could serve gives the same
/// results as one that tries every client, and tries fewer.
@Suite("Waiting list")
struct WaitingListTests {
    /// A waiting client as the oracle keeps them, in service order.
    struct Entry: Equatable {
        var client: Int32
        var classIndex: Int
        var priority: Bool
    }

    /// The oracle's order: priority clients first, each part in the order they joined.
    static func serviceOrder(_ joined: [Entry]) -> [Entry] {
        joined.filter(\.priority) + joined.filter { !$0.priority }
    }

    /// A list built by random joins and removals, with the oracle's record of who waits in the
    /// order they joined. Client numbers are reused once a client has left, as the platform's are.
    /// `restampAfter` numbers the waiting clients afresh every so many joins (a run would need
    /// 2³¹ − 1 of them).
    static func randomList(_ stream: RandomStream, classes: Int, steps: Int, restampAfter: Int?) -> (WaitingList, [Entry]) {
        var list = restampAfter.map { WaitingList(classes: classes, joinsBeforeRestamp: $0) } ?? WaitingList(classes: classes)
        var joined: [Entry] = []
        var free: [Int32] = []
        var nextClient: Int32 = 0
        for _ in 0..<steps {
            if !joined.isEmpty && stream.uniform() < 0.4 {
                let e = joined.remove(at: stream.index(below: joined.count))
                list.remove(e.client, class: e.classIndex)
                free.append(e.client)
            } else {
                let client: Int32
                if let reused = free.popLast() { client = reused } else { client = nextClient; nextClient += 1 }
                let e = Entry(client: client, classIndex: stream.index(below: classes), priority: stream.uniform() < 0.2)
                list.append(e.client, class: e.classIndex, priority: e.priority)
                joined.append(e)
            }
        }
        return (list, joined)
    }

    @Test("Service order is priority first, then by joining, whatever the classes, and stays so when stamps are renumbered",
          arguments: [1, 2, 5], [nil, 1, 7])
    func serviceOrderAcrossClasses(classes: Int, restampAfter: Int?) {
        let stream = RandomStream(seed: 11, replication: classes, name: "waitlist")
        for _ in 0..<20 {
            let (list, joined) = Self.randomList(stream, classes: classes, steps: 1 + stream.index(below: 300),
                                                 restampAfter: restampAfter)
            #expect(list.count == joined.count)
            #expect(list.inOrder() == Self.serviceOrder(joined).map(\.client))
        }
    }

    @Test("A walk hands out, step by step, the next client in order of a class accepted at that step",
          arguments: [1, 3, 6], [nil, 5])
    func walkPassesOverTurnedDownClasses(classes: Int, restampAfter: Int?) {
        let stream = RandomStream(seed: 12, replication: classes, name: "walk")
        for _ in 0..<30 {
            var (list, joined) = Self.randomList(stream, classes: classes, steps: 1 + stream.index(below: 300),
                                                 restampAfter: restampAfter)
            // Which classes are accepted changes at random between steps, turning classes back
            // on as well as off. The oracle tries every client in order and takes the first of
            // a class accepted at this step; a client handed out may be taken off the list.
            var remaining = Self.serviceOrder(joined)
            var walk = WaitingList.Walk(list)
            var accepted = (0..<classes).map { _ in stream.uniform() < 0.6 }
            while true {
                let expected = remaining.firstIndex { accepted[$0.classIndex] }
                let got = list.next(in: &walk, eligible: { accepted[$0] })
                #expect(got == expected.map { remaining[$0].client })
                guard let expected, let got else { break }
                #expect(walk.lastClass == remaining[expected].classIndex)
                let entry = remaining[expected]
                remaining.removeFirst(expected + 1)
                if stream.uniform() < 0.5 {
                    list.remove(got, class: entry.classIndex)
                    joined.removeAll { $0.client == got }
                }
                for k in 0..<classes where stream.uniform() < 0.2 { accepted[k].toggle() }
            }
            #expect(list.inOrder() == Self.serviceOrder(joined).map(\.client))
        }
    }

    /// A platform whose Spanish speakers only the few specialists can see, who are full, while
    /// generalists have room: a long waitlist of clients nobody open can serve, and hires (after
    /// quits) that each walk it.
    static func platform(policy: String) throws -> ModelConfig {
        try Fixtures.config(Fixtures.smallPlatform(
            extra: """
            match_quality:
              hard_constraints: [language]
            """,
            policy: "matching: \(policy)", horizon: "52w", rate: "45/week"))
    }

    @Test("Passing over clients nobody open could serve changes no result, and tries fewer",
          arguments: ["best-fit", "earliest-available"])
    func passingOverChangesNothing(policy: String) throws {
        let config = try Self.platform(policy: policy)
        func run(apart: Bool) -> (PlatformModel, Int) {
            var simulation = Simulation(model: PlatformModel(config: config, streams: StreamSet(seed: 3, replication: 0),
                                                             keepsWaitlistClassesApart: apart))
            simulation.model.recordsMatches = true
            simulation.model.start(&simulation.calendar)
            _ = simulation.run(until: config.horizon)
            return (simulation.model, simulation.eventsHandled)
        }
        let (apart, apartEvents) = run(apart: true)
        let (together, togetherEvents) = run(apart: false)
        #expect(apartEvents == togetherEvents)
        let apartMetrics = apart.result(events: apartEvents).metrics
        let togetherMetrics = together.result(events: togetherEvents).metrics
        let differing = Set(apartMetrics.keys).union(togetherMetrics.keys).filter { apartMetrics[$0] != togetherMetrics[$0] }
        #expect(differing.isEmpty, "metrics that differ: \(differing.sorted())")
        let matches = (apart.matchLog.map(\.therapist), together.matchLog.map(\.therapist))
        let firstDifference = zip(matches.0, matches.1).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(matches.0.count == matches.1.count && firstDifference == nil,
                "matches: \(matches.0.count) against \(matches.1.count), first differing at \(firstDifference.map(String.init) ?? "none")")
        #expect(apart.matchLog.count > 300)
        // The walks did pass over clients (here about a fifth to a third of the tries): otherwise
        // this test would show nothing.
        #expect(apart.waitlistClientsTried * 10 < together.waitlistClientsTried * 9,
                "tried \(apart.waitlistClientsTried) against \(together.waitlistClientsTried)")
    }
}
