/// The waiting line of continuous mode: arrival times in FIFO order, with O(log n) removal of an
/// abandoning client by arrival number and compaction so memory follows what actually waits.
struct FIFOLine {
    private var times: [Double] = []
    /// Arrival numbers beside `times`, kept only by a line clients can leave (`numbered`).
    private var numbers: [Int] = []
    private var head = 0
    private var removed = 0
    /// Whether clients can leave from inside the line (`remove(number:)`). Only a line with
    /// patience needs their numbers; without, appending writes one array instead of two.
    let numbered: Bool

    init(numbered: Bool) { self.numbered = numbered }

    var count: Int { times.count - head - removed }

    mutating func append(arrival: Double, number: Int) {
        times.append(arrival)
        if numbered { numbers.append(number) }
    }

    @inline(__always)
    mutating func popFirst() -> Double? {
        while head < times.count {
            let time = times[head]
            head += 1
            if time.isNaN { removed -= 1; continue }
            compactIfSparse()
            return time
        }
        return nil
    }

    /// Removes the client with arrival number `number` if still waiting; returns their arrival time.
    mutating func remove(number: Int) -> Double? {
        precondition(numbered, "only a numbered line can remove a client from inside")
        // Numbers increase along the line, so binary search finds the client.
        var low = head, high = numbers.count
        while low < high {
            let mid = (low + high) / 2
            if numbers[mid] < number { low = mid + 1 } else { high = mid }
        }
        guard low < numbers.count, numbers[low] == number, !times[low].isNaN else { return nil }
        let time = times[low]
        times[low] = .nan
        removed += 1
        compactIfSparse()
        return time
    }

    /// The test is inlined into `popFirst` and `remove`; the rare compaction is not.
    @inline(__always)
    private mutating func compactIfSparse() {
        if head + removed > 1024, head + removed > times.count / 2 { compact() }
    }

    private mutating func compact() {
        var kept = 0
        for i in head..<times.count where !times[i].isNaN {
            times[kept] = times[i]
            if numbered { numbers[kept] = numbers[i] }
            kept += 1
        }
        times.removeLast(times.count - kept)
        if numbered { numbers.removeLast(numbers.count - kept) }
        head = 0
        removed = 0
    }
}
