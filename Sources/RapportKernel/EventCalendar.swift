import HeapModule

/// The future event list: value-type events ordered by time, ties broken first-in first-out.
///
/// A sequence number stamped at scheduling makes simultaneous events run in the order they were
/// scheduled, so a run is repeatable whatever the heap's internal layout.
///
/// ```swift
/// var calendar = EventCalendar<MyEvent>()
/// calendar.schedule(.arrival, at: 1.5)
/// while let (time, event) = calendar.next() { … }
/// ```
///
/// Besides its heap the calendar has one *arrival lane*: a single slot for the next event of a
/// model's arrival process, which fires, schedules its successor and so always has exactly one
/// event pending (`scheduleArrival(_:at:)`). That event is stamped and ordered like any other;
/// keeping it beside the heap instead of in it saves a sift per arrival, as hand-written
/// simulations do with their "next arrival" variable.
public struct EventCalendar<Event> {
    @usableFromInline
    struct Entry: Comparable {
        @usableFromInline let time: Double
        @usableFromInline let sequence: UInt64
        @usableFromInline let event: Event

        @inlinable init(time: Double, sequence: UInt64, event: Event) {
            self.time = time
            self.sequence = sequence
            self.event = event
        }

        @inlinable static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.time < rhs.time || (lhs.time == rhs.time && lhs.sequence < rhs.sequence)
        }

        @inlinable static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.time == rhs.time && lhs.sequence == rhs.sequence
        }
    }

    @usableFromInline var heap = Heap<Entry>()
    /// The pending event of the arrival lane, outside the heap (see the type's documentation).
    @usableFromInline var lane: Entry?
    @usableFromInline var nextSequence: UInt64 = 0
    /// The minimum has been handed out but is still in the heap. Most handlers schedule an event,
    /// and that one can then take the old minimum's place with a single sift (`replaceMin`)
    /// instead of a pop and an insert; the order events come out in is unchanged.
    @usableFromInline var topTaken = false

    /// The time of the event most recently taken from the calendar.
    @inlinable public var now: Double { currentTime }
    @usableFromInline var currentTime: Double = 0

    /// Creates an empty calendar at time zero.
    public init() {}

    /// The number of events waiting.
    @inlinable public var count: Int { heap.count - (topTaken ? 1 : 0) + (lane == nil ? 0 : 1) }

    /// Schedules `event` at absolute time `time`, which must not lie in the past.
    ///
    /// - Complexity: O(log n).
    @inlinable
    public mutating func schedule(_ event: Event, at time: Double) {
        assert(time >= now, "an event may not be scheduled in the past")
        let entry = Entry(time: time, sequence: nextSequence, event: event)
        nextSequence &+= 1
        if topTaken {
            topTaken = false
            _ = heap.replaceMin(with: entry)
        } else {
            heap.insert(entry)
        }
    }

    /// Schedules `event` `delay` time units from now.
    @inlinable
    public mutating func schedule(_ event: Event, after delay: Double) {
        schedule(event, at: now + delay)
    }

    /// Schedules the next event of the model's arrival process at `time`, in the arrival lane.
    ///
    /// Events come out in exactly the order `schedule(_:at:)` would give them: the lane's event
    /// is stamped with the next sequence number and compared with the heap's earliest by time,
    /// then sequence. The lane holds one event; while it is taken, a further call schedules into
    /// the heap, so calling this for several processes is correct, only no faster.
    ///
    /// - Complexity: O(1) when the lane is free, otherwise O(log n).
    @inlinable @inline(__always)
    public mutating func scheduleArrival(_ event: Event, at time: Double) {
        guard lane == nil else { return scheduleBesideTakenLane(event, at: time) }
        assert(time >= now, "an event may not be scheduled in the past")
        lane = Entry(time: time, sequence: nextSequence, event: event)
        nextSequence &+= 1
    }

    /// The rare path of `scheduleArrival`, out of line so that the common one stays small.
    @inlinable @inline(never)
    mutating func scheduleBesideTakenLane(_ event: Event, at time: Double) {
        schedule(event, at: time)
    }

    /// Removes and returns the earliest event, advancing `now` to its time; nil when empty.
    ///
    /// - Complexity: O(log n).
    @inlinable
    public mutating func next() -> (time: Double, event: Event)? {
        next(notAfter: .infinity)
    }

    /// Removes and returns the earliest event if it happens at or before `limit`; otherwise
    /// leaves it in place and returns nil.
    ///
    /// - Complexity: O(log n).
    @inlinable
    public mutating func next(notAfter limit: Double) -> (time: Double, event: Event)? {
        settleTop()
        if let arrival = lane, heap.min.map({ arrival < $0 }) ?? true {
            guard arrival.time <= limit else { return nil }
            lane = nil
            currentTime = arrival.time
            return (arrival.time, arrival.event)
        }
        guard let entry = heap.min, entry.time <= limit else { return nil }
        topTaken = true
        currentTime = entry.time
        return (entry.time, entry.event)
    }

    /// The time of the earliest event, without removing it.
    @inlinable public var nextTime: Double? {
        mutating get {
            settleTop()
            switch (lane?.time, heap.min?.time) {
            case let (arrival?, heap?): return Swift.min(arrival, heap)
            case let (arrival, heap): return arrival ?? heap
            }
        }
    }

    /// Removes a minimum that was handed out and not replaced.
    @inlinable mutating func settleTop() {
        if topTaken {
            topTaken = false
            _ = heap.removeMin()
        }
    }
}
