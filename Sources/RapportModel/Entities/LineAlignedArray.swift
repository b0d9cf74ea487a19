import CMemoryHints

/// A growable array of plain records whose storage starts on a 64-byte cache line, with value
/// semantics (copy on write), for the model's per-client records.
///
/// Why not `Array`: its elements start 32 bytes into a heap block that is only 16-byte aligned,
/// so where a record falls within cache lines changes from run to run. A 96-byte client record
/// then spans three lines for every other index (one more miss than two, and one the day loop's
/// hint did not cover), and a 64-byte record two lines instead of one. At 50,000 therapists these
/// records are read at random among a million, and each line is a cache miss. Here record i
/// starts at `i × stride` from a line, so a 64-byte record is exactly one line, a 96-byte record
/// always exactly two.
///
/// Storage of 8 MiB or more is backed by transparent huge pages where the system allows it (see
/// `rapport_allocate_records`): at 50,000 therapists the records are read at random among hundreds
/// of megabytes, and 4 KiB pages made most of those reads miss the address-translation cache too.
///
/// `Element` must be a plain value (no references): records are copied and released as bytes.
public struct LineAlignedArray<Element>: RandomAccessCollection, MutableCollection {
    /// The cache line the storage is aligned to.
    public static var lineSize: Int { 64 }

    private final class Storage {
        let base: UnsafeMutablePointer<Element>
        var count = 0
        let capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 1)
            precondition(MemoryLayout<Element>.alignment <= LineAlignedArray.lineSize, "records align within a line")
            let (bytes, overflow) = self.capacity.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
            guard !overflow, let raw = rapport_allocate_records(bytes) else {
                fatalError("LineAlignedArray: out of memory for \(self.capacity) records")
            }
            base = raw.bindMemory(to: Element.self, capacity: self.capacity)
        }

        func copy(capacity newCapacity: Int) -> Storage {
            let copy = Storage(capacity: newCapacity)
            copy.base.initialize(from: base, count: count)
            copy.count = count
            return copy
        }

        // Plain records need no deinitialisation.
        deinit { rapport_free_records(base) }
    }

    private var storage: Storage
    // The storage's address and count, kept here too so that an access reads them from the
    // array itself rather than through the storage object (one dependent load fewer). Only a
    // uniquely held storage is ever changed, so no other array holds a stale copy.
    private var base: UnsafeMutablePointer<Element>
    /// The number of records.
    public private(set) var count = 0

    /// An empty array.
    public init() {
        precondition(_isPOD(Element.self), "LineAlignedArray holds plain records only")
        storage = Storage(capacity: 16)
        base = storage.base
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// Record `i`; a bounds check, as `Array` makes.
    @inline(__always)
    public subscript(i: Int) -> Element {
        get {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "LineAlignedArray index out of range")
            return base[i]
        }
        _modify {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "LineAlignedArray index out of range")
            if !isKnownUniquelyReferenced(&storage) { replaceStorage(capacity: storage.capacity) }
            yield &base[i]
        }
    }

    /// Adds `element` at the end, doubling the storage when it is full.
    @inline(__always)
    public mutating func append(_ element: Element) {
        makeUniqueRoom(for: 1)
        (base + count).initialize(to: element)
        count += 1
        storage.count = count
    }

    /// Adds `count` copies of `element` at the end: one capacity and ownership check for all of
    /// them, rather than one per record.
    public mutating func append(repeating element: Element, count added: Int) {
        guard added > 0 else { return }
        makeUniqueRoom(for: added)
        (base + count).initialize(repeating: element, count: added)
        count += added
        storage.count = count
    }

    /// Makes room for at least `capacity` records without moving them again. Untouched room
    /// costs address space, not memory: the pages are only backed once written.
    public mutating func reserveCapacity(_ capacity: Int) {
        if capacity > storage.capacity { replaceStorage(capacity: capacity) }
    }

    /// The address of record `i`, for a cache hint; nil when `i` is out of range.
    @inline(__always)
    public func address(of i: Int) -> UnsafeRawPointer? {
        UInt(bitPattern: i) < UInt(bitPattern: count) ? UnsafeRawPointer(base + i) : nil
    }

    /// Hints that the `bytes` from the start of record `i` are about to be read: one hint per line
    /// from there (records past the end are not hinted).
    @inline(__always)
    public func prefetch(_ i: Int, bytes: Int) {
        guard let start = address(of: i) else { return }
        for offset in stride(from: 0, to: bytes, by: Self.lineSize) { rapport_prefetch(start + offset) }
    }

    /// Room for `added` more records in storage this array alone holds: doubled (or more) when
    /// full, copied when shared.
    @inline(__always)
    private mutating func makeUniqueRoom(for added: Int) {
        if count + added > storage.capacity {
            replaceStorage(capacity: Swift.max(storage.capacity * 2, count + added))
        } else if !isKnownUniquelyReferenced(&storage) {
            replaceStorage(capacity: storage.capacity)
        }
    }

    private mutating func replaceStorage(capacity: Int) {
        storage = storage.copy(capacity: capacity)
        base = storage.base
    }
}

/// The sizes of the per-client records the day loop reads at every session, for the tests that
/// keep them within the cache lines `LineAlignedArray` promises.
public enum ClientRecordLayout {
    /// Bytes per client record (one cache line).
    public static var clientStride: Int { MemoryLayout<Client>.stride }

    /// What goes wrong when the packed fields of a client record (see `Client`) are set one at a
    /// time: each must read back as set and leave every other as it was. Empty when all is well.
    public static func clientFieldProblems() -> [String] {
        var problems: [String] = []
        let flags: [(String, WritableKeyPath<Client, Bool>)] = [
            ("started", \.started), ("rematched", \.rematched), ("priority", \.priority),
            ("measured", \.measured), ("isReleased", \.isReleased),
        ]
        func state(_ c: Client) -> [String] {
            flags.map { "\($0.0)=\(c[keyPath: $0.1])" } + ["therapist=\(c.therapist)", "last=\(c.lastTherapist)",
                "concern=\(c.concern)", "severity=\(c.severity)", "modality=\(c.modality)", "language=\(c.language)"]
        }
        let fresh = Client(arrival: 1, concern: 999, severity: 2, modality: 63, language: 17, sessionsNeeded: 8, measured: false)
        if fresh.concern != 999 || fresh.severity != 2 || fresh.modality != 63 || fresh.language != 17 || fresh.measured {
            problems.append("a new record reads back \(state(fresh))")
        }
        for (name, flag) in flags {
            for value in [true, false] {
                var c = fresh
                for (_, other) in flags where other != flag { c[keyPath: other] = !value }
                let before = state(c)
                c[keyPath: flag] = value
                var expected = before
                expected[flags.firstIndex { $0.1 == flag }!] = "\(name)=\(value)"
                if state(c) != expected { problems.append("setting \(name) to \(value) gave \(state(c)), expected \(expected)") }
            }
        }
        var c = fresh
        if c.therapist != -1 { problems.append("a new record has therapist \(c.therapist)") }
        c.therapist = 41
        if c.therapist != 41 || c.lastTherapist != 41 { problems.append("booked with 41: therapist \(c.therapist), last \(c.lastTherapist)") }
        c.therapist = -1
        if c.therapist != -1 || c.lastTherapist != 41 { problems.append("unbooked: therapist \(c.therapist), last \(c.lastTherapist)") }
        c.lastTherapist = 7
        if c.therapist != -1 { problems.append("a group facilitator (last 7) reads as therapist \(c.therapist)") }
        if state(c).prefix(flags.count) != state(fresh).prefix(flags.count) { problems.append("booking changed the flags: \(state(c))") }
        return problems
    }

    /// Bytes per symptom-score record (one cache line).
    public static var scoresStride: Int { MemoryLayout<SymptomScores>.stride }
    /// Bytes at the head of a therapist record that booking reads (`bookedPerDay` through `caps`),
    /// which `PlatformModel.prefetchBooking` hints as `PlatformModel.bookingLines` lines from the
    /// record's start.
    public static var therapistBookingBytes: Int { MemoryLayout<Therapist>.offset(of: \Therapist.group)! }
    /// Bytes per therapist record: where in a line record i starts is i × stride mod 64.
    public static var therapistStride: Int { MemoryLayout<Therapist>.stride }
}
