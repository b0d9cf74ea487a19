import CMemoryHints

/// Where a client is in their journey.
public enum ClientStage: UInt8, Sendable {
    case waiting, inTreatment, completed, droppedOut, abandoned
}

/// One client: who they are and where they are. Stored in a `ClientPool` and recycled once their
/// story ends, so memory holds only clients still in the system.
///
/// The fields are laid out widest first (8-byte, then 4-byte, then 1-byte), so the record has no
/// padding: 96 bytes instead of 112 in declaration-by-topic order. A platform of 50,000 therapists
/// holds about a million records, and so do a million waiting clients, so the 16 bytes are
/// 14% of the pool's memory and of the cache lines a day's sessions touch.
struct Client {
    var arrival: Double
    var patienceDeadline: Double
    var matchQuality: Double = 0
    /// When the client joined the waitlist (for waitlist-spell accounting).
    var waitingSince: Double = 0
    var concern: Int32
    var severity: Int32
    var modality: Int32
    var language: Int32
    var sessionsNeeded: Int32
    var sessionsAttended: Int32 = 0
    var bookedSessions: Int32 = 0
    /// Bumped whenever the client leaves the waitlist, so a stale abandonment event is ignored.
    var generation: UInt32 = 0
    var therapist: Int32 = -1
    /// The therapist who saw them last, kept after their slot is freed, for outcome accounting.
    var lastTherapist: Int32 = -1
    /// Index into the therapist's slot grid.
    var slot: Int32 = -1
    /// The slot of the other week, for a client seen weekly on a fortnightly grid; -1 otherwise.
    var otherWeekSlot: Int32 = -1
    /// First day the booked slot may run (bookings never run on the day they are made).
    var firstEligibleDay: Int32 = 0
    var stage: ClientStage = .waiting
    /// The client's first session happened (their wait is recorded).
    var started = false
    /// The client was re-matched after losing a therapist: the next session counts as a first one.
    var rematched = false
    /// Waiting with priority (their therapist left or went on long leave).
    var priority = false
    /// Counted in results (arrived after the warm-up).
    var measured: Bool
    /// The record is on the free list: the client's story has ended.
    var isReleased = false

    /// A new arrival, waiting. (Written out so the parameters keep the order of who-they-are
    /// first, whatever order the stored fields take for packing.)
    init(arrival: Double, concern: Int32, severity: Int32, modality: Int32, language: Int32,
         sessionsNeeded: Int32, patienceDeadline: Double, measured: Bool) {
        self.arrival = arrival
        self.concern = concern
        self.severity = severity
        self.modality = modality
        self.language = language
        self.sessionsNeeded = sessionsNeeded
        self.patienceDeadline = patienceDeadline
        self.measured = measured
    }
}

/// A slab of clients with a free list, so indices stay stable while a client is active.
struct ClientPool {
    private(set) var clients = LineAlignedArray<Client>()
    private var free: [Int32] = []

    var activeCount: Int { clients.count - free.count }

    /// The pool slot the next `add` will fill.
    var nextIndex: Int32 { free.last ?? Int32(clients.count) }

    mutating func add(_ client: Client) -> Int32 {
        if let index = free.popLast() {
            // The generation carries over: an abandonment scheduled for the record's previous
            // holder must not find a match in the new one.
            var reused = client
            reused.generation = clients[Int(index)].generation
            clients[Int(index)] = reused
            return index
        }
        clients.append(client)
        return Int32(clients.count - 1)
    }

    /// Makes room for `count` records at once (see `LineAlignedArray.reserveCapacity`).
    mutating func reserve(_ count: Int) { clients.reserveCapacity(count) }

    mutating func release(_ index: Int32) {
        clients[Int(index)].generation &+= 1
        clients[Int(index)].isReleased = true
        free.append(index)
    }

    /// Hints that the record in `index` is about to be read (see `PlatformModel.prefetchAhead`).
    @inline(__always)
    func prefetch(_ index: Int32) {
        // The storage is line-aligned, so a record of up to 128 bytes lies in two lines: its first
        // and its last byte's.
        guard let record = clients.address(of: Int(index)) else { return }
        rapport_prefetch(record)
        rapport_prefetch(record + MemoryLayout<Client>.stride - 1)
    }

    subscript(index: Int32) -> Client {
        get { clients[Int(index)] }
        _modify { yield &clients[Int(index)] }
    }

    /// Changes several fields of one record in a single access: each `pool[i].field = …` checks
    /// bounds and ownership again, and the session loop changes two or three fields a session.
    @inline(__always)
    mutating func update<Result>(_ index: Int32, _ change: (inout Client) -> Result) -> Result {
        change(&clients[Int(index)])
    }
}
