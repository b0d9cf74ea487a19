import Foundation

/// How a therapist's exhaustion score E (0–54) moves from one day to the next: a stock with an
/// inflow and an outflow.
///
/// On a working day, the net flow is `growth · (load − level)`: the day's load in
/// session-equivalents (severity-weighted sessions plus non-clinical work) against the therapist's
/// sustainable level, the load their recovery balances. Above the level they wear down; below it
/// the spare recovery takes exhaustion off. On top of that, evenings and sleep let E decay with
/// `recoveryHalfLife`, and days off or leave with the shorter `dayOffHalfLife`. Outside stress and
/// competitive pressure add to the inflow on any day.
///
/// There is no switch at the level: a day exactly at the level leaves E where decay puts it, and
/// the day-to-day spread of severity, admin and stress moves it from there. A therapist who works
/// at their true level stays near zero; one who works a session-equivalent above it settles
/// around `growth / (1 − decay)` points, close to the burnout cut-off with the defaults.
public enum ExhaustionDynamics {
    /// E after one day.
    ///
    /// - Parameters:
    ///   - load: the day's load in session-equivalents (see `WellbeingConfig.dayLoad`); ignored on
    ///     a day off.
    ///   - level: the therapist's true sustainable level, in session-equivalents.
    ///   - extra: exhaustion points added whatever the day: outside stress and competitive pressure.
    public static func nextDay(exhaustion e: Double, working: Bool, load: Double, level: Double,
                               extra: Double, parameters w: WellbeingConfig) -> Double {
        nextDay(exhaustion: e, working: working, load: load, level: level, extra: extra, parameters: w, decays: Decays(w))
    }

    /// `nextDay` with the daily decay factors worked out beforehand: the platform applies the
    /// same two factors to every therapist every day.
    public static func nextDay(exhaustion e: Double, working: Bool, load: Double, level: Double,
                               extra: Double, parameters w: WellbeingConfig, decays: Decays) -> Double {
        let next: Double
        if working {
            next = e * decays.working + w.growthPerExtraSession * (load - level) + extra
        } else {
            next = e * decays.dayOff + extra
        }
        return min(WellbeingConfig.maximum, max(0, next))
    }

    /// The daily decay factors of a wellbeing configuration: on a working day and on a day off.
    public struct Decays: Sendable {
        public var working: Double
        public var dayOff: Double

        public init(_ w: WellbeingConfig) {
            working = ExhaustionDynamics.decay(halfLife: w.recoveryHalfLife)
            dayOff = ExhaustionDynamics.decay(halfLife: w.dayOffHalfLife)
        }
    }

    /// The daily factor that halves a value every `halfLife` days.
    public static func decay(halfLife: Double) -> Double {
        halfLife > 0 ? exp(-log(2) / halfLife) : 0
    }
}
