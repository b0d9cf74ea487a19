/// Whether a therapist is seeing clients.
public enum TherapistStatus: UInt8, Sendable {
    case active, onLeave, departed, notStarted
}

/// One therapist: attributes drawn once, plus their weekly slot grid and wellbeing state.
struct Therapist {
    var group: Int32
    /// Proficiency per concern index.
    var proficiency: [Double]
    var languageMask: UInt64
    var modalityMask: UInt64
    var experienceYears: Double
    /// Sessions a day they can give well.
    var sustainableLevel: Double
    /// Multiplier on clients' dropout hazard (the therapist random effect).
    var dropoutMultiplier: Double
    /// Bit d set when they work on weekday d (0 = Monday).
    var workingDays: UInt8
    var slotsPerDay: Int32
    var status: TherapistStatus
    var startDay: Double
    var leaveEnds: Double = 0
    var leaveStarted: Double = 0
    /// Slot grid, weekday-major: client index or -1.
    var slots: [Int32]
    /// Booked slots per weekday.
    var bookedPerDay: [Int32]
    var caseload: Int32 = 0
    var exhaustion: Double = 0
    var everBurnedOut = false
    /// Competition ranking state.
    var firstSessions: Int32 = 0
    var returnedAfterFirst: Int32 = 0
    /// Rank from 0 (best) to 1 (worst) under competition; 0 otherwise.
    var rankPenalty: Double = 0

    func works(onWeekday weekday: Int) -> Bool { workingDays & (1 << UInt8(weekday)) != 0 }

    var isSeeingClients: Bool { status == .active }
}
