import Testing
import RapportModel

/// The line-aligned storage of the per-client records: value semantics like `Array`, storage on a
/// cache line, and records that keep within the lines the day loop's cache hints cover (a client
/// record and a symptom-score record in one each). A field added to either record that breaks the
/// budget fails here rather than silently costing a cache miss per session at scale.
@Suite("Record layout")
struct RecordLayoutTests {
    struct Record: Equatable {
        var x: Double
        var n: Int32
    }

    @Test("records start on a cache line, however many are appended")
    func alignment() {
        var array = LineAlignedArray<Record>()
        for i in 0..<1_000 {
            array.append(Record(x: Double(i), n: Int32(i)))
            let address = Int(bitPattern: array.address(of: 0))
            #expect(address % LineAlignedArray<Record>.lineSize == 0)
        }
        #expect(array.count == 1_000)
        #expect(array.map(\.n) == (0..<1_000).map(Int32.init))
        #expect(array.address(of: 1_000) == nil && array.address(of: -1) == nil)
    }

    @Test("large storage starts on a 2 MiB boundary (huge pages), and still copies on write")
    func hugePageStorage() {
        // 16 bytes a record: 8 MiB or more from 524,288 records on.
        var array = LineAlignedArray<Record>()
        array.append(repeating: Record(x: 1, n: 2), count: 600_000)
        #expect(Int(bitPattern: array.address(of: 0)) % (2 << 20) == 0)
        var small = LineAlignedArray<Record>()
        small.append(Record(x: 0, n: 0))
        #expect(Int(bitPattern: small.address(of: 0)) % LineAlignedArray<Record>.lineSize == 0)
        var copy = array
        copy[599_999].n = 7
        #expect(array[599_999].n == 2 && copy[599_999].n == 7 && copy[0] == array[0])
        #expect(Int(bitPattern: copy.address(of: 0)) % (2 << 20) == 0)
    }

    @Test("appending many copies at once: past capacity, on a shared array, and none")
    func appendRepeating() {
        var array = LineAlignedArray<Record>()
        array.append(Record(x: 1, n: 1))
        array.append(repeating: Record(x: 2, n: 2), count: 100)   // beyond the first capacity
        #expect(array.count == 101)
        #expect(array.map(\.n) == [1] + Array(repeating: 2, count: 100))
        #expect(Int(bitPattern: array.address(of: 0)) % LineAlignedArray<Record>.lineSize == 0)
        let shared = array
        array.append(repeating: Record(x: 3, n: 3), count: 2)
        #expect(shared.count == 101 && array.count == 103 && array[102].n == 3)
        array.append(repeating: Record(x: 4, n: 4), count: 0)
        #expect(array.count == 103)
        array[0].n = 9
        #expect(shared[0].n == 1)
    }

    @Test("a copy is independent of the original (copy on write)")
    func valueSemantics() {
        var original = LineAlignedArray<Record>()
        for i in 0..<40 { original.append(Record(x: Double(i), n: 0)) }
        var copy = original
        copy[3].n = 7
        copy.append(Record(x: -1, n: -1))
        #expect(original[3].n == 0 && original.count == 40)
        #expect(copy[3].n == 7 && copy.count == 41)
        original[5].x = 99
        #expect(copy[5].x == 5)
        // Appending to a shared array at full capacity and below it.
        var a = LineAlignedArray<Record>()
        for i in 0..<16 { a.append(Record(x: Double(i), n: 1)) }
        let b = a
        a.append(Record(x: 16, n: 1))
        #expect(b.count == 16 && a.count == 17 && Array(a.prefix(16)) == Array(b))
        // Reserving room moves the records once, keeps them and the alignment, and leaves a copy be.
        var c = a
        c.reserveCapacity(10_000)
        c[0].n = 5
        #expect(Array(c.dropFirst()) == Array(a.dropFirst()) && a[0].n == 1 && c.count == 17)
        #expect(Int(bitPattern: c.address(of: 0)) % LineAlignedArray<Record>.lineSize == 0)
    }

    @Test("a client record and a score record are one cache line each, booking fields four")
    func recordBudgets() {
        #expect(ClientRecordLayout.clientStride == LineAlignedArray<Int32>.lineSize)
        #expect(ClientRecordLayout.scoresStride == LineAlignedArray<Int32>.lineSize)
        // The booking hint asks for `bookingLines` lines from a therapist record's start. A
        // record starts within a line at a multiple of gcd(stride, 64); the booking fields must
        // end inside those lines wherever it starts, or the last of them would load cold.
        let line = LineAlignedArray<Int32>.lineSize
        var latestStart = 0
        for i in 0..<line { latestStart = max(latestStart, i * ClientRecordLayout.therapistStride % line) }
        #expect(latestStart + ClientRecordLayout.therapistBookingBytes <= PlatformModel.bookingLines * line)
        // And no fewer lines would do: the hint asks for none it does not need.
        #expect(ClientRecordLayout.therapistBookingBytes > (PlatformModel.bookingLines - 1) * line)
    }

    @Test("a client record's packed fields (flags, narrow categories, the booked therapist) read back as set")
    func packedClientFields() {
        #expect(ClientRecordLayout.clientFieldProblems() == [])
    }
}
