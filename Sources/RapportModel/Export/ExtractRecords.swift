/// One row of a platform's `referrals.csv`: a client's story from referral to its end. Days are
/// whole days since 1 January 1970; Rapport's simulated day 0 maps to a date the exporter chooses.
public struct ReferralRecord: Sendable, Equatable {
    /// How a referral's story ended, or that it has not.
    public enum EndReason: String, Sendable, CaseIterable {
        case completed, droppedOut = "dropped_out", abandoned, open = "still_open"
    }

    public var id: String
    public var referralDay: Int
    public var concern: String
    public var severity: String
    public var language: String
    public var modality: String
    /// The day the client left the waitlist with a booked appointment (the end of their wait
    /// for a match); optional in real extracts.
    public var matchedDay: Int?
    /// The day of the first booked appointment, attended or missed.
    public var firstAppointmentDay: Int?
    /// Whether that first appointment was attended; optional in real extracts.
    public var firstAttended: Bool?
    public var endDay: Int?
    public var endReason: EndReason
    public var attendedSessions: Int
    public var missedSessions: Int
    /// Optional outcome scores, carried through and range-checked but not fitted.
    public var phq9Intake: Int?
    public var phq9Last: Int?
    public var gad7Intake: Int?
    public var gad7Last: Int?

    public init(id: String, referralDay: Int, concern: String, severity: String, language: String, modality: String,
                matchedDay: Int? = nil, firstAppointmentDay: Int? = nil, firstAttended: Bool? = nil, endDay: Int? = nil,
                endReason: EndReason = .open, attendedSessions: Int = 0, missedSessions: Int = 0,
                phq9Intake: Int? = nil, phq9Last: Int? = nil, gad7Intake: Int? = nil, gad7Last: Int? = nil) {
        self.id = id
        self.referralDay = referralDay
        self.concern = concern
        self.severity = severity
        self.language = language
        self.modality = modality
        self.matchedDay = matchedDay
        self.firstAppointmentDay = firstAppointmentDay
        self.firstAttended = firstAttended
        self.endDay = endDay
        self.endReason = endReason
        self.attendedSessions = attendedSessions
        self.missedSessions = missedSessions
        self.phq9Intake = phq9Intake
        self.phq9Last = phq9Last
        self.gad7Intake = gad7Intake
        self.gad7Last = gad7Last
    }
}

/// One row of `therapists.csv`: a therapist's employment, attributes and sick leave.
public struct TherapistRecord: Sendable, Equatable {
    public var id: String
    public var group: String
    public var languages: [String]
    public var modalities: [String]
    /// Monday first.
    public var workingDays: [Bool]
    public var startDay: Int
    /// The last day employed; nil while still employed.
    public var endDay: Int?
    /// Calendar days on sick leave while employed.
    public var sickDays: Int
    /// Separate sick-leave spells; optional in real extracts.
    public var sickSpells: Int?
    /// Sessions a day the therapist says they can give well; optional.
    public var statedThreshold: Double?
    /// The id of the departed therapist this one replaced; optional.
    public var replaces: String?

    public init(id: String, group: String, languages: [String], modalities: [String], workingDays: [Bool], startDay: Int,
                endDay: Int? = nil, sickDays: Int = 0, sickSpells: Int? = nil, statedThreshold: Double? = nil, replaces: String? = nil) {
        self.id = id
        self.group = group
        self.languages = languages
        self.modalities = modalities
        self.workingDays = workingDays
        self.startDay = startDay
        self.endDay = endDay
        self.sickDays = sickDays
        self.sickSpells = sickSpells
        self.statedThreshold = statedThreshold
        self.replaces = replaces
    }
}

/// What a platform's two extracts hold, in memory.
public struct PlatformExtract: Sendable, Equatable {
    public var referrals: [ReferralRecord]
    public var therapists: [TherapistRecord]
    /// The first and last day the extract covers.
    public var firstDay: Int
    public var lastDay: Int

    public init(referrals: [ReferralRecord], therapists: [TherapistRecord], firstDay: Int, lastDay: Int) {
        self.referrals = referrals
        self.therapists = therapists
        self.firstDay = firstDay
        self.lastDay = lastDay
    }
}
