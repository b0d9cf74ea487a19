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
            guard let (time, event) = calendar.next(notAfter: horizon) else {
                #expect(reference.first.map { $0.time > horizon } ?? true)
                horizon += 3
                continue
            }
            let expected = reference.removeFirst()
            #expect(event == expected.id && time == expected.time)
            // Schedule none, one or two follow-ups, some at the same time (ties).
            for _ in 0..<stream.index(below: 3) { add(time + Double(stream.index(below: 4))) }
            #expect(calendar.count == reference.count)
        }
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
