import RapportRandom

/// How a waiting client is given a therapist.
public enum MatchingPolicy: Sendable, Equatable {
    /// The therapist whose next open slot is soonest; fit is ignored.
    case earliestAvailable
    /// The best fit among therapists whose first open slot is within `toleranceDays` of the earliest.
    case bestFit(toleranceDays: Double)
    /// Every `everyDays`, all waiting clients and open capacity solved as one assignment problem
    /// maximising Σ fit − `waitWeight` · wait (days).
    case batchOptimal(everyDays: Double, waitWeight: Double)
    /// The platform shows the client the `shown` profiles with the highest perceived fit, and the
    /// client picks one of them (by default the soonest). Perception noise has standard deviation
    /// `noise · (1 − profileClarity)`: clearer profiles put the truly best-fitting therapists on
    /// the shortlist.
    case clientChoice(shown: Int, profileClarity: Double, noise: Double, picks: ChoiceRule)

    /// How a client picks among the profiles shown.
    public enum ChoiceRule: String, Sendable {
        /// The profile that looks best to them.
        case bestLooking = "best-looking"
        /// The soonest first session among those shown.
        case soonest
    }

    /// The name used in scenario files and reports.
    public var name: String {
        switch self {
        case .earliestAvailable: "earliest-available"
        case .bestFit: "best-fit"
        case .batchOptimal: "batch-optimal"
        case .clientChoice: "client-choice"
        }
    }
}

/// How many sessions a day each therapist is booked for.
///
/// A regime turns a therapist's state into a daily level of sessions (fractional levels are kept,
/// see `QuotaRegime.sessions(onWorkingDay:level:phase:)`); a floor and a ceiling bound whatever it
/// says.
public struct QuotaRegime: Sendable, Equatable {
    /// The rule that sets the level.
    public enum Rule: Sendable, Equatable {
        /// Every therapist is booked to `sessionsPerDay`, whatever their own level. `fill` says
        /// whether that is only a cap, or a target the platform fills.
        case fixedQuota(sessionsPerDay: Double, fill: QuotaFill)
        /// Each therapist is booked to the threshold they state. Stated thresholds differ from true
        /// levels (`wellbeing.stated_threshold`).
        case individualThresholds
        /// Therapists are ranked on client return rate every week; the lowest-ranked feel up to
        /// `pressure` extra exhaustion points a day and take up to `extraSessions` more a day above
        /// their stated threshold.
        case competition(pressure: Double, extraSessions: Int)
    }

    public var rule: Rule = .individualThresholds
    /// No therapist is booked below this many sessions a day.
    public var floor: Int?
    /// No therapist is booked above this many sessions a day.
    public var ceiling: Int?

    public init(rule: Rule = .individualThresholds, floor: Int? = nil, ceiling: Int? = nil) {
        self.rule = rule
        self.floor = floor
        self.ceiling = ceiling
    }

    /// The name used in scenario files and reports.
    public var name: String {
        switch rule {
        case .fixedQuota: "fixed-quota"
        case .individualThresholds: "individual-thresholds"
        case .competition: "competition"
        }
    }

    /// The balanced fill of a fixed quota used as a target, if that is the rule.
    public var balancedFill: Double? {
        if case .fixedQuota(_, .balanced(let tolerance)) = rule { return tolerance }
        return nil
    }
}

/// Whether a fixed quota only limits caseloads or is a target the platform fills.
public enum QuotaFill: Sendable, Equatable {
    /// The quota is a cap: matching works as the matching policy says, up to the quota.
    case cap
    /// The quota is a target: each client goes to the least-loaded therapist below quota among
    /// those whose fit is within `fitTolerance` of the best available, taking poorer fits to fill
    /// caseloads.
    case balanced(fitTolerance: Double)
}

/// How match quality q is weighted, and which mismatches rule a therapist out.
public struct FitWeights: Sendable, Equatable {
    public var concern = 0.6
    public var severity = 0.2
    public var preferences = 0.2
    /// Years of experience a therapist needs for full fit at each severity, in the severity mix order.
    public var experienceNeeded: [Double] = [0, 2, 5]
    /// A therapist who does not speak the client's language is never matched.
    public var languageIsHard = true
    /// A therapist who does not offer the client's modality is never matched.
    public var modalityIsHard = false
    /// q at or above this counts as well matched.
    public var wellMatched = 0.7

    public init() {}
}

/// What happens in and after sessions.
public struct OutcomeConfig: Sendable, Equatable {
    /// Dropout hazard after the first session, before the return decision moves it. With symptom
    /// scores on, 0.055 and 0.011 give about 20% dropout overall (Swift & Greenberg 2012: 19.7%);
    /// the first model's 0.08 and 0.02 did so with the bare quality term.
    public var dropoutFirst = 0.055
    /// Dropout hazard after later sessions, before the return decision moves it.
    public var dropoutLater = 0.011
    /// β: how strongly session quality moves the dropout hazard.
    public var qualityEffect = 0.47
    /// SD of the per-therapist random effect on the log scale.
    public var therapistSpread = 0.69
    /// How much of session quality a full exhaustion score (54) takes away.
    public var exhaustionQualityLoss = 0.3
    /// Quality lost for each session given beyond the therapist's level that day.
    public var overloadQualityLoss = 0.05
    /// Extra quality lost while the therapist is burned out (E ≥ threshold).
    public var burnoutQualityLoss = 0.1
    /// Probability that a client whose therapist leaves drops out rather than be re-matched.
    public var rematchDropout = 0.1

    public init() {}
}

/// Hiring lag, ramp-up and scheduled hires.
public struct StaffingConfig: Sendable {
    /// Whether a departure opens a vacancy that is filled after the hiring lag.
    public var replaceDepartures = true
    /// Days from a departure to the replacement's start.
    public var hiringLag: Distribution = try! .lognormal(median: 70, sigma: 0.3)
    /// Days over which a new therapist's caseload cap rises to full.
    public var rampUpDays = 28.0
    /// Extra therapists who start on a given day.
    public var scheduledHires: [ScheduledHire] = []

    public init() {}
}

/// A planned hire: `count` therapists of group `group` start on day `day`.
public struct ScheduledHire: Sendable, Equatable {
    public var day: Double
    public var group: Int
    public var count: Int
    public init(day: Double, group: Int, count: Int) {
        self.day = day
        self.group = group
        self.count = count
    }
}
