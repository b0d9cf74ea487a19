/// A model parameter that no study pins down, with the range it could plausibly take.
///
/// This is the one list of the model's uncertain assumptions: `rapport sensitivity` moves each of
/// them, calibration searches over them, and `docs/model.md` explains them.
public struct UncertainParameter: Sendable {
    /// The scenario path, as in `--set` (`wellbeing.growth_per_extra_session`).
    public var name: String
    public var keyPath: WritableKeyPath<ModelConfig, Double> & Sendable
    /// A plausible range: calibration searches it and uncertainty analyses draw from it.
    public var low: Double
    public var high: Double
    /// Every value the model accepts (what the scenario decoder allows): draws of an
    /// uncertainty analysis are truncated to it, and `samples:` outside it are refused.
    public var feasible: ClosedRange<Double>
    /// What it means, in plain words.
    public var meaning: String

    /// The registry, in the order reports list it.
    public static let all: [UncertainParameter] = [
        .init(name: "wellbeing.growth_per_extra_session", keyPath: \.wellbeing.growthPerExtraSession, low: 0.6, high: 2.4,
              feasible: 0...WellbeingConfig.maximum,
              meaning: "exhaustion points per session-equivalent of load above or below the true level"),
        .init(name: "wellbeing.recovery_half_life", keyPath: \.wellbeing.recoveryHalfLife, low: 7, high: 28,
              feasible: 0.001...36_500,
              meaning: "days for exhaustion to halve through evenings and sleep on working days"),
        .init(name: "wellbeing.day_off_half_life", keyPath: \.wellbeing.dayOffHalfLife, low: 3, high: 14,
              feasible: 0.001...36_500,
              meaning: "days for exhaustion to halve on days off"),
        .init(name: "wellbeing.admin_per_session", keyPath: \.wellbeing.adminPerSession, low: 0, high: 0.3,
              feasible: 0...10,
              meaning: "non-clinical load each session brings, in session-equivalents"),
        .init(name: "wellbeing.outside_stress.per_year", keyPath: \.wellbeing.outsideStressPerYear, low: 0, high: 6,
              feasible: 0...365,
              meaning: "stressful events from outside work a year"),
        .init(name: "wellbeing.stated_threshold.optimism", keyPath: \.wellbeing.statedThreshold.optimism, low: 0, high: 1,
              feasible: -24...24,
              meaning: "how many sessions a day therapists overstate their capacity by, on average"),
        .init(name: "wellbeing.burnout_threshold", keyPath: \.wellbeing.burnoutThreshold, low: 24, high: 30,
              feasible: 0...WellbeingConfig.maximum,
              meaning: "the emotional-exhaustion score counted as burned out"),
        .init(name: "wellbeing.burnout_quit_multiplier", keyPath: \.wellbeing.burnoutQuitMultiplier, low: 1.25, high: 2.5,
              feasible: 0...1000,
              meaning: "how much more likely a burned-out therapist is to quit"),
        .init(name: "wellbeing.quits_per_year", keyPath: \.wellbeing.quitsPerYear, low: 0.15, high: 0.4,
              feasible: 0...12,
              meaning: "share of therapists quitting a year at baseline"),
        .init(name: "outcomes.quality_effect", keyPath: \.outcomes.qualityEffect, low: 0.2, high: 0.8,
              feasible: 0...1000,
              meaning: "how strongly session quality moves the dropout hazard"),
        .init(name: "outcomes.exhaustion_quality_loss", keyPath: \.outcomes.exhaustionQualityLoss, low: 0.1, high: 0.5,
              feasible: 0...1,
              meaning: "session quality a full exhaustion score takes away"),
        .init(name: "outcomes.return_sensitivity", keyPath: \.clinical.returnSensitivity, low: 0.1, high: 0.7,
              feasible: 0...10,
              meaning: "how strongly a session that helped less than hoped raises the chance of not coming back"),
        .init(name: "outcomes.therapist_effect", keyPath: \.clinical.therapistEffect, low: 0.1, high: 0.5,
              feasible: 0...3,
              meaning: "how much therapists differ in what their sessions do (SD on the log scale)"),
        .init(name: "clients.arrivals.rate", keyPath: \.clients.arrivalsPerDay, low: 0, high: .infinity,
              feasible: 0...10_000_000,
              meaning: "demand: referrals a day (its range is the scenario's own, moved by the sensitivity change)"),
    ]

    /// The parameter named `name`, if it is in the registry.
    public static func named(_ name: String) -> UncertainParameter? { all.first { $0.name == name } }
}
