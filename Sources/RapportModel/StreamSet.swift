import RapportRandom

/// One random stream per named purpose, for one replication.
///
/// Each stream's seed depends only on (seed, replication, stream name), so a policy variant that
/// draws differently in matching still sees exactly the same arrivals and client attributes.
public struct StreamSet {
    /// Gaps between arrivals and the thinning of time-varying rates.
    public let arrivals: RandomStream
    /// Concern, severity, modality, language and sessions needed of each client.
    public let clientAttributes: RandomStream
    /// How long each client will wait before abandoning.
    public let patience: RandomStream
    /// Session lengths (continuous mode), no-shows and dropout after sessions.
    public let sessions: RandomStream
    /// Therapists' drawn attributes: sustainable level, experience, dropout effect.
    public let therapistAttributes: RandomStream
    /// Sick leave onsets and lengths.
    public let sickLeave: RandomStream
    /// Quits and hiring lags.
    public let attrition: RandomStream
    /// Each therapist's error in stating their threshold, and its reviews.
    public let statedThresholds: RandomStream
    /// Where each therapist's fractional weekly capacity falls.
    public let capacityPhase: RandomStream
    /// When stress from outside work strikes a therapist, and how hard.
    public let outsideStress: RandomStream
    /// Intake PHQ-9 and GAD-7 scores.
    public let symptoms: RandomStream
    /// What each attended session does to the scores: noise and deterioration.
    public let sessionOutcomes: RandomStream
    /// Each therapist's latent effect on outcomes.
    public let therapistEffects: RandomStream
    /// Perception noise and choices in client-choice matching.
    public let choice: RandomStream
    /// Fair tie-breaks among equally good therapists in matching.
    public let matchingTies: RandomStream
    /// Sessions needed in each pathway step (pathway scenarios only).
    public let pathway: RandomStream
    /// Which working days therapists spend in training.
    public let training: RandomStream

    /// Creates every stream for `replication` of a run seeded with `seed`.
    public init(seed: UInt64, replication: Int) {
        func stream(_ name: String) -> RandomStream { RandomStream(seed: seed, replication: replication, name: name) }
        arrivals = stream("arrivals")
        clientAttributes = stream("client-attributes")
        patience = stream("patience")
        sessions = stream("sessions")
        therapistAttributes = stream("therapist-attributes")
        sickLeave = stream("sick-leave")
        attrition = stream("attrition")
        statedThresholds = stream("stated-thresholds")
        capacityPhase = stream("capacity-phase")
        outsideStress = stream("outside-stress")
        symptoms = stream("symptoms")
        sessionOutcomes = stream("session-outcomes")
        therapistEffects = stream("therapist-effects")
        choice = stream("client-choice")
        matchingTies = stream("matching-ties")
        pathway = stream("pathway")
        training = stream("training")
    }
}
