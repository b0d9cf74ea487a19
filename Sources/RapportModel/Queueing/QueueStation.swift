import RapportRandom

/// One service step of continuous mode: its servers, who is busy, who waits, how long a session
/// lasts, and the waits of the clients it started serving.
struct QueueStation {
    let servers: Int
    var busy = 0
    var line: FIFOLine
    /// Waits at this station of clients who arrived after the warm-up.
    var waits = QuantileSketch()
    private let sessionLength: Distribution
    /// The mean when sessions are exponential without bounds (M/M/c), else nil: such a length is
    /// drawn with the same GSL call `Distribution.sample` makes, without its switch over families,
    /// its clamp to bounds and the copy of the distribution a call from here costs.
    private let exponentialMean: Double?

    /// `numbered`: whether waiting clients can give up (patience), so the line keeps their numbers.
    init(servers: Int, sessionLength: Distribution, numbered: Bool) {
        self.servers = servers
        line = FIFOLine(numbered: numbered)
        self.sessionLength = sessionLength
        exponentialMean = sessionLength.unboundedExponentialMean
    }

    /// Whether a server is free.
    var hasFreeServer: Bool { busy < servers }

    /// Takes a server for a client who waited `wait` (nil: not measured, before the warm-up
    /// ended) and returns the session's length, drawn from `stream`.
    @inline(__always)
    mutating func startSession(waited wait: Double?, drawingFrom stream: RandomStream) -> Double {
        busy += 1
        if let wait { waits.add(wait) }
        return drawSessionLength(stream)
    }

    /// Frees the server of a session that ended; returns when whoever waits next in the line
    /// arrived there (they take the server), or nil when no one waits.
    @inline(__always)
    mutating func endSession() -> Double? {
        busy -= 1
        return line.popFirst()
    }

    /// One session length from `stream`.
    private func drawSessionLength(_ stream: RandomStream) -> Double {
        if let exponentialMean { return stream.exponential(mean: exponentialMean) }
        return sessionLength.sample(stream)
    }
}
