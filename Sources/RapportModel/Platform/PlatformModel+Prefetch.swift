extension PlatformModel {
    /// How many therapists ahead of the one whose day is being run the day loop asks for the
    /// client records their sessions will read, and twice that for their slot rows.
    ///
    /// On a large platform the first read of a client's record, symptom scores and slot row is a
    /// cache miss (about a million records at 50,000 therapists). A therapist has one or two
    /// sessions a day, so hints given within their own day come too late; two therapists' work
    /// ahead is enough for the lines to arrive. The hints change no result.
    static let prefetchAhead = 2

    /// Lines from a therapist record's start that hold its booking fields wherever the record
    /// starts in a line (a test keeps it so).
    public static let bookingLines = 4

    /// Hints the memory booking therapist `t` after `day` (a `weekday`) will read: the booking
    /// fields at the head of their record (see `Therapist`), the slot row the booking will take,
    /// and the room entries it ends by refreshing.
    ///
    /// `mutating` though it changes nothing: should the compiler not inline it, a non-mutating
    /// method would be handed a stack copy of the whole model (5 M instructions a benchmark run).
    @inline(__always)
    mutating func prefetchBooking(of t: Int, after day: Int, weekday: Int) {
        // The index entries the booking ends by refreshing (cold at a large platform: without
        // this hint the benchmark at 50,000 therapists took 4% longer).
        index.prefetchMember(t)
        therapists.prefetch(t, bytes: Self.bookingLines * LineAlignedArray<Therapist>.lineSize)
        // The booking takes a slot on the first day the index has them with room: that day's row
        // (both weeks' on a fortnightly grid), one or two lines, rather than the whole grid's
        // four or five. An arrival asks for a dozen cold lines at a large platform and the core
        // can keep only so many in flight. A wrong guess (someone away) only costs a miss.
        let room = UInt16(index.roomDays(of: t) & 0x7f)
        guard room != 0 else { return grid.prefetchBlock(of: t) }
        // The mask rotated so that bit 0 is tomorrow's weekday: its lowest set bit is the first
        // day with room, found without a division per day.
        let tomorrow = day + 1, first = weekday == 6 ? 0 : weekday + 1
        let ahead = ((room | room << 7) >> UInt16(first)).trailingZeroBitCount
        let roomDay = first + ahead < 7 ? first + ahead : first + ahead - 7
        let p = parity(tomorrow + ahead)
        grid.prefetch(t, row: row(parity: p, weekday: roomDay))
        if parities == 2 { grid.prefetch(t, row: row(parity: 1 - p, weekday: roomDay)) }
    }

    /// Hints the memory the day's sessions of the therapists `prefetchAhead` and twice that ahead
    /// of `position` in the day's `walk` will read: for the nearer one, the records and symptom
    /// scores of the clients booked in `row` (the slot row of the day); for the further one, that
    /// slot row and their whole record.
    @inline(__always)
    func prefetchSessions(after position: Int, of walk: UnsafeBufferPointer<Int32>, row: Int) {
        if position + 2 * Self.prefetchAhead < walk.count {
            let further = Int(walk[position + 2 * Self.prefetchAhead])
            grid.prefetch(further, row: row)
            // The further therapist's whole record, which the nearer step below and their own day
            // read: the hardware's stream prefetch alone left it cold at 50,000 therapists.
            therapists.prefetch(further, bytes: MemoryLayout<Therapist>.stride)
        }
        guard position + Self.prefetchAhead < walk.count else { return }
        let nearer = Int(walk[position + Self.prefetchAhead])
        // The booked count stops the scan at the row's last client.
        var remaining = therapists[nearer].bookedPerDay[row]
        guard remaining > 0 else { return }
        let start = grid.slot(row: row, position: 0)
        let end = start + Int(therapists[nearer].slotsPerDay)
        var slot = start
        while remaining > 0 && slot < end {
            let client = grid[nearer, slot]
            if client >= 0 {
                clients.prefetch(client)
                outcomes.prefetch(client)
                remaining -= 1
            }
            slot += 1
        }
    }
}
