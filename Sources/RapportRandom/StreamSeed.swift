/// Derives the seed of one named random stream from the run's master seed and replication.
///
/// Swift's `hashValue` is randomised per process, so stream names are hashed with FNV-1a
/// and the three parts are mixed with SplitMix64's finaliser: a stable function of its inputs on
/// every platform and in every process.
public enum StreamSeed {
    /// The seed for stream `name` in replication `replication` of a run seeded with `seed`.
    ///
    /// - Complexity: O(n) in the length of `name`.
    public static func derive(seed: UInt64, replication: Int, name: String) -> UInt64 {
        var state = mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        state = mix(state ^ UInt64(truncatingIfNeeded: replication) &* 0xBF58_476D_1CE4_E5B9)
        state = mix(state ^ fnv1a(name))
        return state
    }

    /// The 64-bit FNV-1a hash of the UTF-8 bytes of `text`.
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// SplitMix64's output function: a bijection that spreads nearby inputs far apart.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
