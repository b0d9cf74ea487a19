extension QuotaRegime {
    /// Sessions a day the regime books a therapist for, before ramp-up and the slot grid.
    ///
    /// New regimes add a rule here; the kernel and the rest of the model only ever ask for a cap.
    /// `rankPenalty` runs from 0 (top of a competition ranking) to 1 (bottom).
    public func dailyCap(sustainableLevel: Double, rankPenalty: Double) -> Int {
        // Nobody gives more than a day's worth of hourly sessions; this also keeps Int() safe.
        let sustainableLevel = sustainableLevel.isFinite ? min(24, max(0, sustainableLevel)) : 0
        var cap: Int
        switch rule {
        case .fixedQuota(let n):
            cap = n
        case .individualThresholds:
            cap = Int(sustainableLevel.rounded(.down))
        case let .competition(_, extra):
            // The lowest ranks take extra clients to climb the ranking.
            cap = Int(sustainableLevel.rounded(.down)) + Int((Double(extra) * rankPenalty).rounded())
        }
        if let floor { cap = max(cap, floor) }
        if let ceiling { cap = min(cap, ceiling) }
        return max(0, cap)
    }
}

extension PlatformModel {
    /// How many clients therapist `t` may hold in their slots on `weekday`, as of `day`.
    func dailyCap(_ t: Int, weekday: Int, day: Int) -> Int {
        let therapist = therapists[t]
        guard therapist.status != .departed, therapist.works(onWeekday: weekday) else { return 0 }
        var cap = config.quota.dailyCap(sustainableLevel: therapist.sustainableLevel, rankPenalty: therapist.rankPenalty)
        if therapist.startDay.isFinite, config.staffing.rampUpDays > 0 {
            let ramp = min(1, max(0, (Double(day) - therapist.startDay) / config.staffing.rampUpDays))
            cap = min(cap, Int((Double(cap) * max(ramp, 0.25)).rounded(.up)))
        }
        return min(cap, Int(therapist.slotsPerDay))
    }

    /// Clients therapist `t` could still take this week.
    func spareCapacity(_ t: Int, day: Int) -> Int {
        var spare = 0
        for w in 0..<7 {
            spare += max(0, dailyCap(t, weekday: w, day: day + 1) - Int(therapists[t].bookedPerDay[w]))
        }
        return spare
    }

    /// Puts therapist `t` in or out of the set of those who can take a client, and records the
    /// weekdays they have room on. Only active therapists take new clients: one on leave is
    /// offered again when they return.
    mutating func refreshOpen(_ t: Int, day: Int) {
        var mask: UInt8 = 0
        if therapists[t].status == .active {
            for w in 0..<7 where Int(therapists[t].bookedPerDay[w]) < dailyCap(t, weekday: w, day: day + 1) {
                mask |= 1 << UInt8(w)
            }
        }
        index.setRoom(t, weekdays: mask)
        openTherapists.set(t, open: mask != 0)
    }
}
