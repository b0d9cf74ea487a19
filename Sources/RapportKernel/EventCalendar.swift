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
        /// Time then sequence number as one 128-bit integer: the high half is the time's bit
        /// pattern made order-preserving (`orderedBits`), the low half the sequence number. The
        /// heap then compares entries with one integer comparison (`cmp`, `sbb`) instead of a
        /// comparison of times and, on equal times, of sequence numbers: a few more instructions
        /// to encode and decode, fewer hard-to-predict branches in every sift (M/M/c: +4% instructions,
        /// -7% CPU time; see Benchmarks/README.md).
        @usableFromInline let key: UInt128
        @usableFromInline let event: Event

        @inlinable @inline(__always) init(time: Double, sequence: UInt64, event: Event) {
            key = UInt128(Entry.orderedBits(time)) << 64 | UInt128(sequence)
            self.event = event
        }

        /// The entry's time, decoded from its key.
        @inlinable @inline(__always) var time: Double {
            let bits = UInt64(truncatingIfNeeded: key >> 64)
            // Undo `orderedBits`: a set top bit marks a non-negative time (flip it back);
            // otherwise every bit was flipped.
            return Double(bitPattern: bits ^ (bits >> 63 == 1 ? 1 << 63 : ~0))
        }

        /// A 64-bit pattern whose unsigned order is the order of the times: non-negative times
        /// get their sign bit set, negative ones all their bits flipped. Zero's sign is dropped
        /// first (−0 + 0 = +0), so −0 and +0 tie, first-in first-out, as they would compared as
        /// Doubles; an event scheduled at −0 comes out at +0.
        @inlinable @inline(__always) static func orderedBits(_ time: Double) -> UInt64 {
            let bits = (time + 0).bitPattern
            return bits ^ (UInt64(bitPattern: Int64(bitPattern: bits) >> 63) | 1 << 63)
        }

        @inlinable static func < (lhs: Entry, rhs: Entry) -> Bool { lhs.key < rhs.key }

        @inlinable static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.key == rhs.key }
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
    /// then sequence. The lane holds one event; while it is occupied, a further call schedules
    /// into the heap, so calling this for several processes is correct, only no faster.
    ///
    /// - Complexity: O(1) when the lane is free, otherwise O(log n).
    @inlinable @inline(__always)
    public mutating func scheduleArrival(_ event: Event, at time: Double) {
        guard lane == nil else { return scheduleBesideTakenLane(event, at: time) }
        assert(time >= now, "an event may not be scheduled in the past")
        lane = Entry(time: time, sequence: nextSequence, event: event)
        nextSequence &+= 1
    }

    /// The rare path of `scheduleArrival` (the lane is occupied), out of line so that the common
    /// one stays small.
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
    @inlinable @inline(__always)
    public mutating func next(notAfter limit: Double) -> (time: Double, event: Event)? {
        settleTop()
        if let arrival = lane, heap.min.map({ arrival < $0 }) ?? true {
            let time = arrival.time
            guard time <= limit else { return nil }
            lane = nil
            currentTime = time
            return (time, arrival.event)
        }
        guard let entry = heap.min else { return nil }
        let time = entry.time
        guard time <= limit else { return nil }
        topTaken = true
        currentTime = time
        return (time, entry.event)
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
    @inlinable @inline(__always) mutating func settleTop() {
        if topTaken {
            topTaken = false
            _ = heap.removeMin()
        }
    }
}
