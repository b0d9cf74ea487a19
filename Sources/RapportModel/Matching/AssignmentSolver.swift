/// Solves the rectangular assignment problem: choose at most one column per row and one row per
/// column to maximise the total value of chosen pairs.
///
/// Forbidden pairs are never chosen. Among the feasible pairs the answer has the largest possible
/// number of assigned rows, and among assignments of that size the largest total value, so a
/// single valuable pair never crowds out two feasible ones.
///
/// The method is the Hungarian algorithm in its shortest-augmenting-path form (Jonker and
/// Volgenant; laid out for rectangular problems by Crouse, 2016): rows join the matching one at a
/// time along a shortest path in reduced costs, found by a Dijkstra search over the columns, and
/// row and column potentials are then shifted so every matched pair stays tight. It runs on
/// whichever orientation has fewer rows, so every row of the working problem can be assigned.
/// Forbidden pairs are given a finite penalty so large that one fewer forbidden pair always
/// outweighs any difference in value; pairs still carrying the penalty at the end are dropped.
///
/// - Complexity: O(n²·m) time in the worst case and O(n·m) extra memory, where
///   n = min(rows, columns) and m = max(rows, columns). Random dense instances stay far below
///   the bound: 2000 × 2000 takes well under a second in an optimised build.
public enum AssignmentSolver {
    /// Chooses pairs of rows and columns that maximise the total value.
    ///
    /// `values` is row-major, rows × columns. A value of `-Double.infinity` marks a forbidden pair.
    /// Every row is assigned when rows <= columns and a feasible full assignment exists;
    /// in general it returns a MAXIMUM-CARDINALITY assignment among feasible pairs, and among
    /// those the one with maximum total value. Ties between equally good assignments are broken
    /// deterministically.
    ///
    /// - Parameters:
    ///   - values: `rows * columns` values, row-major; each finite or `-Double.infinity`.
    ///   - rows: The number of rows, zero or more.
    ///   - columns: The number of columns, zero or more.
    /// - Returns: For each row, the chosen column or nil.
    /// - Precondition: `values.count == rows * columns`, and no value is NaN or `+infinity`.
    /// - Complexity: O(n²·m) time in the worst case, O(n·m) memory, where
    ///   n = min(rows, columns) and m = max(rows, columns).
    public static func maximise(values: [Double], rows: Int, columns: Int) -> [Int?] {
        precondition(rows >= 0 && columns >= 0, "AssignmentSolver: dimensions must not be negative")
        precondition(values.count == rows * columns,
                     "AssignmentSolver: values.count must equal rows × columns")
        var result = [Int?](repeating: nil, count: rows)

        var largestMagnitude = 0.0
        var anyFeasible = false
        for value in values where value != -.infinity {
            precondition(value.isFinite, "AssignmentSolver: values must be finite or -infinity")
            anyFeasible = true
            largestMagnitude = max(largestMagnitude, value.magnitude)
        }
        guard anyFeasible else { return result }

        // The search needs a free column at the end of every path, so it must see no more rows
        // than columns.
        let transposed = rows > columns
        let n = transposed ? columns : rows
        let m = transposed ? rows : columns

        // Any full assignment of the working problem has cost (forbidden pairs used) × penalty
        // minus the value of the others, whose values span at most 2·n·largestMagnitude; a
        // penalty above that makes fewer forbidden pairs win outright, i.e. more feasible pairs.
        let penalty = (largestMagnitude + 1) * Double(n + 1) * 4
        precondition(penalty.isFinite, "AssignmentSolver: values too large to rank safely")

        let cost = UnsafeMutablePointer<Double>.allocate(capacity: n * m)
        defer { cost.deallocate() }
        values.withUnsafeBufferPointer { source in
            if transposed {
                for r in 0..<m {
                    for c in 0..<n {
                        let value = source[r * columns + c]
                        cost[c * m + r] = value == -.infinity ? penalty : -value
                    }
                }
            } else {
                for k in 0..<(n * m) {
                    let value = source[k]
                    cost[k] = value == -.infinity ? penalty : -value
                }
            }
        }

        let columnForRow = minimumCostAssignment(cost: cost, rows: n, columns: m)
        for i in 0..<n {
            let j = columnForRow[i]
            let (row, column) = transposed ? (j, i) : (i, j)
            if values[row * columns + column] != -.infinity {
                result[row] = column
            }
        }
        return result
    }

    /// Assigns every row of a `rows` × `columns` cost matrix (rows <= columns, all costs finite)
    /// to a distinct column at minimum total cost.
    private static func minimumCostAssignment(
        cost: UnsafePointer<Double>, rows n: Int, columns m: Int
    ) -> [Int] {
        // One allocation for each work array, reused by every row's search.
        let rowPotential = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let columnPotential = UnsafeMutablePointer<Double>.allocate(capacity: m)
        let distance = UnsafeMutablePointer<Double>.allocate(capacity: m)
        let predecessor = UnsafeMutablePointer<Int>.allocate(capacity: m)
        let rowForColumn = UnsafeMutablePointer<Int>.allocate(capacity: m)
        let unsettled = UnsafeMutablePointer<Int>.allocate(capacity: m)
        let settled = UnsafeMutablePointer<Int>.allocate(capacity: m)
        defer {
            rowPotential.deallocate(); columnPotential.deallocate(); distance.deallocate()
            predecessor.deallocate(); rowForColumn.deallocate(); unsettled.deallocate()
            settled.deallocate()
        }
        rowPotential.initialize(repeating: 0, count: n)
        // Unmatched columns must keep a zero potential for the rectangular optimum to hold; the
        // updates below only ever move potentials of columns that are, or become, matched.
        columnPotential.initialize(repeating: 0, count: m)
        distance.initialize(repeating: .infinity, count: m)
        predecessor.initialize(repeating: -1, count: m)
        rowForColumn.initialize(repeating: -1, count: m)
        unsettled.initialize(repeating: 0, count: m)
        settled.initialize(repeating: 0, count: m)
        var columnForRow = [Int](repeating: -1, count: n)

        for start in 0..<n {
            for j in 0..<m { unsettled[j] = j }
            distance.update(repeating: .infinity, count: m)
            var unsettledCount = m
            var settledCount = 0
            var row = start
            var pathLength = 0.0
            var sink = -1

            // Dijkstra from `start` over reduced costs. Reduced costs of edges out of rows already
            // matched are non-negative by dual feasibility; only the first scan, from the new row,
            // can see negative ones, which is harmless because every path begins there.
            while sink < 0 {
                let offset = pathLength - rowPotential[row]
                let rowCost = cost + row * m
                var lowest = Double.infinity
                var lowestIndex = 0
                for k in 0..<unsettledCount {
                    let j = unsettled[k]
                    let reduced = offset + rowCost[j] - columnPotential[j]
                    var d = distance[j]
                    if reduced < d {
                        d = reduced
                        distance[j] = reduced
                        predecessor[j] = row
                    }
                    // Preferring a free column on a tie ends the search sooner, which matters
                    // for integer-valued matrices where ties are everywhere.
                    if d < lowest || (d == lowest && rowForColumn[j] < 0) {
                        lowest = d
                        lowestIndex = k
                    }
                }
                pathLength = lowest
                let j = unsettled[lowestIndex]
                unsettledCount -= 1
                unsettled[lowestIndex] = unsettled[unsettledCount]
                settled[settledCount] = j
                settledCount += 1
                if rowForColumn[j] < 0 { sink = j } else { row = rowForColumn[j] }
            }

            // Shift potentials so the matched pairs and the new path are tight and every reduced
            // cost stays non-negative. Only settled columns and their rows change, which keeps
            // this proportional to the search rather than to the matrix.
            rowPotential[start] += pathLength
            for k in 0..<settledCount {
                let j = settled[k]
                let shift = pathLength - distance[j]
                columnPotential[j] -= shift
                let matchedRow = rowForColumn[j]
                if matchedRow >= 0 { rowPotential[matchedRow] += shift }
            }

            var j = sink
            while true {
                let i = predecessor[j]
                rowForColumn[j] = i
                let previous = columnForRow[i]
                columnForRow[i] = j
                if i == start { break }
                j = previous
            }
        }
        return columnForRow
    }
}
