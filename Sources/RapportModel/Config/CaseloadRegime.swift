/// Limits on how many active clients each therapist carries, on top of the session regime.
///
/// Platforms impose caseload requirements (a minimum of active clients per therapist) besides
/// sessions-a-day quotas. A requirement is a requirement: a therapist below it takes clients into
/// any free slot of their grid, above what the session regime would book, and matching fills
/// those below it first. A ceiling is the opposite: no new client once the caseload reaches it.
/// Both apply to a new therapist in proportion to their ramp-up.
public struct CaseloadRegime: Sendable, Equatable {
    /// Active clients each therapist must carry, if required.
    public var requirement: Int?
    /// Active clients no therapist carries more than, if capped.
    public var ceiling: Int?

    public init(requirement: Int? = nil, ceiling: Int? = nil) {
        self.requirement = requirement
        self.ceiling = ceiling
    }

    public var isEmpty: Bool { requirement == nil && ceiling == nil }
}

/// Time therapists spend on work other than sessions, which takes capacity and adds to load.
///
/// A working day is the therapist's `slots_per_day` hours. Each session takes `sessionMinutes`
/// plus `notesMinutes` of that time, and supervision is spread over the working days, so fewer
/// sessions fit a day than there are hours. Training days are working days without sessions.
/// Scheduled non-clinical work also strains: each hour counts `loadWeight` of a session-hour in
/// the wellbeing load. (`wellbeing.admin_per_session` is strain from unscheduled admin; lower it
/// when notes are scheduled here, or the two count the same work twice.)
public struct NonClinicalTime: Sendable, Equatable {
    /// Minutes of the hour a session itself takes.
    public var sessionMinutes = 50.0
    /// Minutes of notes and admin after each session.
    public var notesMinutes = 10.0
    /// Hours of supervision a week.
    public var supervisionHoursPerWeek = 0.0
    /// Training days a year, on which no sessions run.
    public var trainingDaysPerYear = 0.0
    /// Strain of an hour of non-clinical work, as a share of an hour of sessions.
    public var loadWeight = 0.5

    public init() {}

    /// The defaults: a 50-minute session and 10 minutes of notes fill each hour, nothing else.
    public var isDefault: Bool { self == NonClinicalTime() }

    /// Sessions that fit a working day of `hours` hours over `workingDays` days a week.
    public func sessionsFitting(hours: Double, workingDays: Int) -> Int {
        let supervisionPerDay = workingDays > 0 ? supervisionHoursPerWeek / Double(workingDays) : 0
        let minutes = max(0, hours - supervisionPerDay) * 60
        // The small margin keeps 480 minutes over 60-minute sessions at 8, whatever the rounding.
        return Int((minutes + 1e-9) / (sessionMinutes + notesMinutes))
    }

    /// Non-clinical load of a working day with `sessions` given, in session-equivalents (an hour
    /// of sessions is one), beyond the default ten minutes of notes that the load of a session
    /// already includes.
    public func dayLoad(sessions: Int, workingDays: Int) -> Double {
        let extraNotes = max(0, notesMinutes - 10) / 60 * Double(sessions)
        let supervision = workingDays > 0 ? supervisionHoursPerWeek / Double(workingDays) : 0
        return loadWeight * (extraNotes + supervision)
    }
}
