import RapportModel
import Testing
import RapportRandom

@Suite("Assignment solver")
struct AssignmentSolverTests {
    @Test("Matches brute force on small random instances, both orientations")
    func matchesBruteForce() {
        var generator = SplitMix64(state: 0x5EED_0001)
        let forbiddenShares = [0.0, 0.2, 0.5, 0.8]
        var compared = 0
        for trial in 0..<600 {
            let rows = 1 + generator.below(6)
            let columns = 1 + generator.below(6)
            let values = Self.randomValues(
                rows: rows, columns: columns,
                forbiddenShare: forbiddenShares[trial % forbiddenShares.count],
                integer: trial % 3 == 0, using: &generator)
            let assignment = AssignmentSolver.maximise(values: values, rows: rows, columns: columns)
            let expected = Self.bruteForceBest(values: values, rows: rows, columns: columns)
            let got = Self.score(assignment, values: values, rows: rows, columns: columns)
            #expect(got != nil, "malformed assignment \(assignment) for \(rows)×\(columns) \(values)")
            guard let got else { continue }
            #expect(got.pairs == expected.pairs, "pairs for \(rows)×\(columns) \(values)")
            #expect(abs(got.total - expected.total) <= 1e-9, "total for \(rows)×\(columns) \(values)")
            compared += 1
        }
        #expect(compared == 600)
    }

    @Test("Never chooses a forbidden pair")
    func neverChoosesForbidden() {
        // The only high-value entry is forbidden; the solver must not be tempted by the penalty.
        let forbiddenFirst = AssignmentSolver.maximise(values: [-.infinity, 1, 2], rows: 1, columns: 3)
        #expect(forbiddenFirst == [2])

        var generator = SplitMix64(state: 0x5EED_0002)
        for _ in 0..<200 {
            let rows = 1 + generator.below(12)
            let columns = 1 + generator.below(12)
            let values = Self.randomValues(
                rows: rows, columns: columns, forbiddenShare: 0.7, integer: false, using: &generator)
            let assignment = AssignmentSolver.maximise(values: values, rows: rows, columns: columns)
            #expect(assignment.count == rows)
            for (row, column) in assignment.enumerated() {
                if let column {
                    #expect(values[row * columns + column] != -.infinity)
                }
            }
            #expect(Self.score(assignment, values: values, rows: rows, columns: columns) != nil)
        }
    }

    @Test("Prefers more pairs to a higher total")
    func cardinalityComesFirst() {
        // Row 0 alone in column 0 is worth 100, but only row 0 → column 1 and row 1 → column 0
        // assigns both rows.
        let values: [Double] = [100, 1,
                                1, -.infinity]
        #expect(AssignmentSolver.maximise(values: values, rows: 2, columns: 2) == [1, 0])
    }

    @Test("Handles empty, all-forbidden and lopsided problems")
    func edgeCases() {
        #expect(AssignmentSolver.maximise(values: [], rows: 0, columns: 0) == [])
        #expect(AssignmentSolver.maximise(values: [], rows: 0, columns: 4) == [])
        #expect(AssignmentSolver.maximise(values: [], rows: 3, columns: 0) == [nil, nil, nil])

        let allForbidden = [Double](repeating: -.infinity, count: 6)
        #expect(AssignmentSolver.maximise(values: allForbidden, rows: 2, columns: 3) == [nil, nil])
        #expect(AssignmentSolver.maximise(values: allForbidden, rows: 3, columns: 2) == [nil, nil, nil])

        // A row with nothing allowed stays unassigned and does not disturb the others.
        let oneBlockedRow: [Double] = [1, 5,
                                       -.infinity, -.infinity,
                                       4, 2]
        #expect(AssignmentSolver.maximise(values: oneBlockedRow, rows: 3, columns: 2) == [1, nil, 0])

        #expect(AssignmentSolver.maximise(values: [-3], rows: 1, columns: 1) == [0])

        // More rows than columns: rows 1 and 2 each value a different column most, so rows 0 and 3
        // are left out.
        let tall: [Double] = [1, 1,
                              9, 0,
                              0, 9,
                              2, 2]
        #expect(AssignmentSolver.maximise(values: tall, rows: 4, columns: 2) == [nil, 0, 1, nil])

        // More columns than rows: both rows like column 1 best; row 1 gives it up because it
        // loses less by moving.
        let wide: [Double] = [0, 3, 0, 1,
                              2, 3, 0, 0]
        #expect(AssignmentSolver.maximise(values: wide, rows: 2, columns: 4) == [1, 0])
    }

    @Test("A 300 × 400 instance is valid and beats greedy")
    func largeDenseInstance() {
        var generator = SplitMix64(state: 0x5EED_0003)
        let rows = 300, columns = 400
        let values = (0..<(rows * columns)).map { _ in generator.unit() * 100 }
        let assignment = AssignmentSolver.maximise(values: values, rows: rows, columns: columns)
        let got = Self.score(assignment, values: values, rows: rows, columns: columns)
        #expect(got != nil)
        guard let got else { return }
        #expect(got.pairs == rows)
        #expect(got.total >= Self.greedy(values: values, rows: rows, columns: columns).total - 1e-9)

        // Necessary conditions for optimality: no row gains by moving to a free column, and no
        // two rows gain by swapping.
        let columnsUsed = Set(assignment.compactMap { $0 })
        let free = (0..<columns).filter { !columnsUsed.contains($0) }
        var improvable = false
        for row in 0..<rows {
            guard let mine = assignment[row] else { continue }
            let current = values[row * columns + mine]
            for column in free where values[row * columns + column] > current + 1e-9 { improvable = true }
            for other in (row + 1)..<rows {
                guard let theirs = assignment[other] else { continue }
                let before = current + values[other * columns + theirs]
                let after = values[row * columns + theirs] + values[other * columns + mine]
                if after > before + 1e-9 { improvable = true }
            }
        }
        #expect(!improvable)
    }

    @Test("A 400 × 300 instance with forbidden pairs has maximum cardinality")
    func largeTallInstanceWithForbiddenPairs() {
        var generator = SplitMix64(state: 0x5EED_0004)
        let rows = 400, columns = 300
        // Sparse enough that a perfect matching of the columns is not guaranteed.
        let values = (0..<(rows * columns)).map { _ in
            generator.unit() < 0.99 ? -Double.infinity : generator.unit() * 100
        }
        let assignment = AssignmentSolver.maximise(values: values, rows: rows, columns: columns)
        let got = Self.score(assignment, values: values, rows: rows, columns: columns)
        #expect(got != nil)
        guard let got else { return }
        #expect(got.pairs == Self.maximumMatchingSize(values: values, rows: rows, columns: columns))
        let greedyResult = Self.greedy(values: values, rows: rows, columns: columns)
        #expect(got.pairs >= greedyResult.pairs)
        if got.pairs == greedyResult.pairs {
            #expect(got.total >= greedyResult.total - 1e-9)
        }
    }

    // MARK: - Reference implementations and helpers

    /// A small, fully deterministic generator so failures reproduce exactly on every platform.
    struct SplitMix64 {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return StreamSeed.mix(state)
        }

        /// Uniform on [0, 1).
        mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

        /// Uniform on 0..<bound.
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    /// The number of pairs and their total value, or nil when the assignment is malformed: wrong
    /// length, a column out of range or used twice, or a forbidden pair.
    private static func score(
        _ assignment: [Int?], values: [Double], rows: Int, columns: Int
    ) -> (pairs: Int, total: Double)? {
        guard assignment.count == rows else { return nil }
        var used = [Bool](repeating: false, count: columns)
        var pairs = 0
        var total = 0.0
        for (row, column) in assignment.enumerated() {
            guard let column else { continue }
            guard column >= 0, column < columns, !used[column] else { return nil }
            let value = values[row * columns + column]
            guard value != -.infinity else { return nil }
            used[column] = true
            pairs += 1
            total += value
        }
        return (pairs, total)
    }

    /// The best (most pairs, then highest total) over every injective partial assignment.
    private static func bruteForceBest(
        values: [Double], rows: Int, columns: Int
    ) -> (pairs: Int, total: Double) {
        var best = (pairs: -1, total: -Double.infinity)
        var used = [Bool](repeating: false, count: columns)
        func extend(row: Int, pairs: Int, total: Double) {
            if row == rows {
                if pairs > best.pairs || (pairs == best.pairs && total > best.total) {
                    best = (pairs, total)
                }
                return
            }
            extend(row: row + 1, pairs: pairs, total: total)
            for column in 0..<columns where !used[column] {
                let value = values[row * columns + column]
                if value == -.infinity { continue }
                used[column] = true
                extend(row: row + 1, pairs: pairs + 1, total: total + value)
                used[column] = false
            }
        }
        extend(row: 0, pairs: 0, total: 0)
        return best
    }

    /// The size of a maximum matching over feasible pairs, by simple augmenting paths (Kuhn).
    private static func maximumMatchingSize(values: [Double], rows: Int, columns: Int) -> Int {
        var rowForColumn = [Int](repeating: -1, count: columns)
        var visited = [Bool](repeating: false, count: columns)
        func augment(_ row: Int) -> Bool {
            for column in 0..<columns where values[row * columns + column] != -.infinity && !visited[column] {
                visited[column] = true
                if rowForColumn[column] < 0 || augment(rowForColumn[column]) {
                    rowForColumn[column] = row
                    return true
                }
            }
            return false
        }
        var size = 0
        for row in 0..<rows {
            for column in 0..<columns { visited[column] = false }
            if augment(row) { size += 1 }
        }
        return size
    }

    /// Takes feasible pairs from the highest value down whenever both ends are still free.
    private static func greedy(values: [Double], rows: Int, columns: Int) -> (pairs: Int, total: Double) {
        var candidates: [(value: Double, row: Int, column: Int)] = []
        for row in 0..<rows {
            for column in 0..<columns where values[row * columns + column] != -.infinity {
                candidates.append((values[row * columns + column], row, column))
            }
        }
        candidates.sort { $0.value > $1.value }
        var rowUsed = [Bool](repeating: false, count: rows)
        var columnUsed = [Bool](repeating: false, count: columns)
        var pairs = 0
        var total = 0.0
        for candidate in candidates where !rowUsed[candidate.row] && !columnUsed[candidate.column] {
            rowUsed[candidate.row] = true
            columnUsed[candidate.column] = true
            pairs += 1
            total += candidate.value
        }
        return (pairs, total)
    }

    private static func randomValues(
        rows: Int, columns: Int, forbiddenShare: Double, integer: Bool, using generator: inout SplitMix64
    ) -> [Double] {
        (0..<(rows * columns)).map { _ in
            if generator.unit() < forbiddenShare { return -.infinity }
            // Small integers make many optimal assignments tie, which exercises tie handling.
            return integer ? Double(generator.below(5) - 2) : (generator.unit() - 0.5) * 20
        }
    }
}
