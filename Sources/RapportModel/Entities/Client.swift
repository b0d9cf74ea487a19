import CMemoryHints

/// Where a client is in their journey.
public enum ClientStage: UInt8, Sendable {
    case waiting, inTreatment, completed, droppedOut, abandoned
}

/// One client: who they are and where they are. Stored in a `ClientPool` and recycled once their
/// story ends, so memory holds only clients still in the system.
///
/// The record is 64 bytes, one cache line in the pool's line-aligned storage (a test keeps it so).
/// A platform of 50,000 therapists holds over a million records, and so does a waitlist of a
/// million clients; every session reads one record, and every client the waitlist walk passes.
/// At 96 bytes a record spanned two lines. To fit:
/// - the attributes drawn from small tables are stored narrow (concerns and severities in 16
///   bits, refused beyond `maxCategories`; languages and modalities in 8, as they are bits of a
///   64-bit mask), and read as `Int32` as before;
/// - the yes/no facts share one byte of flags;
/// - the current therapist is a flag on `lastTherapist`, which always holds them while booked;
/// - the patience deadline is not stored: it is only read when the client joins the waitlist,
///   and each caller of `joinWaitlist` knows it.
/// Fields go widest first, so the record has no padding.
struct Client {
    var arrival: Double
    var matchQuality: Double = 0
    /// When the client joined the waitlist (for waitlist-spell accounting).
    var waitingSince: Double = 0
    var sessionsNeeded: Int32
    var sessionsAttended: Int32 = 0
    var bookedSessions: Int32 = 0
    /// Bumped whenever the client leaves the waitlist, so a stale abandonment event is ignored.
    var generation: UInt32 = 0
    /// The therapist who saw them last, kept after their slot is freed, for outcome accounting;
    /// while they hold a slot, their therapist (see `therapist`).
    var lastTherapist: Int32 = -1
    /// Index into the therapist's slot grid.
    var slot: Int32 = -1
    /// The slot of the other week, for a client seen weekly on a fortnightly grid; -1 otherwise.
    var otherWeekSlot: Int32 = -1
    /// First day the booked slot may run (bookings never run on the day they are made).
    var firstEligibleDay: Int32 = 0
    private var storedConcern: UInt16
    private var storedSeverity: UInt16
    private var storedModality: UInt8
    private var storedLanguage: UInt8
    var stage: ClientStage = .waiting
    private var flags: Flags = []

    /// The most concerns or severities a client can be drawn from (what 16 bits hold).
    static let maxCategories = Int(UInt16.max) + 1
    /// The most languages or modalities (bits of a 64-bit mask; what 8 bits hold).
    static let maxMaskedCategories = 64

    private struct Flags: OptionSet {
        let rawValue: UInt8
        static let started = Flags(rawValue: 1 << 0)
        static let rematched = Flags(rawValue: 1 << 1)
        static let priority = Flags(rawValue: 1 << 2)
        static let measured = Flags(rawValue: 1 << 3)
        static let isReleased = Flags(rawValue: 1 << 4)
        static let booked = Flags(rawValue: 1 << 5)
    }

    /// Whether `flag` is set: the one accessor every yes/no fact below goes through.
    private subscript(flag: Flags) -> Bool {
        @inline(__always) get { flags.contains(flag) }
        @inline(__always) set { if newValue { flags.insert(flag) } else { flags.remove(flag) } }
    }

    var concern: Int32 { Int32(storedConcern) }
    var severity: Int32 { Int32(storedSeverity) }
    var modality: Int32 { Int32(storedModality) }
    var language: Int32 { Int32(storedLanguage) }

    /// The therapist whose slot they hold, or −1.
    var therapist: Int32 {
        get { self[.booked] ? lastTherapist : -1 }
        set {
            self[.booked] = newValue >= 0
            if newValue >= 0 { lastTherapist = newValue }
        }
    }
    /// The client's first session happened (their wait is recorded).
    var started: Bool { get { self[.started] } set { self[.started] = newValue } }
    /// The client was re-matched after losing a therapist: the next session counts as a first one.
    var rematched: Bool { get { self[.rematched] } set { self[.rematched] = newValue } }
    /// Waiting with priority (their therapist left or went on long leave).
    var priority: Bool { get { self[.priority] } set { self[.priority] = newValue } }
    /// Counted in results (arrived after the warm-up).
    var measured: Bool { get { self[.measured] } set { self[.measured] = newValue } }
    /// The record is on the free list: the client's story has ended.
    var isReleased: Bool { get { self[.isReleased] } set { self[.isReleased] = newValue } }

    /// A new arrival, waiting. (Written out so the parameters keep the order of who-they-are
    /// first, whatever order the stored fields take for packing.) The categories must be below
    /// `maxCategories` (concern, severity) and `maxMaskedCategories` (modality, language), as
    /// scenarios ensure.
    init(arrival: Double, concern: Int32, severity: Int32, modality: Int32, language: Int32,
         sessionsNeeded: Int32, measured: Bool) {
        self.arrival = arrival
        self.storedConcern = UInt16(concern)
        self.storedSeverity = UInt16(severity)
        self.storedModality = UInt8(modality)
        self.storedLanguage = UInt8(language)
        self.sessionsNeeded = sessionsNeeded
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
        // The storage is line-aligned and a record is one line.
        if let record = clients.address(of: Int(index)) { rapport_prefetch(record) }
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
