/// A set of ranks 0..<capacity as a bitset, with O(log n) counting below a rank and O(log n)
/// selection of the k-th member.
///
/// The words' population counts are kept in a Fenwick tree (a binary indexed tree), so counting
/// the members below a rank sums O(log words) partial counts, and the k-th member is found by
/// descending the tree, not by walking the words. Cost stays nearly flat as a group grows from
/// hundreds to tens of thousands of therapists.
struct RankBitset {
    private(set) var words: [UInt64]
    /// Fenwick tree over the words' population counts, 1-based (`tree[0]` is unused), padded with
    /// `Int32.max` up to twice `topStep` entries (see `select`).
    private var tree: [Int32]
    /// Members in the set.
    private(set) var count = 0
    /// The first word with a member (`words.count` when the set is empty).
    private(set) var firstWord: Int
    /// The largest power of two not above `words.count`: where selection starts its descent.
    private let topStep: Int

    /// The set whose members are the set bits of `words` (rank 64·i + b is bit b of word i), built
    /// in O(words).
    init(words: [UInt64]) {
        let wordCount = words.count
        self.words = words
        topStep = wordCount == 0 ? 0 : 1 << (Int.bitWidth - 1 - wordCount.leadingZeroBitCount)
        // Selection's descent reaches at most 2·topStep − 1; entries past the words hold more
        // members than any k, so the descent never stops there and needs no bounds test.
        tree = Array(repeating: 0, count: wordCount + 1)
        tree.append(contentsOf: repeatElement(.max, count: max(0, 2 * topStep - tree.count)))
        for i in 0..<wordCount {
            tree[i + 1] = Int32(words[i].nonzeroBitCount)
            count += words[i].nonzeroBitCount
        }
        for i in 1..<(wordCount + 1) {
            let parent = i + (i & -i)
            if parent <= wordCount { tree[parent] += tree[i] }
        }
        firstWord = words.firstIndex { $0 != 0 } ?? wordCount
    }

    /// An empty set: no ranks.
    init() { self.init(words: []) }

    /// The `i`-th word of the bitset (ranks 64·i ..< 64·i + 64).
    func word(_ i: Int) -> UInt64 { words[i] }

    /// Adds rank `i` (not already a member).
    mutating func insert(_ i: Int) {
        let w = i >> 6
        words[w] |= 1 << UInt64(i & 63)
        add(1, atWord: w)
        firstWord = min(firstWord, w)
    }

    /// Removes rank `i` (a member).
    mutating func remove(_ i: Int) {
        let w = i >> 6
        words[w] &= ~(1 << UInt64(i & 63))
        add(-1, atWord: w)
        if w == firstWord && words[w] == 0 {
            firstWord = count == 0 ? words.count : select(0) >> 6
        }
    }

    /// Members below rank `limit`.
    func count(below limit: Int) -> Int {
        guard limit < words.count * 64 else { return count }
        let full = limit >> 6
        var n = 0
        var i = full
        while i > 0 {
            n += Int(tree[i])
            i &= i - 1
        }
        if limit & 63 != 0 { n += (words[full] & ((1 << UInt64(limit & 63)) - 1)).nonzeroBitCount }
        return n
    }

    /// The rank of the `k`-th member (0-based, in rank order); `k` must be below `count`.
    func select(_ k: Int) -> Int {
        // Descend the tree to the last word whose preceding words hold at most k members. Whether
        // to step right is a coin flip for a random k, so it is worked out with masks, not
        // branches (the compiler turns a plain `if` or `?:` here back into a branch): at 40,000
        // members, ten mispredicted branches a selection cost more than the rest of it. The
        // padding keeps every `next` inside the tree.
        var position = 0, remaining = k, step = topStep
        tree.withUnsafeBufferPointer { tree in
            while step > 0 {
                let next = position &+ step
                let partial = Int(tree[next])
                // All ones when the words up to `next` hold more than `remaining`: stay.
                let stay = (remaining &- partial) >> (Int.bitWidth - 1)
                position = position &+ (step & ~stay)
                remaining = remaining &- (partial & ~stay)
                step &>>= 1
            }
        }
        return position * 64 + Self.select(remaining, in: words[position])
    }

    /// The position of the `k`-th set bit of `word` (0-based from the low end; `k` must be below
    /// its population). Halves the word six times by population count, rather than clearing up to
    /// 63 lower bits one at a time: a dense word's members are picked at every best-fit match.
    static func select(_ k: Int, in word: UInt64) -> Int {
        var v = word, remaining = k, position = 0
        var width = 32
        while width > 0 {
            let low = (v & ((1 << UInt64(width)) - 1)).nonzeroBitCount
            if remaining >= low {
                remaining -= low
                v >>= UInt64(width)
                position += width
            }
            width >>= 1
        }
        return position
    }

    private mutating func add(_ delta: Int32, atWord w: Int) {
        count += Int(delta)
        var i = w + 1
        while i <= words.count {
            tree[i] += delta
            i += i & -i
        }
    }
}
