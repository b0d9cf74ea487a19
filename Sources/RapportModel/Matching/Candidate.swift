import RapportRandom

/// A therapist who could take a waiting client: when their first open slot is, and how well
/// they fit.
public struct Candidate: Sendable, Equatable {
    /// The therapist's index in the model.
    public var therapist: Int
    /// Time of the first session this therapist could give the client, in days.
    public var firstSession: Double
    /// Match quality q.
    public var quality: Double

    public init(therapist: Int, firstSession: Double, quality: Double) {
        self.therapist = therapist
        self.firstSession = firstSession
        self.quality = quality
    }
}

extension MatchingPolicy {
    /// Chooses among `candidates` for one client, for the policies that match one client at a
    /// time; nil when there are no candidates. Ties go to the earlier slot, then the lower index,
    /// so the choice is repeatable.
    ///
    /// `batch-optimal` decides for many clients at once and falls back to best fit within a week
    /// here, for callers that need a single choice.
    ///
    /// - Complexity: O(n log k) in the number of candidates.
    public func choose(from candidates: [Candidate], choiceStream: RandomStream) -> Candidate? {
        guard var earliest = candidates.first else { return nil }
        for c in candidates.dropFirst() where Self.sooner(c, than: earliest) { earliest = c }
        switch self {
        case .earliestAvailable:
            return earliest
        case .bestFit(let tolerance):
            return Self.best(candidates, within: earliest.firstSession + tolerance)
        case .batchOptimal:
            return Self.best(candidates, within: earliest.firstSession + 7)
        case let .clientChoice(shown, clarity, noise, picks):
            let sd = noise * (1 - clarity)
            // Each profile also gets a random tie-break: with perfectly clear profiles, therapists
            // who fit equally well must share the clients, not hand them all to the first listed.
            var perceived = candidates.map {
                (candidate: $0, looks: $0.quality + (sd > 0 ? choiceStream.normal(mean: 0, sd: sd) : 0), tie: choiceStream.uniform())
            }
            perceived.sort { $0.looks != $1.looks ? $0.looks > $1.looks : $0.tie < $1.tie }
            let shortlist = perceived.prefix(max(1, shown))
            switch picks {
            case .bestLooking:
                return shortlist.first?.candidate
            case .soonest:
                return shortlist.min {
                    $0.candidate.firstSession != $1.candidate.firstSession ? $0.candidate.firstSession < $1.candidate.firstSession : $0.tie < $1.tie
                }?.candidate
            }
        }
    }

    private static func best(_ candidates: [Candidate], within latest: Double) -> Candidate? {
        var best: Candidate?
        for c in candidates where c.firstSession <= latest {
            guard let current = best else { best = c; continue }
            if c.quality > current.quality || (c.quality == current.quality && sooner(c, than: current)) { best = c }
        }
        return best
    }

    private static func sooner(_ a: Candidate, than b: Candidate) -> Bool {
        a.firstSession < b.firstSession || (a.firstSession == b.firstSession && a.therapist < b.therapist)
    }
}
