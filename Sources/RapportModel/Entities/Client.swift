import CMemoryHints

/// Where a client is in their journey.
public enum ClientStage: UInt8, Sendable {
    case waiting, inTreatment, completed, droppedOut, abandoned
}

/// One client: who they are and where they are. Stored in a `ClientPool` and recycled once their
/// story ends, so memory holds only clients still in the system.
///
/// The record is 64 bytes, one cache line in the pool's line-aligned storage (it was 96, two
/// lines). At 50,000 therapists the pool holds about a million records, an arrival's is cold,
/// and an arrival already asks for a dozen cold lines, more than the core keeps in flight.
/// Fields that never need 32 bits are stored narrow and read through `Int32` accessors, so call
/// sites are unchanged; the flags share one byte. What keeps each value in range:
/// - attributes: at most 255 concerns and 64 languages and modalities (`ScenarioLimits`), and
///   a handful of severities;
/// - slots: at most 12 a day on 14 rows (`ScenarioLimits.maxSlotsPerDay`);
/// - days: a horizon of at most 36,500 days (`ScenarioLimits.maxHorizonDays`);
/// - session counts: they saturate at 65,535, which no client reaches in 100 years.
struct Client {
    var arrival: Double
    var patienceDeadline: Double
    var matchQuality: Double = 0
    /// When the client joined the waitlist (for waitlist-spell accounting).
    var waitingSince: Double = 0
    /// Bumped whenever the client leaves the waitlist, so a stale abandonment event is ignored.
    var generation: UInt32 = 0
    var therapist: Int32 = -1
    /// The therapist who saw them last, kept after their slot is freed, for outcome accounting.
    var lastTherapist: Int32 = -1
    private var storedSessionsNeeded: UInt16
    private var storedSessionsAttended: UInt16 = 0
    private var storedBookedSessions: UInt16 = 0
    private var storedFirstEligibleDay: UInt16 = 0
    private var storedSlot: Int16 = -1
    private var storedOtherWeekSlot: Int16 = -1
    private var storedConcern: UInt8
    private var storedSeverity: UInt8
    private var storedModality: UInt8
    private var storedLanguage: UInt8
    var stage: ClientStage = .waiting
    private var flags: UInt8 = 0

    var concern: Int32 { get { Int32(storedConcern) } set { storedConcern = UInt8(newValue) } }
    var severity: Int32 { get { Int32(storedSeverity) } set { storedSeverity = UInt8(newValue) } }
    var modality: Int32 { get { Int32(storedModality) } set { storedModality = UInt8(newValue) } }
    var language: Int32 { get { Int32(storedLanguage) } set { storedLanguage = UInt8(newValue) } }
    /// At most 1,000 when drawn; `Int32.max` (stored as `UInt16.max`) when a pathway decides
    /// when treatment ends.
    var sessionsNeeded: Int32 {
        get { storedSessionsNeeded == .max ? .max : Int32(storedSessionsNeeded) }
        set { storedSessionsNeeded = UInt16(clamping: newValue) }
    }
    /// Saturates at 65,535 (the rules ask only whether it is 1, 2, or at least sessions needed).
    var sessionsAttended: Int32 {
        get { Int32(storedSessionsAttended) }
        set { storedSessionsAttended = UInt16(clamping: newValue) }
    }
    /// Saturates as `sessionsAttended` does (the rules ask only whether it is 0).
    var bookedSessions: Int32 {
        get { Int32(storedBookedSessions) }
        set { storedBookedSessions = UInt16(clamping: newValue) }
    }
    /// Index into the therapist's slot grid.
    var slot: Int32 { get { Int32(storedSlot) } set { storedSlot = Int16(newValue) } }
    /// The slot of the other week, for a client seen weekly on a fortnightly grid; -1 otherwise.
    var otherWeekSlot: Int32 { get { Int32(storedOtherWeekSlot) } set { storedOtherWeekSlot = Int16(newValue) } }
    /// First day the booked slot may run (bookings never run on the day they are made).
    var firstEligibleDay: Int32 {
        get { Int32(storedFirstEligibleDay) }
        set { storedFirstEligibleDay = UInt16(newValue) }
    }

    /// The client's first session happened (their wait is recorded).
    var started: Bool { get { flag(0) } set { setFlag(0, newValue) } }
    /// The client was re-matched after losing a therapist: the next session counts as a first one.
    var rematched: Bool { get { flag(1) } set { setFlag(1, newValue) } }
    /// Waiting with priority (their therapist left or went on long leave).
    var priority: Bool { get { flag(2) } set { setFlag(2, newValue) } }
    /// Counted in results (arrived after the warm-up).
    var measured: Bool { get { flag(3) } set { setFlag(3, newValue) } }
    /// The record is on the free list: the client's story has ended.
    var isReleased: Bool { get { flag(4) } set { setFlag(4, newValue) } }

    @inline(__always) private func flag(_ bit: UInt8) -> Bool { flags & (1 << bit) != 0 }
    @inline(__always) private mutating func setFlag(_ bit: UInt8, _ on: Bool) {
        flags = on ? flags | (1 << bit) : flags & ~(1 << bit)
    }

    /// A new arrival, waiting.
    init(arrival: Double, concern: Int32, severity: Int32, modality: Int32, language: Int32,
         sessionsNeeded: Int32, patienceDeadline: Double, measured: Bool) {
        self.arrival = arrival
        self.patienceDeadline = patienceDeadline
        self.storedSessionsNeeded = UInt16(clamping: sessionsNeeded)
        self.storedConcern = UInt8(concern)
        self.storedSeverity = UInt8(severity)
        self.storedModality = UInt8(modality)
        self.storedLanguage = UInt8(language)
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
        // The storage is line-aligned, so a record of a line's size lies in one line.
        guard let record = clients.address(of: Int(index)) else { return }
        rapport_prefetch(record)
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
