import Testing
import RapportKernel
import RapportRandom

@Suite("Event calendar")
struct EventCalendarTests {
    @Test("Events come out in time order, ties first-in first-out, for many seeds", arguments: 0..<50)
    func ordering(seed: Int) {
        let stream = RandomStream(seed: UInt64(seed), replication: 0, name: "calendar")
        var calendar = EventCalendar<Int>()
        var scheduled: [(time: Double, id: Int)] = []
        for id in 0..<500 {
            // Coarse times make ties common.
            let time = Double(stream.index(below: 50))
            calendar.schedule(id, at: time)
            scheduled.append((time, id))
        }
        let expected = scheduled.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element.id)
        var popped: [Int] = []
        var last = -Double.infinity
        while let (time, id) = calendar.next() {
            #expect(time >= last)
            #expect(calendar.now == time)
            last = time
            popped.append(id)
        }
        #expect(popped == expected)
    }

    /// Takes the calendar's next event up to `horizon` and expects it to be the first of the
    /// sorted `reference`, which loses it; when nothing is due, expects the reference to agree and
    /// moves the horizon on, returning nil.
    static func takeNext(_ calendar: inout EventCalendar<Int>, _ reference: inout [(time: Double, sequence: Int, id: Int)],
                         horizon: inout Double) -> (time: Double, event: Int)? {
        guard let (time, event) = calendar.next(notAfter: horizon) else {
            #expect(reference.first.map { $0.time > horizon } ?? true)
            horizon += 3
            return nil
        }
        let expected = reference.removeFirst()
        #expect(event == expected.id && time == expected.time)
        return (time, event)
    }

    @Test("Interleaved taking and scheduling (the replace-the-minimum path) keeps exact order", arguments: 0..<30)
    func interleaved(seed: Int) {
        let stream = RandomStream(seed: UInt64(seed), replication: 1, name: "calendar")
        var calendar = EventCalendar<Int>()
        var reference: [(time: Double, sequence: Int, id: Int)] = []
        var sequence = 0, id = 0
        func add(_ time: Double) {
            calendar.schedule(id, at: time)
            reference.append((time, sequence, id))
            sequence += 1
            id += 1
        }
        for _ in 0..<20 { add(Double(stream.index(below: 10))) }
        var horizon = 0.0
        for _ in 0..<2000 {
            reference.sort { $0.time != $1.time ? $0.time < $1.time : $0.sequence < $1.sequence }
            guard let (time, _) = Self.takeNext(&calendar, &reference, horizon: &horizon) else { continue }
            // Schedule none, one or two follow-ups, some at the same time (ties).
            for _ in 0..<stream.index(below: 3) { add(time + Double(stream.index(below: 4))) }
            #expect(calendar.count == reference.count)
        }
    }

    @Test("The arrival lane keeps exact order: ties with the heap go to the earlier scheduled", arguments: 0..<30)
    func arrivalLane(seed: Int) {
        let stream = RandomStream(seed: UInt64(seed), replication: 2, name: "calendar")
        var calendar = EventCalendar<Int>()
        var reference: [(time: Double, sequence: Int, id: Int)] = []
        var sequence = 0, id = 0
        var arrivalPending = false
        func add(_ time: Double, arrival: Bool) {
            if arrival { calendar.scheduleArrival(id, at: time) } else { calendar.schedule(id, at: time) }
            reference.append((time, sequence, id))
            sequence += 1
            id += 1
        }
        for _ in 0..<10 { add(Double(stream.index(below: 10)), arrival: false) }
        add(Double(stream.index(below: 10)), arrival: true)
        var arrivals: Set<Int> = [id - 1]
        arrivalPending = true
        var horizon = 0.0
        for _ in 0..<3000 {
            reference.sort { $0.time != $1.time ? $0.time < $1.time : $0.sequence < $1.sequence }
            #expect(calendar.count == reference.count)
            #expect(calendar.nextTime == reference.first?.time)
            guard let (time, event) = Self.takeNext(&calendar, &reference, horizon: &horizon) else { continue }
            if arrivals.remove(event) != nil { arrivalPending = false }
            // An arrival schedules its successor in the lane, often at the same time as heap
            // events (ties); now and then a second one, which the occupied lane sends to the heap.
            if !arrivalPending || stream.index(below: 10) == 0 {
                arrivals.insert(id)
                arrivalPending = true
                add(time + Double(stream.index(below: 3)), arrival: true)
            }
            for _ in 0..<stream.index(below: 3) { add(time + Double(stream.index(below: 4)), arrival: false) }
        }
        #expect(sequence > 3000)
    }

    @Test("The arrival lane alone, and the lane beyond the limit, leave the calendar consistent")
    func arrivalLaneEdges() {
        var calendar = EventCalendar<String>()
        #expect(calendar.nextTime == nil && calendar.count == 0)
        calendar.scheduleArrival("a", at: 2)
        #expect(calendar.count == 1 && calendar.nextTime == 2)
        #expect(calendar.next(notAfter: 1) == nil)
        #expect(calendar.count == 1)
        calendar.schedule("h", at: 2)        // same time, scheduled later: comes after the lane's
        calendar.scheduleArrival("b", at: 1) // lane taken: goes to the heap, and is earliest
        #expect(calendar.count == 3 && calendar.nextTime == 1)
        var order: [String] = []
        while let (_, event) = calendar.next() { order.append(event) }
        #expect(order == ["b", "a", "h"])
        #expect(calendar.count == 0 && calendar.now == 2)
    }

    @Test("Zeros of either sign tie first-in first-out; huge and infinite times keep their order")
    func packedKeyEdges() {
        var calendar = EventCalendar<String>()
        calendar.schedule("inf", at: .infinity)
        calendar.schedule("+0", at: 0)
        calendar.schedule("huge", at: .greatestFiniteMagnitude)
        calendar.schedule("-0", at: -0.0)
        calendar.schedule("tiny", at: .leastNonzeroMagnitude)
        calendar.scheduleArrival("lane +0", at: 0)
        calendar.schedule("1e300", at: 1e300)
        var order: [String] = []
        var times: [Double] = []
        while let (time, event) = calendar.next() {
            order.append(event)
            times.append(time)
        }
        #expect(order == ["+0", "-0", "lane +0", "tiny", "1e300", "huge", "inf"])
        #expect(times == [0, 0, 0, .leastNonzeroMagnitude, 1e300, .greatestFiniteMagnitude, .infinity])
        #expect(times.allSatisfy { $0.sign == .plus })
    }

    @Test("Continuous random times, with repeats, come out exactly in (time, scheduling) order", arguments: 0..<10)
    func continuousTimes(seed: Int) {
        let stream = RandomStream(seed: UInt64(seed), replication: 3, name: "calendar")
        var calendar = EventCalendar<Int>()
        var reference: [(time: Double, id: Int)] = []
        var now = 0.0
        for id in 0..<5000 {
            // Mostly fresh exponential times; one in five repeats an earlier still-pending time.
            let time = id % 5 == 4 && !reference.isEmpty
                ? reference[stream.index(below: reference.count)].time
                : now + stream.exponential(mean: 1)
            calendar.schedule(id, at: time)
            reference.append((time, id))
            if id % 3 == 2, let (t, event) = calendar.next() {
                let first = reference.indices.min { a, b in
                    reference[a].time != reference[b].time ? reference[a].time < reference[b].time : reference[a].id < reference[b].id
                }!
                #expect(event == reference[first].id && t == reference[first].time)
                reference.remove(at: first)
                now = t
            }
        }
        let rest = reference.sorted { $0.time != $1.time ? $0.time < $1.time : $0.id < $1.id }.map(\.id)
        var popped: [Int] = []
        while let (_, event) = calendar.next() { popped.append(event) }
        #expect(popped == rest)
    }

    struct Countdown: DiscreteEventModel {
        var handled: [Double] = []
        mutating func handle(_ event: Int, at time: Double, calendar: inout EventCalendar<Int>) {
            handled.append(time)
            if event > 0 { calendar.schedule(event - 1, after: 1.5) }
        }
    }

    @Test("The run loop stops at the horizon and handles events the model schedules")
    func runLoop() {
        var simulation = Simulation(model: Countdown())
        simulation.calendar.schedule(10, at: 0)
        let end = simulation.run(until: 6)
        #expect(end == 6)
        #expect(simulation.model.handled == [0, 1.5, 3, 4.5, 6])
        #expect(simulation.eventsHandled == 5)
    }
}
