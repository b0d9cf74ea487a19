extension QuotaRegime {
    /// Sessions a day the regime books a therapist for, before ramp-up and the slot grid. It may be
    /// fractional; `sessions(onWorkingDay:level:phase:)` turns it into whole sessions per day.
    ///
    /// New regimes add a rule here; the kernel and the rest of the model only ever ask for a level.
    /// `rankPenalty` runs from 0 (top of a competition ranking) to 1 (bottom).
    public func dailyLevel(statedThreshold: Double, rankPenalty: Double) -> Double {
        // Nobody gives more than a day's worth of hourly sessions; this also keeps Int() safe.
        let stated = statedThreshold.isFinite ? min(24, max(0, statedThreshold)) : 0
        var level: Double
        switch rule {
        case .fixedQuota(let n, _):
            level = n
        case .individualThresholds:
            level = stated
        case let .competition(_, extra):
            // The lowest ranks take extra clients to climb the ranking.
            level = stated + (Double(extra) * rankPenalty).rounded()
        }
        if let floor { level = max(level, Double(floor)) }
        if let ceiling { level = min(level, Double(ceiling)) }
        return min(24, max(0, level))
    }

    /// Whole sessions on the `ordinal`-th working day of the week (0-based) for a fractional daily
    /// `level`, so that no capacity is lost to rounding.
    ///
    /// The week's days take the steps of `⌊k·level + phase⌋`: a level of 5.5 over five days gives
    /// 5, 6, 5, 6, 5 or 6, 5, 6, 5, 6, that is 27 or 28 sessions, depending on the therapist's
    /// phase. With the phase uniform over therapists, the expected weekly total is exactly
    /// `level × working days`, and each day is within one session of the level.
    public static func sessions(onWorkingDay ordinal: Int, level: Double, phase: Double) -> Int {
        let k = Double(ordinal)
        return Int((k + 1) * level + phase) - Int(k * level + phase)
    }
}

extension PlatformModel {
    /// The sessions-a-day level therapist `t` is booked to under the regime. A fixed quota is per
    /// full day, so a part-time day gets its share of it; thresholds are the therapist's own.
    @inline(__always)
    func dailyLevel(_ t: Int) -> Double {
        let level = config.quota.dailyLevel(statedThreshold: therapists[t].statedThreshold, rankPenalty: therapists[t].rankPenalty)
        let share = therapists[t].dayShare
        guard share != 1, case .fixedQuota = config.quota.rule else { return level }
        return level * share
    }

    /// The week of a fortnightly grid that `day` falls in: 0 or 1 (always 0 on a weekly grid).
    @inline(__always)
    func parity(_ day: Int) -> Int { parities == 1 ? 0 : (day / 7) & 1 }

    /// The row of the slot grid for `weekday` in week `parity` of the cycle.
    @inline(__always)
    func row(parity: Int, weekday: Int) -> Int { parity * 7 + weekday }

    /// The share of its full level a new therapist's caseload has reached on `day`.
    @inline(__always)
    func rampShare(_ t: Int, day: Int) -> Double? {
        let startDay = therapists[t].startDay
        guard startDay.isFinite, config.staffing.rampUpDays > 0 else { return nil }
        return min(1, max(0.25, (Double(day) - startDay) / config.staffing.rampUpDays))
    }

    /// How many clients therapist `t` may hold in their slots on `weekday`, as of `day`, under
    /// the session regime.
    @inline(__always)
    func dailyCap(_ t: Int, weekday: Int, day: Int) -> Int {
        // Fields are read one by one: copying the whole Therapist would retain and release its
        // arrays on every call (a profile showed a quarter of the run in those reference counts).
        let workingDays = therapists[t].workingDays
        guard therapists[t].status != .departed, workingDays & (1 << UInt8(weekday)) != 0 else { return 0 }
        return cap(t, weekday: weekday, level: dailyLevel(t), ramp: rampShare(t, day: day))
    }

    /// `dailyCap` for all seven weekdays at once (lane w is weekday w; lane 7 is unused): the
    /// level and ramp-up are worked out once, not once per weekday, for `refreshOpen`, which
    /// runs at every booking, release and day start.
    @inline(__always)
    func dailyCaps(_ t: Int, day: Int) -> SIMD8<Int32> {
        guard therapists[t].status != .departed, therapists[t].workingDays != 0 else { return SIMD8() }
        return dailyCaps(t, level: dailyLevel(t), ramp: rampShare(t, day: day))
    }

    /// `dailyCaps` for a working therapist at a given daily level and ramp-up share.
    @inline(__always)
    private func dailyCaps(_ t: Int, level: Double, ramp: Double?) -> SIMD8<Int32> {
        var caps = SIMD8<Int32>()
        let workingDays = therapists[t].workingDays
        for w in 0..<7 where workingDays & (1 << UInt8(w)) != 0 {
            caps[w] = Int32(cap(t, weekday: w, level: level, ramp: ramp))
        }
        return caps
    }

    /// `bookingCaps`, remembered per therapist. The caps depend on the therapist's stated
    /// threshold, rank penalty and ramp-up share, which change rarely, and on what was fixed at
    /// hire (working days, phase, slots, day share). `refreshOpen` runs for every therapist every
    /// day and at every booking, so it reuses the caps while those three are unchanged.
    mutating func rememberedBookingCaps(_ t: Int, day: Int) -> SIMD8<Int32> {
        guard config.caseload.isEmpty else { return bookingCaps(t, day: day) }
        guard therapists[t].status != .departed, therapists[t].workingDays != 0 else { return SIMD8() }
        // The level is a function of the stated threshold and rank penalty (the rest of its
        // inputs are fixed), so those two are the key, and the level is only worked out on a miss.
        let stated = therapists[t].statedThreshold, penalty = therapists[t].rankPenalty
        let ramp = rampShare(t, day: day)
        let key = ramp ?? -1
        if therapists[t].caps.statedThreshold == stated, therapists[t].caps.rankPenalty == penalty, therapists[t].caps.ramp == key {
            return therapists[t].caps.caps
        }
        let caps = dailyCaps(t, level: dailyLevel(t), ramp: ramp)
        therapists[t].caps = RememberedCaps(statedThreshold: stated, rankPenalty: penalty, ramp: key, caps: caps)
        return caps
    }

    /// The cap on a working `weekday` for a daily `level` and a ramp-up share (nil when ramped up).
    @inline(__always)
    private func cap(_ t: Int, weekday: Int, level: Double, ramp: Double?) -> Int {
        let ordinal = (therapists[t].workingDays & UInt8((1 << weekday) - 1)).nonzeroBitCount
        var cap = QuotaRegime.sessions(onWorkingDay: ordinal, level: level, phase: therapists[t].capacityPhase)
        if let ramp {
            cap = min(cap, Int((Double(cap) * ramp).rounded(.up)))
        }
        return min(cap, Int(therapists[t].slotsPerDay))
    }

    /// How many clients therapist `t` may be booked to on `weekday`, as of `day`: the session
    /// regime's cap, unless a caseload requirement they are below opens every slot of the day,
    /// or a caseload ceiling they have reached closes the day.
    @inline(__always)
    func bookingCap(_ t: Int, weekday: Int, day: Int) -> Int {
        switch caseloadRule(t, day: day) {
        case .regime: return dailyCap(t, weekday: weekday, day: day)
        case .closed: return 0
        case .everySlot:
            guard therapists[t].status != .departed, therapists[t].works(onWeekday: weekday) else { return 0 }
            return Int(therapists[t].slotsPerDay)
        }
    }

    /// `bookingCap` for all seven weekdays at once (lane w is weekday w).
    @inline(__always)
    func bookingCaps(_ t: Int, day: Int) -> SIMD8<Int32> {
        switch caseloadRule(t, day: day) {
        case .regime: return dailyCaps(t, day: day)
        case .closed: return SIMD8()
        case .everySlot:
            var caps = SIMD8<Int32>()
            guard therapists[t].status != .departed else { return caps }
            for w in 0..<7 where therapists[t].works(onWeekday: w) { caps[w] = therapists[t].slotsPerDay }
            return caps
        }
    }

    /// What a caseload requirement or ceiling does to therapist `t`'s caps on `day`.
    @inline(__always)
    func caseloadRule(_ t: Int, day: Int) -> CaseloadRule {
        guard !config.caseload.isEmpty else { return .regime }
        if let ceiling = config.caseload.ceiling, Int(therapists[t].caseload) >= ceiling { return .closed }
        return belowRequirement(t, day: day) ? .everySlot : .regime
    }

    /// Whether therapist `t` carries fewer active clients than a caseload requirement asks of
    /// them on `day` (in proportion to their ramp-up when new).
    @inline(__always)
    func belowRequirement(_ t: Int, day: Int) -> Bool {
        guard let required = config.caseload.requirement else { return false }
        let share = rampShare(t, day: day) ?? 1
        return Double(therapists[t].caseload) < (Double(required) * share).rounded(.up)
    }

    /// Whether therapist `t` could take a client on `weekday` of week `parity`, as of `day`: in
    /// that week's row only for a fortnightly client, in both weeks' rows for a weekly one.
    @inline(__always)
    func hasRoom(_ t: Int, weekday: Int, parity p: Int, weekly: Bool, day: Int) -> Bool {
        let cap = bookingCap(t, weekday: weekday, day: day)
        if weekly { return bookedForRoom(t, weekday: weekday, weekly: true) < cap }
        return Int(therapists[t].bookedPerDay[row(parity: p, weekday: weekday)]) < cap
    }

    /// Slots therapist `t` holds on `weekday` as far as room goes: on a two-week grid, the fuller
    /// week's count for a weekly client (who needs both weeks), the emptier week's for anyone.
    @inline(__always)
    func bookedForRoom(_ t: Int, weekday w: Int, weekly: Bool) -> Int {
        let first = Int(therapists[t].bookedPerDay[w])
        guard parities == 2 else { return first }
        let second = Int(therapists[t].bookedPerDay[7 + w])
        return weekly ? max(first, second) : min(first, second)
    }

    /// Weekly clients therapist `t` could still take this week.
    func spareCapacity(_ t: Int, day: Int) -> Int {
        var spare = 0
        let caps = bookingCaps(t, day: day + 1)
        for w in 0..<7 {
            spare += max(0, Int(caps[w]) - bookedForRoom(t, weekday: w, weekly: true))
        }
        return spare
    }

    /// Booked slots against the cycle's cap, for balanced filling: 0 is empty, 1 is at quota.
    func bookedFraction(_ t: Int, day: Int) -> Double {
        var booked = 0, cap = 0
        let caps = dailyCaps(t, day: day + 1)
        for w in 0..<7 {
            for p in 0..<parities { booked += Int(therapists[t].bookedPerDay[row(parity: p, weekday: w)]) }
            cap += parities * Int(caps[w])
        }
        return cap > 0 ? Double(booked) / Double(cap) : 1
    }

    /// Puts therapist `t` in or out of the set of those who can take a client, and records the
    /// weekdays they have room on (in either week of a fortnightly grid). Only active therapists
    /// are indexed by weekday; one on leave or not yet started who has room is kept in the index's
    /// `awayMembers`, for best-fit tolerances that reach past their return.
    mutating func refreshOpen(_ t: Int, day: Int) {
        let status = therapists[t].status
        if config.caseload.isEmpty, skipsUnchanged {
            // Without caseload rules, what this sets follows from these inputs alone (the rest
            // are fixed at hire), and nothing else sets it: when they are as last time, setting
            // it again would change nothing. The day loop refreshes every therapist every day,
            // most of them unchanged.
            let inputs = RefreshInputs(status: status, bookingChanges: therapists[t].bookingChanges,
                                       statedThreshold: therapists[t].statedThreshold, rankPenalty: therapists[t].rankPenalty,
                                       ramp: rampShare(t, day: day + 1) ?? -1)
            if therapists[t].refreshedWith == inputs { return }
            therapists[t].refreshedWith = inputs
        }
        var mask: UInt8 = 0
        if status == .active || status == .onLeave || status == .notStarted {
            let caps = rememberedBookingCaps(t, day: day + 1)
            for w in 0..<7 where bookedForRoom(t, weekday: w, weekly: false) < caps[w] {
                mask |= 1 << UInt8(w)
            }
        }
        let active = status == .active
        index.setAvailability(t, room: mask, active: active)
        if config.caseload.requirement != nil {
            shortOfRequirement.set(t, open: active && mask != 0 && belowRequirement(t, day: day + 1))
        }
    }
}

/// A therapist's weekday caps (lane w is weekday w) with the stated threshold, rank penalty and
/// ramp-up share (−1 when ramped up) they were worked out for; NaN until first worked out.
struct RememberedCaps {
    var statedThreshold = Double.nan
    var rankPenalty = Double.nan
    var ramp = Double.nan
    var caps = SIMD8<Int32>()
}

/// The inputs `refreshOpen` last worked from, for a therapist: their status, how many times their
/// booked counts had changed, and the stated threshold, rank penalty and ramp-up share (−1 when
/// ramped up) their caps follow from. NaN until first worked out, and never equal then.
struct RefreshInputs: Equatable {
    var status: TherapistStatus?
    var bookingChanges: UInt32 = 0
    var statedThreshold = Double.nan
    var rankPenalty = Double.nan
    var ramp = Double.nan
}

/// How a caseload regime sets a therapist's caps on a day.
enum CaseloadRule {
    /// The session regime's caps.
    case regime
    /// A ceiling reached: no new bookings.
    case closed
    /// Below a requirement: every slot of a working day is open.
    case everySlot
}
