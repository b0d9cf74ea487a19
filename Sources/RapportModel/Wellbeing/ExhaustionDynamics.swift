import Foundation

/// How a therapist's exhaustion score E (0–54) moves from one day to the next.
///
/// On a working day, E grows by `growthPerExtraSession` for each session given beyond the
/// therapist's sustainable level, scaled by the day's mean severity weight, plus any competitive
/// pressure. A working day with no growth is a light day: E decays toward zero with
/// `recoveryHalfLife`. A day off (or on leave) decays it with the shorter `dayOffHalfLife`.
/// These coefficients are modelling assumptions; the report's sensitivity analysis shows how
/// much they matter.
public enum ExhaustionDynamics {
    /// E after one day.
    public static func nextDay(exhaustion e: Double, working: Bool, sessions: Int, sustainableLevel: Double,
                               meanSeverityWeight: Double, pressure: Double, parameters w: WellbeingConfig) -> Double {
        var next = e
        if working {
            let excess = max(0, Double(sessions) - sustainableLevel)
            let growth = w.growthPerExtraSession * excess * meanSeverityWeight + pressure
            next = growth > 0 ? e + growth : e * decay(halfLife: w.recoveryHalfLife)
        } else {
            next = e * decay(halfLife: w.dayOffHalfLife)
        }
        return min(WellbeingConfig.maximum, max(0, next))
    }

    /// The daily factor that halves a value every `halfLife` days.
    public static func decay(halfLife: Double) -> Double {
        halfLife > 0 ? exp(-log(2) / halfLife) : 0
    }
}
