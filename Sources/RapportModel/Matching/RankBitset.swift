/// A set of ranks 0..<capacity as a bitset, with counting below a rank and selection of the k-th
/// member that read a few cache lines, however many members there are.
///
/// Counts are kept at two levels above the words: per block of 8 words (512 ranks) and per
/// superblock of 16 blocks (8,192 ranks). Selection scans the superblocks' counts, then one
/// superblock's block counts, then one block's words: three short runs of adjacent memory.
/// Counting below a rank sums the same runs, and a change of membership adjusts one word and
/// two counts.
///
/// Why not a Fenwick tree (the structure before): its selection descends about log₂(words)
/// levels, one dependent load each in a different line, ten at 40,000 members. On a large
/// platform, where the rest of a match keeps the cache busy, those loads made selection the
/// part of matching that grew most with the platform's size.
struct RankBitset {
    static let wordsPerBlock = 8
    static let blocksPerSuperblock = 16

    private(set) var words: [UInt64]
    /// Members per block of `wordsPerBlock` words (at most 512).
    private var blockCounts: [UInt16]
    /// Members per superblock of `blocksPerSuperblock` blocks.
    private var superblockCounts: [Int32]
    /// Members in the set.
    private(set) var count = 0
    /// The first word with a member (`words.count` when the set is empty).
    private(set) var firstWord: Int

    /// The set whose members are the set bits of `words` (rank 64·i + b is bit b of word i), built
    /// in O(words).
    init(words: [UInt64]) {
        self.words = words
        let blocks = (words.count + Self.wordsPerBlock - 1) / Self.wordsPerBlock
        blockCounts = Array(repeating: 0, count: blocks)
        superblockCounts = Array(repeating: 0, count: (blocks + Self.blocksPerSuperblock - 1) / Self.blocksPerSuperblock)
        for (i, word) in words.enumerated() {
            let n = word.nonzeroBitCount
            blockCounts[i / Self.wordsPerBlock] += UInt16(n)
            superblockCounts[i / (Self.wordsPerBlock * Self.blocksPerSuperblock)] += Int32(n)
            count += n
        }
        firstWord = words.firstIndex { $0 != 0 } ?? words.count
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
        let word = limit >> 6
        let block = word / Self.wordsPerBlock
        let superblock = block / Self.blocksPerSuperblock
        var n = 0
        for s in 0..<superblock { n += Int(superblockCounts[s]) }
        for b in (superblock * Self.blocksPerSuperblock)..<block { n += Int(blockCounts[b]) }
        for w in (block * Self.wordsPerBlock)..<word { n += words[w].nonzeroBitCount }
        if limit & 63 != 0 { n += (words[word] & ((1 << UInt64(limit & 63)) - 1)).nonzeroBitCount }
        return n
    }

    /// The rank of the `k`-th member (0-based, in rank order); `k` must be below `count`.
    func select(_ k: Int) -> Int {
        precondition(k >= 0 && k < count, "selection past the set's members")
        // Each run stops within its range: k is below the members counted from where it starts.
        var remaining = k
        var s = 0
        while remaining >= Int(superblockCounts[s]) { remaining -= Int(superblockCounts[s]); s += 1 }
        var b = s * Self.blocksPerSuperblock
        while remaining >= Int(blockCounts[b]) { remaining -= Int(blockCounts[b]); b += 1 }
        var w = b * Self.wordsPerBlock
        while remaining >= words[w].nonzeroBitCount { remaining -= words[w].nonzeroBitCount; w += 1 }
        return w * 64 + Self.select(remaining, in: words[w])
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

    private mutating func add(_ delta: Int, atWord w: Int) {
        count += delta
        let block = w / Self.wordsPerBlock
        blockCounts[block] = UInt16(Int(blockCounts[block]) + delta)
        superblockCounts[block / Self.blocksPerSuperblock] += Int32(delta)
    }
}
