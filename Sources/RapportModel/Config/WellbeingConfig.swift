import RapportRandom

/// The exhaustion, sick-leave and quitting dynamics (wellbeing, second version).
///
/// Exhaustion E (0–54, the Maslach emotional-exhaustion scale) is a stock. Its inflow is the day's
/// load: every session weighted by the client's severity, the non-clinical work that comes with
/// sessions and with the day, occasional stress from outside work, and competitive pressure. Its
/// outflow is recovery, stronger on days off. A therapist's sustainable level is the daily load
/// their recovery balances: a property of the person, not a switch in the rule. The growth and
/// recovery coefficients are modelling assumptions no study gives directly; each is a scenario
/// parameter, and `rapport sensitivity` shows how much each matters.
public struct WellbeingConfig: Sendable, Equatable {
    /// Whether exhaustion, sick leave and quits are simulated at all.
    public var enabled = true
    /// Exhaustion points per session-equivalent of load beyond what the day's recovery balances.
    public var growthPerExtraSession = 1.2
    /// Severity weights, in the severity mix order (mild, moderate, severe by default): the load
    /// one session carries, a moderate session being 1.
    public var severityWeights: [Double] = [0.8, 1.0, 1.4]
    /// Non-clinical load each session brings (notes, letters, liaison), in session-equivalents.
    public var adminPerSession = 0.1
    /// Non-clinical load of a working day regardless of sessions (supervision, meetings, email),
    /// in session-equivalents.
    public var adminPerDay = 0.0
    /// Stressful events from outside work: how many a year, and how many exhaustion points each adds.
    public var outsideStressPerYear = 2.0
    public var outsideStressSize: Distribution = try! .exponential(mean: 3)
    /// Half-life of exhaustion on a working day, in days: the recovery that evenings and sleep give.
    public var recoveryHalfLife = 14.0
    /// Half-life of exhaustion on a day off, in days.
    public var dayOffHalfLife = 7.0
    /// E at or above this counts as burned out (the MBI emotional-exhaustion cut-off).
    public var burnoutThreshold = 27.0
    /// Sick days a year at baseline.
    public var sickDaysPerYear = 5.4
    /// Mean length of a sick spell, in days.
    public var sickSpellMeanDays = 3.0
    /// Sick-leave hazard multiplier while burned out.
    public var burnoutSickMultiplier = 2.5
    /// Leave longer than this sends the caseload back to matching, in days.
    public var longLeaveDays = 14.0
    /// Share of therapists who quit in a year at baseline.
    public var quitsPerYear = 0.28
    /// Quit hazard multiplier while burned out.
    public var burnoutQuitMultiplier = 1.75
    /// How the thresholds therapists state differ from their true sustainable level.
    public var statedThreshold = StatedThresholdConfig()

    public init() {}

    /// The scale's maximum.
    public static let maximum = 54.0

    /// The load of a working day, in session-equivalents: the sessions' severity-weighted load plus
    /// the non-clinical load that comes with them and with the day.
    public func dayLoad(sessions: Int, severityLoad: Double) -> Double {
        severityLoad + adminPerSession * Double(sessions) + adminPerDay
    }

    /// Moderate sessions a day whose whole load (with its admin) equals `level` session-equivalents:
    /// what a therapist who knew their level exactly would state.
    public func sessionsBalancing(level: Double) -> Double {
        max(0, (level - adminPerDay) / (1 + adminPerSession))
    }

    /// The true level of a therapist who states `stated` sessions a day with self-assessment
    /// error `error`: the inverse of what `StatedThresholdConfig` says they state
    /// (`sessionsBalancing(level) + optimism + error`), never below 0.
    public func levelImplied(stated: Double, error: Double) -> Double {
        max(0, (stated - statedThreshold.optimism - error) * (1 + adminPerSession) + adminPerDay)
    }
}

/// Individual thresholds are stated, not known. Each therapist states a sessions-a-day threshold:
/// the sessions their true level balances, plus `optimism`, plus an error drawn from `error`. An
/// optional review moves the stated threshold toward what the therapist's exhaustion shows.
public struct StatedThresholdConfig: Sendable, Equatable {
    /// Self-assessment error, in sessions a day (mean zero by default; the bias is `optimism`).
    public var error: Distribution = try! .normal(mean: 0, sd: 0.75)
    /// Systematic overstatement, in sessions a day: people tend to rate their capacity too high.
    public var optimism = 0.25
    /// Days between reviews of stated thresholds; nil for no review.
    public var reviewEveryDays: Double?
    /// How far a review moves the stated threshold toward the level exhaustion implies (0–1).
    public var reviewWeight = 0.5

    public init() {}

    /// True when every therapist states exactly the sessions their level balances.
    public var isExact: Bool { optimism == 0 && error.minimum == 0 && error.maximum == 0 }
}
