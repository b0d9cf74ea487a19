import RapportRandom

/// Everything one replication of a platform needs, with every time in days.
///
/// The scenario loader builds this from YAML and checks it; the model trusts it.
public struct ModelConfig: Sendable {
    /// How therapists' time is organised.
    public enum Mode: String, Sendable {
        /// Recurring weekly sessions in therapists' slot grids: the platform model.
        case weekly
        /// Therapists available around the clock, one session of random length per client:
        /// exactly M/M/c, or M/M/c+M with patience. Used to validate against queueing theory.
        case continuous
    }

    public var mode: Mode = .weekly
    /// Simulated length of a replication, in days.
    public var horizon: Double = 365
    /// Results from before this time are discarded, in days.
    public var warmup: Double = 0
    /// Ends the run after this many arrivals, if set.
    public var stopAfterArrivals: Int?
    public var clients = ClientConfig()
    public var therapistGroups: [TherapistGroup] = []
    public var matching: MatchingPolicy = .earliestAvailable
    public var quota = QuotaRegime()
    /// Caseload requirement and ceiling, on top of the session regime.
    public var caseload = CaseloadRegime()
    /// Notes, supervision and training: time that takes capacity and adds load.
    public var nonClinical = NonClinicalTime()
    public var fit = FitWeights()
    public var outcomes = OutcomeConfig()
    public var wellbeing = WellbeingConfig()
    public var clinical = ClinicalConfig()
    public var staffing = StaffingConfig()
    /// Assessment and steps of care; nil for a single queue to every therapist.
    public var pathway: PathwayConfig?

    public init() {}

    /// Total therapists on the roster at the start.
    public var initialHeadcount: Int { therapistGroups.reduce(0) { $0 + $1.count } }
}

/// Who arrives, how often, and what they need.
public struct ClientConfig: Sendable {
    /// Mean arrivals per day before multipliers.
    public var arrivalsPerDay: Double = 10
    /// Multipliers by weekday, Monday first.
    public var weekdayMultipliers: [Double] = Array(repeating: 1, count: 7)
    /// Multipliers by calendar month, January first.
    public var monthMultipliers: [Double] = Array(repeating: 1, count: 12)
    public var concerns = Mix.single("general")
    public var severity = Mix(names: ["mild", "moderate", "severe"], weights: [0.4, 0.45, 0.15])!
    public var modality = Mix.single("video")
    public var language = Mix.single("english")
    /// Sessions a client needs to complete treatment.
    public var sessionsNeeded = try! Distribution.lognormal(median: 8, sigma: 1).capped(atLeast: 1, atMost: 26)
    /// How long a client will wait unmatched before abandoning, in days; nil for unlimited.
    public var patience: Distribution? = try! Distribution.exponential(mean: 100)
    /// Probability of missing the first booked session.
    public var noShowFirst = 0.10
    /// Probability of missing a later booked session.
    public var noShowFollowUp = 0.06
    /// How often clients in treatment are seen.
    public var cadence = CadencePlan()
    /// Session length in continuous mode, in days.
    public var sessionLength = try! Distribution.exponential(mean: 50.0 / 1440)

    public init() {}
}

/// A group of therapists who share attributes; a listed person is a group of one.
public struct TherapistGroup: Sendable {
    public var name: String
    public var count: Int
    /// Proficiency per concern name, 0–1.
    public var proficiency: [String: Double] = [:]
    /// Proficiency for concerns not listed.
    public var defaultProficiency = 0.5
    public var languages: [String] = ["english"]
    public var modalities: [String] = ["video", "phone", "chat"]
    /// Working days, Monday first.
    public var workingDays: [Bool] = [true, true, true, true, true, false, false]
    public var slotsPerDay = 8
    /// Full-time equivalent of each therapist, if not what the working days say (days / 5).
    /// Below that, they work shorter days: `dayShare` of the hours, slots and levels.
    public var fte: Double?
    /// Sessions a day each therapist can give well.
    public var sustainableLevel = try! Distribution.uniform(min: 4, max: 6)
    /// The thresholds the group's therapists state, in sessions a day, when that is what is known
    /// rather than their true levels (a platform's records hold stated thresholds, never levels).
    /// Each therapist then states a draw of it, and their true level is what the self-assessment
    /// model implies (`WellbeingConfig.levelImplied`): the optimism, error and admin in force
    /// move the unseen levels, not the observed thresholds. Replaces `sustainableLevel`.
    public var statedThreshold: Distribution?
    /// Years of experience.
    public var experienceYears = try! Distribution.uniform(min: 1, max: 15)

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }

    /// Working days per week.
    public var workingDayCount: Int {
        // Counted in place: `filter` would allocate an array, several times per hire.
        workingDays.reduce(0) { $1 ? $0 + 1 : $0 }
    }

    /// Full-time equivalent of one therapist of the group.
    public var fullTimeEquivalent: Double { fte ?? Double(workingDayCount) / 5 }

    /// The share of a full working day each working day is: 1 unless `fte` says they work
    /// fewer hours than their days suggest.
    public var dayShare: Double {
        guard let fte, workingDayCount > 0 else { return 1 }
        return min(1, fte / (Double(workingDayCount) / 5))
    }
}

extension ModelConfig {
    /// Sessions that fit one working day of a therapist of `group`: their hours (slots a day
    /// times the share of a day they work), less non-clinical time.
    public func sessionsFitting(_ group: TherapistGroup) -> Int {
        let hours = Double(group.slotsPerDay) * group.dayShare
        guard !nonClinical.isDefault else { return Int(hours.rounded()) }
        return nonClinical.sessionsFitting(hours: hours, workingDays: group.workingDayCount)
    }

    /// The mean threshold therapists of `group` state, in sessions a day: what their mean level
    /// balances, plus optimism and the mean error, or the mean of what they state when the group
    /// is given that way. For capacity estimates before a run.
    public func expectedStatedThreshold(_ group: TherapistGroup) -> Double {
        if let stated = group.statedThreshold { return stated.mean }
        let s = wellbeing.statedThreshold
        return wellbeing.sessionsBalancing(level: group.sustainableLevel.mean * group.dayShare) + s.optimism + s.error.mean
    }
}
