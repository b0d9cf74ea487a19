import CMemoryHints

extension PlatformModel {
    /// How many therapists ahead of the one whose day is being run the day loop asks for the
    /// client records their sessions will read, and twice that for their slot rows.
    ///
    /// On a large platform the first read of a client's record, symptom scores and slot row is a
    /// cache miss (about a million records at 50,000 therapists). A therapist has one or two
    /// sessions a day, so hints given within their own day come too late; two therapists' work
    /// ahead is enough for the lines to arrive. The hints change no result.
    static let prefetchAhead = 2

    /// Hints the memory the day's sessions of the therapists `prefetchAhead` and twice that ahead
    /// of `t` will read: for the nearer one, the records and symptom scores of the clients booked
    /// in `row` (the slot row of the day); for the further one, that slot row itself.
    @inline(__always)
    func prefetchSessions(after t: Int, row: Int) {
        let further = t + 2 * Self.prefetchAhead
        if further < therapists.count {
            // The slot array's storage object: its header (the count) and first rows share the
            // first lines. Its address, without touching it (no count, no retain).
            let storage = unsafeBitCast(therapists[further].slots, to: UnsafeRawPointer.self)
            rapport_prefetch(storage)
            rapport_prefetch(storage + 32 + row * Int(therapists[further].slotsPerDay) * MemoryLayout<Int32>.stride)
        }
        let nearer = t + Self.prefetchAhead
        guard nearer < therapists.count else { return }
        // Element reads rather than `withUnsafeBufferPointer`, which would retain the slot array;
        // the booked count stops the scan at the row's last client.
        var remaining = therapists[nearer].bookedPerDay[row]
        guard remaining > 0 else { return }
        let spd = Int(therapists[nearer].slotsPerDay)
        let end = min((row + 1) * spd, therapists[nearer].slots.count)
        var k = row * spd
        while remaining > 0 && k < end {
            let client = therapists[nearer].slots[k]
            if client >= 0 {
                clients.prefetch(client)
                outcomes.prefetch(client)
                remaining -= 1
            }
            k += 1
        }
    }
}
