import RapportRandom

/// Symptom scores, what a session does to them, and the client's decision to come back.
///
/// Each client carries PHQ-9 (0–27) and GAD-7 (0–21) scores, drawn at intake from their severity
/// band and correlated. Every attended session closes part of the gap between the scores and a
/// residual floor: a share that falls with diminishing returns on dose (a constant share of a
/// shrinking gap) and rises with the session's quality and the therapist's effect, plus noise and
/// a chance of deterioration. After each session the client decides whether to come back, more
/// likely the more the session helped against what they hoped for, above all early on.
public struct ClinicalConfig: Sendable, Equatable {
    /// Whether symptom scores and the return decision are simulated. Off, dropout is the bare
    /// quality-shifted hazard of the first model.
    public var enabled = true
    /// Mean intake PHQ-9 and GAD-7 by severity (mild, moderate, severe).
    public var intakePHQ9: [Double] = [9, 14, 19]
    public var intakeGAD7: [Double] = [8, 12, 15]
    /// Spread of intake scores within a severity band, and their correlation.
    public var intakePHQ9SD = 3.5
    public var intakeGAD7SD = 3.0
    public var intakeCorrelation = 0.7
    /// The scores an effective course tends toward.
    public var floorPHQ9 = 3.0
    public var floorGAD7 = 2.5
    /// Share of the gap to the floor an average session closes (match quality 0.5, fresh therapist).
    public var improvementRate = 0.185
    /// How strongly session quality scales the improvement: rate × exp(effect · (quality − 0.5)).
    public var qualityEffect = 1.2
    /// SD, on the log scale, of each therapist's multiplier on the improvement rate.
    public var therapistEffect = 0.3
    /// Session-to-session noise in PHQ-9 (GAD-7 scaled by 21/27), and a chance of a session that
    /// makes things worse, by an exponential number of PHQ-9 points.
    public var sessionNoise = 2.5
    public var deteriorationChance = 0.12
    public var deteriorationMean = 6.0
    /// PHQ-9 points a client hopes a session will move them; less than this feels unhelpful.
    public var hopedChange = 1.0
    /// How strongly the gap between helped and hoped moves the dropout hazard, and how much more
    /// strongly in the first sessions.
    public var returnSensitivity = 0.35
    public var earlySensitivity = 1.0
    /// Clients below caseness at two consecutive sessions, after at least this many, end treatment
    /// as completed (improvement-based completion); nil (the default) for none.
    public var dischargeAfter: Int?

    public init() {}

    /// PHQ-9 at or above this, or GAD-7 at or above `gadCaseness`, is a case (NHS Talking Therapies).
    public static let phqCaseness = 10.0
    public static let gadCaseness = 8.0
    /// Reliable change: PHQ-9 by 6 or more, GAD-7 by 4 or more.
    public static let phqReliable = 6.0
    public static let gadReliable = 4.0
}
