import CMemoryHints

/// The clients waiting for a therapist: those with priority first, then in order of arrival.
///
/// A doubly linked list threaded through an array indexed by client, so removing a client who
/// abandons or is matched costs O(1), and memory holds only what waits.
struct WaitingList {
    /// A client's neighbours in the list, together: joining or leaving reads one cache line for
    /// them where two arrays read two, each a miss among a million clients on a large platform.
    /// (With the priority flag inside, the 12-byte stride cost a million waiting clients 16 more
    /// bytes each at peak, most of it while the array grew.)
    private struct Link {
        var next: Int32 = -1
        var previous: Int32 = -1
    }

    private var links: [Link] = []
    private var isPriority: [Bool] = []
    private var heads: (priority: Int32, normal: Int32) = (-1, -1)
    private var tails: (priority: Int32, normal: Int32) = (-1, -1)
    private(set) var count = 0

    private mutating func ensureCapacity(_ client: Int32) {
        let needed = Int(client) + 1
        if links.count < needed {
            isPriority.append(contentsOf: repeatElement(false, count: needed - links.count))
            links.append(contentsOf: repeatElement(Link(), count: needed - links.count))
        }
    }

    mutating func append(_ client: Int32, priority: Bool) {
        ensureCapacity(client)
        let tail = priority ? tails.priority : tails.normal
        links[Int(client)] = Link(next: -1, previous: tail)
        isPriority[Int(client)] = priority
        if tail >= 0 { links[Int(tail)].next = client } else if priority { heads.priority = client } else { heads.normal = client }
        if priority { tails.priority = client } else { tails.normal = client }
        count += 1
    }

    mutating func remove(_ client: Int32) {
        let link = links[Int(client)]
        let priority = isPriority[Int(client)]
        let before = link.previous, after = link.next
        if before >= 0 { links[Int(before)].next = after } else if priority { heads.priority = after } else { heads.normal = after }
        if after >= 0 { links[Int(after)].previous = before } else if priority { tails.priority = before } else { tails.normal = before }
        count -= 1
    }

    /// Clients in service order: priority first, then by arrival.
    func inOrder() -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(count)
        var cursor = heads.priority
        while cursor >= 0 { result.append(cursor); cursor = links[Int(cursor)].next }
        cursor = heads.normal
        while cursor >= 0 { result.append(cursor); cursor = links[Int(cursor)].next }
        return result
    }

    /// The client after `client` in service order (priority ones, then the rest), or nil.
    /// `client` must be waiting; read it before `client` leaves, as `remove` forgets the link.
    func next(after client: Int32) -> Int32? {
        let link = links[Int(client)]
        if link.next >= 0 { return link.next }
        if isPriority[Int(client)] && heads.normal >= 0 { return heads.normal }
        return nil
    }

    /// Hints that `next(after: client)` is about to be read: on a large platform the links of a
    /// long waitlist are scattered among a million clients', and a walk that reads each one only
    /// when it gets there waits for every one in turn.
    @inline(__always)
    func prefetchLink(of client: Int32) {
        links.withUnsafeBufferPointer { links in
            if Int(client) >= 0 && Int(client) < links.count { rapport_prefetch(links.baseAddress! + Int(client)) }
        }
    }

    var first: Int32? {
        if heads.priority >= 0 { return heads.priority }
        return heads.normal >= 0 ? heads.normal : nil
    }
}
