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
    /// The sessions-a-day level therapist `t` is booked to under the regime.
    func dailyLevel(_ t: Int) -> Double {
        config.quota.dailyLevel(statedThreshold: therapists[t].statedThreshold, rankPenalty: therapists[t].rankPenalty)
    }

    /// How many clients therapist `t` may hold in their slots on `weekday`, as of `day`.
    func dailyCap(_ t: Int, weekday: Int, day: Int) -> Int {
        // Fields are read one by one: copying the whole Therapist would retain and release its
        // arrays on every call, and this runs seven times per therapist per day (a profile showed
        // a quarter of the run in those reference counts).
        let workingDays = therapists[t].workingDays
        guard therapists[t].status != .departed, workingDays & (1 << UInt8(weekday)) != 0 else { return 0 }
        let ordinal = (workingDays & UInt8((1 << weekday) - 1)).nonzeroBitCount
        var cap = QuotaRegime.sessions(onWorkingDay: ordinal, level: dailyLevel(t), phase: therapists[t].capacityPhase)
        let startDay = therapists[t].startDay
        if startDay.isFinite, config.staffing.rampUpDays > 0 {
            let ramp = min(1, max(0, (Double(day) - startDay) / config.staffing.rampUpDays))
            cap = min(cap, Int((Double(cap) * max(ramp, 0.25)).rounded(.up)))
        }
        return min(cap, Int(therapists[t].slotsPerDay))
    }

    /// Clients therapist `t` could still take this week.
    func spareCapacity(_ t: Int, day: Int) -> Int {
        var spare = 0
        for w in 0..<7 {
            spare += max(0, dailyCap(t, weekday: w, day: day + 1) - Int(therapists[t].bookedPerDay[w]))
        }
        return spare
    }

    /// Booked slots against the week's cap, for balanced filling: 0 is empty, 1 is at quota.
    func bookedFraction(_ t: Int, day: Int) -> Double {
        var booked = 0, cap = 0
        for w in 0..<7 {
            booked += Int(therapists[t].bookedPerDay[w])
            cap += dailyCap(t, weekday: w, day: day + 1)
        }
        return cap > 0 ? Double(booked) / Double(cap) : 1
    }

    /// Puts therapist `t` in or out of the set of those who can take a client, and records the
    /// weekdays they have room on. Only active therapists are in the availability index; one on
    /// leave or not yet started who has room is kept in `awayWithRoom`, for best-fit tolerances
    /// that reach past their return.
    mutating func refreshOpen(_ t: Int, day: Int) {
        var mask: UInt8 = 0
        let status = therapists[t].status
        if status == .active || status == .onLeave || status == .notStarted {
            for w in 0..<7 where Int(therapists[t].bookedPerDay[w]) < dailyCap(t, weekday: w, day: day + 1) {
                mask |= 1 << UInt8(w)
            }
        }
        let active = status == .active
        index.setRoom(t, weekdays: active ? mask : 0)
        openTherapists.set(t, open: active && mask != 0)
        awayWithRoom.set(t, open: !active && mask != 0)
    }
}
