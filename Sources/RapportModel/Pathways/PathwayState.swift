/// The pathway subsystem's state, composed by the platform: where each client is on the pathway
/// (indexed like the client pool), one waitlist per step, the groups that are forming or running,
/// and the counts that become per-step metrics.
struct PathwayState {
    /// One client's place on the pathway.
    struct Place {
        /// The step they are in, waiting for or being seen at.
        var step: Int16 = 0
        /// The first treatment step they entered (after any assessment); -1 before that.
        var entryStep: Int16 = -1
        /// Appointments booked and sessions attended in the current step.
        var stepBooked: Int32 = 0
        var stepAttended: Int32 = 0
        /// Sessions the current step needs.
        var stepNeeded: Int32 = 0
        /// The group they are a member of, or -1.
        var group: Int32 = -1
        /// When they joined the current step's waitlist (for the step's wait).
        var stepJoined: Double = 0
        /// They had an assessment appointment (attended).
        var assessed = false
        /// They stepped up at least once.
        var steppedUp = false
    }

    /// A closed group: forming until its first session, then running for the format's sessions.
    struct Group {
        var step: Int
        var facilitator: Int
        /// Indices into the facilitator's slot grid (two on a fortnightly grid, for a weekly group).
        var slots: [Int]
        /// First day its slot may run.
        var firstDay: Int
        var members: [Int32] = []
        var sessionsHeld = 0
        var isOpen = true
    }

    /// What a pathway decision does with a client after an attended session.
    enum Decision {
        case stays
        case stepUp(Int)
        case stepDown(Int)
        case discharge
    }

    /// A client leaving their slot or group today, to join another step's waitlist once the day's
    /// sessions are over.
    struct Move {
        var client: Int32
        var step: Int
        var priority: Bool
    }

    let config: PathwayConfig
    /// [step][client language][client modality] → therapist groups of the step that meet the hard constraints.
    let feasibleGroups: [[[[Int]]]]
    /// Therapist group → the step it serves.
    let stepOfGroup: [Int]

    var places: [Place] = []
    var waitlists: [WaitingList]
    var groups: [Group] = []
    /// Indices into `groups` free for reuse.
    var freeGroups: [Int32] = []
    var pendingMoves: [Move] = []
    var tally: PathwayTally
    var audit = PathwayAudit()

    init(config: PathwayConfig, feasibleGroups: [[[[Int]]]], therapistGroupCount: Int) {
        self.config = config
        self.feasibleGroups = feasibleGroups
        var owner = [Int](repeating: -1, count: therapistGroupCount)
        for (s, step) in config.steps.enumerated() { for g in step.therapistGroups { owner[g] = s } }
        stepOfGroup = owner
        waitlists = Array(repeating: WaitingList(), count: config.steps.count)
        tally = PathwayTally(steps: config.steps.count)
    }

    subscript(client: Int32) -> Place {
        get { places[Int(client)] }
        _modify { yield &places[Int(client)] }
    }

    /// A fresh place for the client in pool slot `client`.
    mutating func admit(_ client: Int32, step: Int, at time: Double) {
        let i = Int(client)
        if places.count <= i { places.append(contentsOf: repeatElement(Place(), count: i - places.count + 1)) }
        places[i] = Place(step: Int16(step), stepJoined: time)
    }

    /// A group slot holds `-2 - group` in the facilitator's grid (a client holds their index, a free slot −1).
    static func slotValue(group: Int) -> Int32 { Int32(-2 - group) }
    static func group(slotValue: Int32) -> Int? { slotValue <= -2 ? Int(-2 - slotValue) : nil }

    mutating func newGroup(_ group: Group) -> Int {
        if let reuse = freeGroups.popLast() {
            groups[Int(reuse)] = group
            return Int(reuse)
        }
        groups.append(group)
        return groups.count - 1
    }
}

/// What tests audit about a pathway run: facts the rules promise, counted as they happen.
public struct PathwayAudit: Sendable {
    /// Treatment sessions attended by a client who had not been assessed, when assessment is configured.
    public var treatedWithoutAssessment = 0
    /// Clients assessed.
    public var assessed = 0
    /// The most members present at any group session, and at any group's start, by step.
    public var largestGroupSession = 0
    public var largestGroupAtStart = 0
    /// Group sessions held.
    public var groupSessions = 0
    /// The fewest members at any group's start.
    public var smallestGroupAtStart = Int.max
    /// Every evaluation of a step-up rule's session check: the session in the step, the client's
    /// first and latest measured PHQ-9 and GAD-7, and whether they stepped up.
    public var stepUpChecks: [StepUpCheck] = []
    /// Step-ups made for any reason.
    public var stepUps = 0
    /// Step-ups made at a session other than the rule's, that were not end-of-step step-ups.
    public var stepUpsOffRule = 0
}

/// One evaluation of a step-up rule, with the scores it read, so a test can recompute the rule.
public struct StepUpCheck: Sendable {
    public var sessionInStep: Int
    public var firstPHQ: Double
    public var firstGAD: Double
    public var latestPHQ: Double
    public var latestGAD: Double
    public var steppedUp: Bool
}
