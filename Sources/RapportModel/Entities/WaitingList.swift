import CMemoryHints

/// The clients waiting for a therapist: those with priority first, then in order of arrival.
///
/// Clients come in *classes* that the platform chooses (clients who can be served by the same
/// therapist groups share one), and each class keeps its own doubly linked lists, threaded
/// through one array indexed by client: removing a client who abandons or is matched costs O(1),
/// and memory holds only what waits. Service order across classes comes from a stamp each client
/// gets on joining (priority ones before the rest, then by when they joined), so a `Walk` merges
/// the classes' lists into exactly the order one list would give, and can pass over a whole class
/// that nobody could serve without reading its clients. On a platform where a few clients
/// (a language only a small group speaks) wait while others are free, a walk after each hire no
/// longer visits every waiting client: at 50,000 therapists that walk grew with the platform.
public struct WaitingList {
    /// A client's neighbours in their class's list and their stamp, together: joining or leaving
    /// reads one cache line for them, each a miss among a million clients on a large platform.
    /// Twelve bytes, one per client number that ever waited, which is most of the list's memory.
    private struct Link {
        var next: Int32 = -1
        var previous: Int32 = -1
        /// Service order: bit 31 clear for priority, then the order of joining.
        var stamp: UInt32 = 0
    }

    /// The stamp bit of clients without priority.
    private static let unprioritised: UInt32 = 1 << 31

    private var links: [Link] = []
    /// Per class, the first and last client of its priority list (at 2k) and of the rest (2k + 1).
    private var heads: [Int32]
    private var tails: [Int32]
    /// The next stamp's order of joining.
    private var joined: UInt32 = 0
    /// When `joined` reaches this, the waiting clients are stamped afresh (`restamp`).
    private let stampLimit: UInt32
    /// How many clients wait.
    public private(set) var count = 0

    /// An empty list whose clients come in `classes` classes (numbered from 0).
    ///
    /// Stamps count joins in 31 bits. After `joinsBeforeRestamp` joins (2³¹ − 1 unless a test
    /// asks for fewer), the clients waiting are numbered afresh in service order, which keeps
    /// the order and frees the numbers of those who have left.
    public init(classes: Int = 1, joinsBeforeRestamp: Int = Int(Int32.max)) {
        precondition(classes >= 1, "a waiting list needs a class")
        precondition(joinsBeforeRestamp >= 1 && joinsBeforeRestamp < Int(Self.unprioritised), "joins before a restamp out of range")
        heads = Array(repeating: -1, count: 2 * classes)
        tails = heads
        stampLimit = UInt32(joinsBeforeRestamp)
    }

    /// How many classes of clients the list keeps apart.
    public var classCount: Int { heads.count / 2 }

    private mutating func ensureCapacity(_ client: Int32) {
        let needed = Int(client) + 1
        if links.count < needed { links.append(contentsOf: repeatElement(Link(), count: needed - links.count)) }
    }

    /// Puts `client` of class `k` at the end of the priority clients (`priority`) or of the rest.
    public mutating func append(_ client: Int32, class k: Int, priority: Bool) {
        ensureCapacity(client)
        if joined >= stampLimit { restamp() }
        let list = 2 * k + (priority ? 0 : 1)
        let tail = tails[list]
        links[Int(client)] = Link(next: -1, previous: tail, stamp: (priority ? 0 : Self.unprioritised) | joined)
        joined += 1
        if tail >= 0 { links[Int(tail)].next = client } else { heads[list] = client }
        tails[list] = client
        count += 1
    }

    /// Takes waiting client `client` of class `k` (as appended) off the list.
    public mutating func remove(_ client: Int32, class k: Int) {
        let link = links[Int(client)]
        let list = 2 * k + (link.stamp < Self.unprioritised ? 0 : 1)
        let before = link.previous, after = link.next
        if before >= 0 { links[Int(before)].next = after } else { heads[list] = after }
        if after >= 0 { links[Int(after)].previous = before } else { tails[list] = before }
        count -= 1
    }

    /// Numbers the waiting clients afresh, in service order, keeping each one's priority bit:
    /// the order stays as it was, and stamps start again from the number waiting. Rare: once
    /// every 2³¹ − 1 joins.
    private mutating func restamp() {
        precondition(count < Int(Self.unprioritised), "more clients waiting than stamps can number")
        let order = inOrder()
        for (n, client) in order.enumerated() {
            links[Int(client)].stamp = links[Int(client)].stamp & Self.unprioritised | UInt32(n)
        }
        joined = UInt32(order.count)
    }

    /// Clients in service order: priority first, then by arrival.
    public func inOrder() -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(count)
        var walk = Walk(self)
        while let client = next(in: &walk, eligible: { _ in true }) { result.append(client) }
        return result
    }

    /// The first client of class `k` in service order, or −1.
    private func first(inClass k: Int) -> Int32 {
        heads[2 * k] >= 0 ? heads[2 * k] : heads[2 * k + 1]
    }

    /// The client after waiting client `client` of class `k` in service order (the class's
    /// priority clients, then the rest), or −1.
    private func successor(of client: Int32, inClass k: Int) -> Int32 {
        let link = links[Int(client)]
        return link.next >= 0 || link.stamp >= Self.unprioritised ? link.next : heads[2 * k + 1]
    }

    /// Where a walk through the list in service order has got to: per class, the next client
    /// it has not yet handed out, and the stamp of the last client it handed out.
    public struct Walk {
        fileprivate var cursors: [Int32]
        fileprivate var position: UInt32 = 0
        /// The class of the client handed out last, or −1.
        public fileprivate(set) var lastClass = -1

        /// A walk from the first client in service order.
        public init(_ list: WaitingList) {
            cursors = (0..<list.classCount).map { list.first(inClass: $0) }
        }

        /// The next client the walk would consider in the class of the last one it handed out,
        /// or −1: for a cache hint.
        public var upcoming: Int32 { lastClass >= 0 ? cursors[lastClass] : -1 }
    }

    /// The next client of the walk in service order among the classes `eligible` accepts at
    /// this step, or nil when there is none. The caller may take the client it returns off the
    /// list before asking again (the walk has moved past them), but must add nobody and remove
    /// nobody else meanwhile.
    ///
    /// The clients of a class `eligible` turns down are passed over unread: the caller vouches
    /// that none of them could be served at this step. Should it accept the class again later,
    /// the walk goes on in that class from the last client handed out, as a walk that had
    /// tried every client in turn would.
    @inline(__always)
    public func next(in walk: inout Walk, eligible: (Int) -> Bool) -> Int32? {
        var chosen = -1, best = UInt32.max
        for k in walk.cursors.indices where walk.cursors[k] >= 0 && eligible(k) {
            // Behind the walk only if the class was turned down for a while. Stamps order every
            // priority client before the rest, so one comparison merges across classes.
            var client = walk.cursors[k]
            while client >= 0 && links[Int(client)].stamp < walk.position { client = successor(of: client, inClass: k) }
            walk.cursors[k] = client
            if client >= 0 && links[Int(client)].stamp < best { chosen = k; best = links[Int(client)].stamp }
        }
        guard chosen >= 0 else { return nil }
        let client = walk.cursors[chosen]
        walk.cursors[chosen] = successor(of: client, inClass: chosen)
        walk.position = best
        walk.lastClass = chosen
        return client
    }

    /// Hints that `client`'s link (their neighbours and stamp) is about to be read: for the
    /// client a walk will consider next. On a large platform the links of a long waitlist are
    /// scattered among a million clients', and a walk that reads each one only when it gets there
    /// waits for every one in turn.
    @inline(__always)
    public func prefetchLink(of client: Int32) {
        links.withUnsafeBufferPointer { links in
            if Int(client) >= 0 && Int(client) < links.count { rapport_prefetch(links.baseAddress! + Int(client)) }
        }
    }
}
