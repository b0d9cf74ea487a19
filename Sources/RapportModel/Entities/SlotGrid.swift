import CMemoryHints

/// Every therapist's recurring weekly slots, in one flat array.
///
/// Therapist t's grid is the block of `blockSize` cells from `t × blockSize`: `rows` rows (one per
/// weekday, and a second week of rows on a fortnightly grid; see `PlatformModel.row(parity:weekday:)`)
/// of `rowWidth` cells, of which a therapist uses the first `slotsPerDay`. A slot index (what a
/// client's `slot` holds) is `row × rowWidth + position`. A cell holds a client's pool index, −1
/// when free, or a group's value (`PathwayState.slotValue`).
///
/// One array rather than one per therapist: the address of a therapist's row is known without
/// reading their record, so the day loop and matching can ask for it early (a cache hint, see
/// `PlatformModel.prefetchAhead`), and a platform of 50,000 therapists makes one allocation
/// instead of 50,000.
struct SlotGrid {
    /// Cells per row: the most sessions a working day of any group holds.
    let rowWidth: Int
    /// Rows per therapist: 7, or 14 on a fortnightly grid.
    let rows: Int
    /// Line-aligned: a row of up to 16 cells whose width divides 64 bytes then lies in one cache
    /// line, the one the day loop's hint asks for.
    private(set) var cells = LineAlignedArray<Int32>()

    init(rowWidth: Int, rows: Int) {
        self.rowWidth = max(1, rowWidth)
        self.rows = rows
    }

    /// Cells per therapist.
    var blockSize: Int { rowWidth * rows }

    /// Makes room for the grids of `therapists` therapists at once.
    mutating func reserve(therapists: Int) { cells.reserveCapacity(therapists * blockSize) }

    /// Adds the next therapist's grid, every slot free.
    mutating func addTherapist() {
        cells.append(repeating: -1, count: blockSize)
    }

    /// The slot index of `position` in row `row`.
    @inline(__always)
    func slot(row: Int, position: Int) -> Int { row * rowWidth + position }

    /// The row a slot index lies in.
    @inline(__always)
    func row(ofSlot slot: Int) -> Int { slot / rowWidth }

    /// Cell `slot` of therapist `t`'s grid.
    @inline(__always)
    subscript(t: Int, slot: Int) -> Int32 {
        get { cells[t * blockSize + slot] }
        set { cells[t * blockSize + slot] = newValue }
    }

    /// A copy of therapist `t`'s grid, row by row: callers change the grid while they walk it,
    /// and a slice would keep the whole array shared, so the first change would copy all of it.
    func block(of t: Int) -> [Int32] { Array(cells[(t * blockSize)..<((t + 1) * blockSize)]) }

    /// Hints that some row of therapist `t`'s grid is about to be read: every line of it, at most
    /// eight (a weekly grid of 16 cells a row).
    @inline(__always)
    func prefetchBlock(of t: Int) {
        cells.prefetch(t * blockSize, bytes: min(blockSize * MemoryLayout<Int32>.stride, 8 * LineAlignedArray<Int32>.lineSize))
    }

    /// Hints that row `row` of therapist `t` is about to be read.
    @inline(__always)
    func prefetch(_ t: Int, row: Int) {
        if let start = cells.address(of: t * blockSize + row * rowWidth) { rapport_prefetch(start) }
    }
}
