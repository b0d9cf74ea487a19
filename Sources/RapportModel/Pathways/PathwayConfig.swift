import RapportRandom

/// A care pathway: an optional assessment appointment, then steps of treatment, each served by its
/// own therapist groups, with its own session length, sessions needed, no-show and dropout profile,
/// waitlist and matching policy. Clients move between steps by rules: an entry rule applied at
/// assessment, a step-up rule, and what happens on recovery.
///
/// A scenario without a pathway runs the single-queue platform; nothing here is consulted then.
public struct PathwayConfig: Sendable {
    /// The steps in scenario order; when `hasAssessment` is set, step 0 is the assessment.
    public var steps: [PathwayStep]
    /// Whether every client starts with an assessment appointment (step 0).
    public var hasAssessment: Bool
    /// Decides the entry step from a client's severity and concern: the first rule that matches
    /// wins. Applied at the assessment, or at referral when there is none.
    public var entryRules: [EntryRule]

    public init(steps: [PathwayStep], hasAssessment: Bool, entryRules: [EntryRule]) {
        self.steps = steps
        self.hasAssessment = hasAssessment
        self.entryRules = entryRules
    }

    /// The step a client with `severity` and `concern` (indices into the client mixes) enters.
    public func entryStep(severity: Int, concern: Int) -> Int {
        for rule in entryRules where rule.matches(severity: severity, concern: concern) { return rule.step }
        return hasAssessment ? 1 : 0
    }

    /// The index of the step called `name`.
    public func step(named name: String) -> Int? { steps.firstIndex { $0.name == name } }
}

/// One rule of the entry decision: clients whose severity and concern are among those listed (an
/// empty list matches everyone) enter `step`.
public struct EntryRule: Sendable, Equatable {
    public var severities: Set<Int>
    public var concerns: Set<Int>
    public var step: Int

    public init(severities: Set<Int>, concerns: Set<Int>, step: Int) {
        self.severities = severities
        self.concerns = concerns
        self.step = step
    }

    func matches(severity: Int, concern: Int) -> Bool {
        (severities.isEmpty || severities.contains(severity)) && (concerns.isEmpty || concerns.contains(concern))
    }
}

/// One step of a pathway.
public struct PathwayStep: Sendable {
    public enum Kind: Sendable, Equatable {
        /// One appointment that decides the entry step; it treats nothing.
        case assessment
        /// One client per recurring slot.
        case individual
        /// Closed groups in one recurring slot of a facilitator.
        case group(GroupFormat)
    }

    public var name: String
    public var kind: Kind
    /// Therapist groups (indices into `ModelConfig.therapistGroups`) who serve this step.
    public var therapistGroups: [Int]
    /// Sessions needed to finish the step; a group's course length is fixed by its format.
    public var sessionsNeeded: Distribution
    /// Session length in minutes: a session's load on the therapist is `minutes / 50` of a standard
    /// 50-minute session (times the client's severity weight).
    public var sessionMinutes = 50.0
    /// Probability of missing the first appointment of the step, and later ones.
    public var noShowFirst: Double
    public var noShowFollowUp: Double
    /// Base dropout hazards after the step's first and later attended sessions (before the return
    /// decision and the therapist's effect move them).
    public var dropoutFirst: Double
    public var dropoutLater: Double
    /// How the step's waitlist is matched to its therapists.
    public var matching: MatchingPolicy = .earliestAvailable
    /// Multiplier on the share of the symptom gap a session closes (low-intensity work may do less
    /// per session than high-intensity therapy).
    public var improvementScale = 1.0
    public var stepUp: StepUpRule?
    public var onRecovery: RecoveryRule?
    /// Session length in continuous mode (the tandem-queue validation), in days.
    public var serviceTime: Distribution?

    public init(name: String, kind: Kind, therapistGroups: [Int], sessionsNeeded: Distribution,
                noShowFirst: Double, noShowFollowUp: Double, dropoutFirst: Double, dropoutLater: Double) {
        self.name = name
        self.kind = kind
        self.therapistGroups = therapistGroups
        self.sessionsNeeded = sessionsNeeded
        self.noShowFirst = noShowFirst
        self.noShowFollowUp = noShowFollowUp
        self.dropoutFirst = dropoutFirst
        self.dropoutLater = dropoutLater
    }

    /// A session's load in standard sessions.
    public var loadWeight: Double { sessionMinutes / 50 }

    /// The group format, if the step runs groups.
    public var groupFormat: GroupFormat? {
        if case .group(let format) = kind { return format }
        return nil
    }
}

/// When a client moves up to a more intensive step, keeping their scores and sessions so far and
/// joining that step's waitlist with priority.
public struct StepUpRule: Sendable, Equatable {
    /// The step they move to.
    public var to: Int
    /// Step up after this many attended sessions in the step if the client has not reliably
    /// improved since their first measured session (PHQ-9 down 6 or GAD-7 down 4, neither worse).
    public var noReliableImprovementBy: Int?
    /// Step up at the end of the step if the client is still a case.
    public var stillACaseAtEnd: Bool

    public init(to: Int, noReliableImprovementBy: Int?, stillACaseAtEnd: Bool) {
        self.to = to
        self.noReliableImprovementBy = noReliableImprovementBy
        self.stillACaseAtEnd = stillACaseAtEnd
    }
}

/// What happens when a client measures below caseness at `consecutive` sessions in a row, after at
/// least `afterSessions` in the step.
public struct RecoveryRule: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// Treatment ends as completed.
        case discharge
        /// The client moves to a less intensive step (for relapse prevention, say).
        case stepDown(Int)
    }

    public var action: Action
    public var afterSessions: Int
    public var consecutive: Int

    public init(action: Action, afterSessions: Int, consecutive: Int) {
        self.action = action
        self.afterSessions = afterSessions
        self.consecutive = consecutive
    }
}

/// A closed group: up to `size` members, meeting weekly in one slot of one facilitator for
/// `sessions` sessions. It starts once `startAt` members are matched and takes nobody after its
/// first session.
public struct GroupFormat: Sendable, Equatable {
    public var size: Int
    public var startAt: Int
    public var sessions: Int
    /// The facilitator's load from a group session, in sessions: one session (times the step's
    /// length weight and the members' mean severity weight), plus this much for each member present
    /// beyond the first. The group counts once, weighted by its size.
    public var loadPerExtraMember: Double

    public init(size: Int, startAt: Int, sessions: Int, loadPerExtraMember: Double) {
        self.size = size
        self.startAt = startAt
        self.sessions = sessions
        self.loadPerExtraMember = loadPerExtraMember
    }

    /// The facilitator's load in standard sessions for a session with `present` members.
    public func load(present: Int) -> Double { 1 + loadPerExtraMember * Double(max(0, present - 1)) }
}
