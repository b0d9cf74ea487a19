/// Whether a therapist is seeing clients.
public enum TherapistStatus: UInt8, Sendable {
    case active, onLeave, departed, notStarted
}

/// One therapist: attributes drawn once, plus their weekly slot grid and wellbeing state.
///
/// A plain record (no references), so the roster lives in a `LineAlignedArray` and copying a
/// record retains nothing.
struct Therapist {
    // The fields every booking, release and room check reads (`book`, `take`, `firstOpenSlot`,
    // `refreshOpen` and the caps) come first and together (Swift lays a struct out in declaration
    // order). Measured: the record went from 384 to 352 bytes (less padding) and the benchmark
    // from 218.7 M to 217.9 M instructions, but time at 50,000 therapists did not move (×0.994 in
    // a five-round race): the matched therapist's record is one cold miss however many of its
    // lines the booking path reads, since they are asked for at once.
    /// Booked slots per row of the grid.
    ///
    /// Held in the record itself (lane parity · 7 + weekday; at most 14 are used), not in an
    /// array of its own: every booking, release and room check reads it, and a separate array
    /// would cost a second cache miss after the record's at a large platform.
    var bookedPerDay: SIMD16<Int32>
    var status: TherapistStatus
    /// Bit d set when they work on weekday d (0 = Monday).
    var workingDays: UInt8
    /// Sessions that fit one of their working days, after hours and non-clinical time.
    var slotsPerDay: Int32
    var caseload: Int32 = 0
    /// Counts changes to `bookedPerDay`, for `refreshOpen` to tell whether they changed.
    var bookingChanges: UInt32 = 0
    /// The sessions a day they say they can give well; individual thresholds and competition cap
    /// them here. It differs from what `sustainableLevel` balances by self-assessment error.
    var statedThreshold: Double
    /// Rank from 0 (best) to 1 (worst) under competition; 0 otherwise.
    var rankPenalty: Double = 0
    var startDay: Double
    /// Last day of the current sick leave (`leaveStarted` is the day it began).
    var leaveEnds: Double = 0
    /// Where their week's fractional capacity falls, in [0, 1): a level of 5.5 over five days
    /// gives 27 or 28 sessions a week, 27.5 on average over therapists.
    var capacityPhase: Double
    /// The share of a full day they work (part-time hours), scaling session levels.
    var dayShare: Double = 1
    /// What `refreshOpen` last worked from (see there).
    var refreshedWith = RefreshInputs()
    /// The regime's weekday caps as last worked out (see `rememberedBookingCaps`).
    var caps = RememberedCaps()
    /// Their group, which gives their proficiency by concern (`PlatformModel.groupProficiency`).
    var group: Int32
    var languageMask: UInt64
    var modalityMask: UInt64
    var experienceYears: Double
    /// The daily load, in session-equivalents, that their recovery balances: their true
    /// sustainable level. Nobody on the platform observes it.
    var sustainableLevel: Double
    /// Multiplier on clients' dropout hazard (the therapist random effect).
    var dropoutMultiplier: Double
    /// Their full-time equivalent, for per-FTE metrics.
    var fte: Double = 1
    /// The day the current sick leave began.
    var leaveStarted: Double = 0
    var exhaustion: Double = 0
    var everBurnedOut = false
    /// The next day outside stress strikes.
    var nextStressDay: Double = .infinity
    /// Since the last threshold review: exhaustion summed over days, working days, and load.
    var reviewExhaustion = 0.0
    var reviewDays: Int32 = 0
    var reviewWorkingDays: Int32 = 0
    var reviewSessions = 0.0
    /// Competition ranking state.
    var firstSessions: Int32 = 0
    var returnedAfterFirst: Int32 = 0

    func works(onWeekday weekday: Int) -> Bool { workingDays & (1 << UInt8(weekday)) != 0 }

    var isSeeingClients: Bool { status == .active }
}
