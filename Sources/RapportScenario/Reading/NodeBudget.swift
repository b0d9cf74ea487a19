import Yams

/// A bound on the size of a YAML tree as the decoder will walk it, aliases expanded.
///
/// An alias refers to its anchor without copying it, so nested anchors (`b: [*a, *a, …]`,
/// `c: [*b, *b, …]`) make a file of a few kilobytes stand for billions of values. Every later
/// pass (variant line spans, merging, decoding) walks the expanded tree, so the bound is checked
/// once, up front, by a walk that itself stops as soon as the budget is spent.
enum NodeBudget {
    /// Values a scenario may expand to: a real scenario has a few hundred.
    static let limit = 100_000

    /// The node at which the expanded tree passed `limit` values, or nil when it stays within.
    static func overrun(_ root: Node, limit: Int = NodeBudget.limit) -> Node? {
        var remaining = limit
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            remaining -= 1
            if remaining < 0 { return node }
            switch node {
            case .mapping(let m):
                for (k, v) in m { stack.append(v); stack.append(k) }
            case .sequence(let s):
                // Backwards by index (Int): `s.reversed()` would instantiate a generic wrapper
                // whose first use costs a protocol-conformance scan.
                for i in stride(from: s.endIndex - 1, through: s.startIndex, by: -1) { stack.append(s[i]) }
            default: break
            }
            // A single sequence can hold more than the budget; the stack never grows past it.
            if stack.count > remaining { return node }
        }
        return nil
    }
}
