import Foundation
import RapportKernel
import RapportRandom

/// The therapy platform of MODEL.md: clients arrive, wait, are matched to a recurring weekly slot,
/// attend sessions until they complete or drop out; therapists carry caseloads under a quota
/// regime, tire, take sick leave, quit and are replaced.
///
/// One value of this type is one replication. Sessions of a day run together at the start of
/// that day (bookings made during a day take effect from the next), so the calendar holds few
/// events: arrivals, abandonments, day starts and hires.
public struct PlatformModel: DiscreteEventModel {
    public enum Event {
        case arrival
        case abandonment(client: Int32, generation: UInt32)
        case dayStart(day: Int32)
        case hire(group: Int32, replacement: Bool)
    }

    /// Whether new models skip work they can tell would change nothing: a therapist's room
    /// refreshed from the same inputs as last time, and a slot row's scan past its last held slot.
    /// Always on; a test turns it off to show both runs give byte-identical results (so another
    /// run started meanwhile is only slower, never different).
    nonisolated(unsafe) public static var skipsUnchangedWork = true
    /// `skipsUnchangedWork` as it was when this model was made: read on the hot path, where the
    /// global's dynamic exclusivity check cost 7 M instructions a benchmark run.
    let skipsUnchanged = PlatformModel.skipsUnchangedWork
    /// Whether new models leave an arrival's booking for the next event to make (see
    /// `PendingBooking`). Always on; a test turns it off to show both give byte-identical results.
    nonisolated(unsafe) public static var defersArrivalBookings = true
    /// `defersArrivalBookings` as it was when this model was made; off once an event export is
    /// recorded (`record(into:)`: an export books at once, so its stamps and order stay as they were).
    var defersBookings = PlatformModel.defersArrivalBookings

    let config: ModelConfig
    let streams: StreamSet
    let horizonDay: Int
    let warmupDay: Int
    let peakArrivalRate: Double
    /// Language and modality names mapped to bit positions.
    let languageBits: [String: Int]
    let modalityBits: [String: Int]
    /// Client language and modality index to bit.
    let clientLanguageBit: [UInt64]
    let clientModalityBit: [UInt64]
    /// Per group: proficiency per client concern index.
    let groupProficiency: [[Double]]
    /// Per group: the languages and modalities its therapists offer, as bit masks.
    let groupLanguageMask: [UInt64]
    let groupModalityMask: [UInt64]
    /// Weeks in a slot grid's cycle: 2 when some clients come fortnightly, else 1.
    let parities: Int
    /// The wellbeing configuration's daily decay factors, worked out once.
    let exhaustionDecays: ExhaustionDynamics.Decays

    var therapists = LineAlignedArray<Therapist>()
    /// The therapists who have not departed (and some who just have), in index order: what the
    /// day loop walks.
    var roster = Roster()
    /// Every therapist's slots, in one array.
    var grid: SlotGrid
    var clients = ClientPool()
    var waiting: WaitingList
    /// Which waiting clients `waiting` keeps apart (those the same groups could serve).
    let waitlistClasses: WaitlistClasses
    /// How many waiting clients walks of the waitlist have tried to match, in all.
    public internal(set) var waitlistClientsTried = 0
    /// Open therapists below a caseload requirement, whom matching fills first.
    var shortOfRequirement = OpenSet()
    var index: AvailabilityIndex
    /// Experience of each therapist, apart from `therapists` so the index can read it while
    /// the model changes.
    var experience: [Double] = []
    /// [client language][client modality] → groups that meet the hard constraints.
    let feasibleGroups: [[[Int]]]
    var arrivals = 0
    var vacancies = 0
    var tally = PlatformTally()
    /// Symptom scores, therapist effects and outcome counts: the clinical-outcome subsystem.
    var outcomes: OutcomeLedger
    /// Steps, their waitlists and groups: the pathway subsystem; nil for a single-queue platform.
    var pathway: PathwayState?
    /// Whether the scenario has pathways (`pathway` is never nil then): a stored flag, because
    /// testing the optional state itself called an outlined function at every session and arrival.
    let hasPathways: Bool
    /// Whether an arrival's therapist is the availability index's choice alone
    /// (`choosesFromIndexAlone`).
    let arrivalsChooseFromIndex: Bool
    /// exp(−(n − 1) / 2) for n = 1…64, the return decision's early-session weights (see
    /// `earlyWeight(attended:)`): kept per model, because a static table cost a `swift_once`
    /// check at every session.
    let earlyWeights: [Double] = (1...64).map { exp(-Double($0 - 1) / 2) }
    /// Match records for audits; filled only when `recordsMatches` is set.
    public var recordsMatches = false
    public internal(set) var matchLog: [MatchRecord] = []
    /// Records the run as a platform extract; nil (the default) records nothing.
    var recorder: EventRecorder?
    /// The last arrival's booking, when it waits for the next event (see `PendingBooking`).
    var pendingBooking = PendingBooking()

    public var isFinished: Bool { false }

    /// Makes a booking the last arrival left pending (see `PendingBooking`).
    public mutating func settle(calendar: inout EventCalendar<Event>) { settleArrival(&calendar) }

    /// Builds the roster for one replication; call `start(_:)` to schedule the first events.
    /// `keepsWaitlistClassesApart: false` walks every waiting client in turn wherever matching
    /// does (see `WaitlistClasses`): the results are the same, which a test checks.
    public init(config: ModelConfig, streams: StreamSet, keepsWaitlistClassesApart: Bool = true) {
        self.config = config
        self.streams = streams
        hasPathways = config.pathway != nil
        arrivalsChooseFromIndex = Self.choosesFromIndexAlone(config)
        outcomes = OutcomeLedger(clinical: config.clinical)
        horizonDay = Int(config.horizon.rounded(.up))
        tally.horizon = config.horizon
        warmupDay = Int(config.warmup.rounded(.up))
        let c = config.clients
        peakArrivalRate = c.arrivalsPerDay * (c.weekdayMultipliers.max() ?? 1) * (c.monthMultipliers.max() ?? 1)

        // A client record stores its categories narrow (see `Client`); scenarios refuse more.
        precondition(c.concerns.names.count <= Client.maxCategories && c.severity.names.count <= Client.maxCategories
                     && c.language.names.count <= Client.maxMaskedCategories && c.modality.names.count <= Client.maxMaskedCategories,
                     "more client categories than a client record holds")
        var languages: [String: Int] = [:], modalities: [String: Int] = [:]
        func bit(_ name: String, _ table: inout [String: Int]) -> Int {
            if let b = table[name] { return b }
            let b = table.count
            table[name] = b
            return b
        }
        clientLanguageBit = c.language.names.map { 1 << UInt64(bit($0, &languages)) }
        clientModalityBit = c.modality.names.map { 1 << UInt64(bit($0, &modalities)) }
        for group in config.therapistGroups {
            group.languages.forEach { _ = bit($0, &languages) }
            group.modalities.forEach { _ = bit($0, &modalities) }
        }
        languageBits = languages
        modalityBits = modalities
        groupLanguageMask = config.therapistGroups.map { $0.languages.reduce(0) { $0 | 1 << UInt64(languages[$1]!) } }
        groupModalityMask = config.therapistGroups.map { $0.modalities.reduce(0) { $0 | 1 << UInt64(modalities[$1]!) } }
        groupProficiency = config.therapistGroups.map { group in
            c.concerns.names.map { group.proficiency[$0] ?? group.defaultProficiency }
        }
        index = AvailabilityIndex(groups: config.therapistGroups.count)
        parities = config.clients.cadence.usesFortnights ? 2 : 1
        grid = SlotGrid(rowWidth: config.therapistGroups.map { config.sessionsFitting($0) }.max() ?? 1, rows: parities * 7)
        // The per-client records grow with the clients in care: room for a client per weekly slot
        // of the starting staff spares the doublings' copies (about 1% of a run's instructions).
        let staff = config.therapistGroups.reduce(0) { $0 + $1.count }
        grid.reserve(therapists: staff)
        therapists.reserveCapacity(staff)
        experience.reserveCapacity(staff)
        outcomes.reserveTherapists(staff)
        clients.reserve(staff * grid.rowWidth * 7)
        outcomes.reserve(staff * grid.rowWidth * 7)
        exhaustionDecays = ExhaustionDynamics.Decays(config.wellbeing)
        let fit = config.fit
        feasibleGroups = c.language.names.map { language in
            c.modality.names.map { modality in
                config.therapistGroups.indices.filter { g in
                    let group = config.therapistGroups[g]
                    return (!fit.languageIsHard || group.languages.contains(language))
                        && (!fit.modalityIsHard || group.modalities.contains(modality))
                }
            }
        }
        waitlistClasses = WaitlistClasses(feasibleGroups: feasibleGroups, byFeasibility: arrivalsChooseFromIndex && keepsWaitlistClassesApart)
        waiting = WaitingList(classes: waitlistClasses.count)
        if let p = config.pathway {
            let feasible = feasibleGroups
            pathway = PathwayState(config: p, feasibleGroups: p.steps.map { step in
                feasible.map { byModality in byModality.map { groups in groups.filter(step.therapistGroups.contains) } }
            }, therapistGroupCount: config.therapistGroups.count)
        }
        for (g, group) in config.therapistGroups.enumerated() {
            for _ in 0..<group.count { addTherapist(group: g, startDay: -.infinity, status: .active, indexNow: false) }
        }
        index.addRoster(groups: therapists.map(\.group), experiences: experience)
        for t in therapists.indices { refreshOpen(t, day: 0) }
    }

    /// Schedules the first arrival, the first day and any planned hires.
    public func start(_ calendar: inout EventCalendar<Event>) {
        calendar.schedule(.dayStart(day: 0), at: 0)
        if let first = nextArrivalTime(after: 0) { calendar.scheduleArrival(.arrival, at: first) }
        for hire in config.staffing.scheduledHires {
            for _ in 0..<hire.count { calendar.schedule(.hire(group: Int32(hire.group), replacement: false), at: hire.day) }
        }
    }

    public mutating func handle(_ event: Event, at time: Double, calendar: inout EventCalendar<Event>) {
        recorder?.now = time
        // Every event but an arrival settles the last arrival's booking first; an arrival does
        // so itself, later (see `PendingBooking`).
        switch event {
        case .arrival:
            arrive(at: time, &calendar)
        case let .abandonment(client, generation):
            settleArrival(&calendar)
            abandon(client, generation: generation, at: time)
        case let .dayStart(day):
            settleArrival(&calendar)
            runDay(Int(day), &calendar)
        case let .hire(group, replacement):
            settleArrival(&calendar)
            if replacement { vacancies -= 1 }
            addTherapist(group: Int(group), startDay: time, status: .active)
            recorder?.joined(therapists[therapists.count - 1], replacement: replacement)
            matchWaitingClients(at: time, &calendar)
        }
    }

    /// Adds a therapist drawn from group `group`.
    mutating func addTherapist(group g: Int, startDay: Double, status: TherapistStatus, indexNow: Bool = true) {
        let group = config.therapistGroups[g]
        let s = streams.therapistAttributes
        let languageMask = groupLanguageMask[g], modalityMask = groupModalityMask[g]
        var days: UInt8 = 0
        for (d, works) in group.workingDays.enumerated() where works { days |= 1 << UInt8(d) }
        let spread = config.outcomes.therapistSpread
        // Mean-one lognormal, so the spread moves dropout between therapists but not overall.
        let effect = exp(s.normal(mean: -spread * spread / 2, sd: spread))
        let wellbeing = config.wellbeing
        // The level, or the stated threshold when that is what the group gives, is drawn at the
        // same place in the attribute stream, and the error from a stream of its own whatever the
        // regime, so every variant sees the same people.
        let error = wellbeing.statedThreshold.error.sample(streams.statedThresholds)
        let level: Double, stated: Double
        if let statedThreshold = group.statedThreshold {
            // What they state is known; their true level (already a part-time day's) follows.
            stated = statedThreshold.sample(s)
            level = wellbeing.levelImplied(stated: stated, error: error)
        } else {
            // A part-time day gives a share of a full day's level: the sustainable level is per hour worked.
            level = max(0, group.sustainableLevel.sample(s)) * group.dayShare
            stated = wellbeing.sessionsBalancing(level: level) + wellbeing.statedThreshold.optimism + error
        }
        let slotsPerDay = config.sessionsFitting(group)
        // Drawn in this order (the record's field order differs, see `Therapist`).
        let experienceYears = max(0, group.experienceYears.sample(s))
        let capacityPhase = streams.capacityPhase.uniform()
        let therapist = Therapist(
            bookedPerDay: SIMD16(repeating: 0), status: status, workingDays: days, slotsPerDay: Int32(slotsPerDay),
            statedThreshold: stated.isFinite ? min(24, max(0, stated)) : 0, startDay: startDay,
            capacityPhase: capacityPhase, dayShare: group.dayShare,
            group: Int32(g), languageMask: languageMask,
            modalityMask: modalityMask, experienceYears: experienceYears, sustainableLevel: level,
            dropoutMultiplier: effect, fte: group.fullTimeEquivalent,
            nextStressDay: nextStress(after: startDay.isFinite ? startDay : 0))
        therapists.append(therapist)
        grid.addTherapist()
        outcomes.addTherapist(streams.therapistEffects)
        experience.append(therapist.experienceYears)
        roster.add(therapists.count - 1)
        tally.therapistsEverEmployed += 1
        guard indexNow else { return }
        index.add(therapists.count - 1, group: g, experience: therapist.experienceYears)
        refreshOpen(therapists.count - 1, day: max(0, Int(startDay.isFinite ? startDay : 0)))
    }
}

/// A match made during a run, for audits in tests.
public struct MatchRecord: Sendable {
    /// The therapist's index in the model.
    public var therapist: Int
    public var clientLanguage: String
    public var clientModality: String
    public var therapistLanguages: [String]
    public var therapistModalities: [String]
    public var quality: Double
    public var waitedDays: Double
}

/// A set of therapists with O(1) insert, remove and membership (those short of a caseload
/// requirement).
struct OpenSet {
    private(set) var members: [Int32] = []
    private var position: [Int32] = []

    /// Puts `therapist` in the set or takes them out. Usually nothing changes (this runs for
    /// every therapist every day), so that check is inlined and the change is not.
    @inline(__always)
    mutating func set(_ therapist: Int, open: Bool) {
        if therapist < position.count, (position[therapist] >= 0) == open { return }
        change(therapist, open: open)
    }

    private mutating func change(_ therapist: Int, open: Bool) {
        if position.count <= therapist {
            position.append(contentsOf: repeatElement(-1, count: therapist - position.count + 1))
        }
        let at = position[therapist]
        if open, at < 0 {
            position[therapist] = Int32(members.count)
            members.append(Int32(therapist))
        } else if !open, at >= 0 {
            let last = members.removeLast()
            if last != therapist {
                members[Int(at)] = last
                position[Int(last)] = at
            }
            position[therapist] = -1
        }
    }

    var isEmpty: Bool { members.isEmpty }
}
