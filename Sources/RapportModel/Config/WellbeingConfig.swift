/// The exhaustion, sick-leave and quitting dynamics. The growth and recovery coefficients are
/// modelling assumptions no study gives directly; each is a scenario parameter.
public struct WellbeingConfig: Sendable, Equatable {
    /// Whether exhaustion, sick leave and quits are simulated at all.
    public var enabled = true
    /// Exhaustion points added per session given beyond the sustainable level in a day,
    /// scaled by the day's mean severity weight.
    public var growthPerExtraSession = 1.2
    /// Severity weights, in the severity mix order (mild, moderate, severe by default).
    public var severityWeights: [Double] = [0.8, 1.0, 1.4]
    /// Half-life of exhaustion on a working day at or under the sustainable level, in days.
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

    public init() {}

    /// The scale's maximum.
    public static let maximum = 54.0
}
