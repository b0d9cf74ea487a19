/// The clients waiting for a therapist: those with priority first, then in order of arrival.
///
/// A doubly linked list threaded through arrays indexed by client, so removing a client who
/// abandons or is matched costs O(1), and memory holds only what waits.
struct WaitingList {
    private var next: [Int32] = []
    private var previous: [Int32] = []
    private var isPriority: [Bool] = []
    private var heads: (priority: Int32, normal: Int32) = (-1, -1)
    private var tails: (priority: Int32, normal: Int32) = (-1, -1)
    private(set) var count = 0

    private mutating func ensureCapacity(_ client: Int32) {
        let needed = Int(client) + 1
        if next.count < needed {
            let grow = needed - next.count
            next.append(contentsOf: repeatElement(-1, count: grow))
            previous.append(contentsOf: repeatElement(-1, count: grow))
            isPriority.append(contentsOf: repeatElement(false, count: grow))
        }
    }

    mutating func append(_ client: Int32, priority: Bool) {
        ensureCapacity(client)
        isPriority[Int(client)] = priority
        let tail = priority ? tails.priority : tails.normal
        previous[Int(client)] = tail
        next[Int(client)] = -1
        if tail >= 0 { next[Int(tail)] = client } else if priority { heads.priority = client } else { heads.normal = client }
        if priority { tails.priority = client } else { tails.normal = client }
        count += 1
    }

    mutating func remove(_ client: Int32) {
        let c = Int(client)
        let priority = isPriority[c]
        let before = previous[c], after = next[c]
        if before >= 0 { next[Int(before)] = after } else if priority { heads.priority = after } else { heads.normal = after }
        if after >= 0 { previous[Int(after)] = before } else if priority { tails.priority = before } else { tails.normal = before }
        count -= 1
    }

    /// Clients in service order: priority first, then by arrival.
    func inOrder() -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(count)
        var cursor = heads.priority
        while cursor >= 0 { result.append(cursor); cursor = next[Int(cursor)] }
        cursor = heads.normal
        while cursor >= 0 { result.append(cursor); cursor = next[Int(cursor)] }
        return result
    }

    /// The client after `client` in service order (priority ones, then the rest), or nil.
    /// `client` must be waiting; read it before `client` leaves, as `remove` forgets the link.
    func next(after client: Int32) -> Int32? {
        let after = next[Int(client)]
        if after >= 0 { return after }
        if isPriority[Int(client)] && heads.normal >= 0 { return heads.normal }
        return nil
    }

    var first: Int32? {
        if heads.priority >= 0 { return heads.priority }
        return heads.normal >= 0 ? heads.normal : nil
    }
}
