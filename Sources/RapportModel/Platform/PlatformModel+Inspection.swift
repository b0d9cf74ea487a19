import RapportKernel

/// A read-only view of a running platform, and the few interventions scenarios and tests make.
extension PlatformModel {
    /// Clients waiting for a therapist.
    public var waitingCount: Int { waiting.count }

    /// Therapists on the books (active or on leave).
    public var headcount: Int { therapists.filter { $0.status == .active || $0.status == .onLeave }.count }

    /// Number of therapists ever added, including those who left.
    public var therapistCount: Int { therapists.count }

    /// Clients holding a slot with therapist `t`.
    public func caseload(of t: Int) -> Int { Int(therapists[t].caseload) }

    /// Status of therapist `t`.
    public func status(of t: Int) -> TherapistStatus { therapists[t].status }

    /// Sessions that fit therapist `t`'s working week: sessions a working day times working days.
    public func weeklySlots(of t: Int) -> Int { Int(therapists[t].slotsPerDay) * therapists[t].workingDays.nonzeroBitCount }

    /// Whether the last arrival's booking is still to be made (see `PendingBooking`): never once
    /// a run has stopped.
    public var hasPendingBooking: Bool { pendingBooking.isPending }

    /// Slots of therapist `t`'s grid holding a client, over every week of the cycle.
    public func bookedSlots(of t: Int) -> Int { Int(therapists[t].bookedPerDay.wrappedSum()) }

    /// Therapist `t` leaves at the start of `day`, exactly as a quit does.
    public mutating func depart(therapist t: Int, day: Int, calendar: inout EventCalendar<Event>) {
        guard therapists[t].status != .departed else { return }
        quit(t, day: day, measured: day >= warmupDay, &calendar)
    }
}

/// Accounting views for model-relation tests and audits.
extension PlatformModel {
    /// Where every measured client (arrived after the warm-up) is at this moment.
    public struct ClientAccount: Sendable, Equatable {
        public var arrived: Int
        public var completed: Int
        public var droppedOut: Int
        public var abandoned: Int
        public var waiting: Int
        public var inTreatment: Int
    }

    /// Measured clients by where they are; `arrived` equals the sum of the rest if no client is lost.
    public var clientAccount: ClientAccount {
        var waitingNow = 0, treated = 0
        for client in clients.clients where client.measured && !client.isReleased {
            if client.stage == .waiting { waitingNow += 1 } else if client.stage == .inTreatment { treated += 1 }
        }
        return ClientAccount(arrived: tally.arrived, completed: tally.completed, droppedOut: tally.droppedOut,
                             abandoned: tally.abandoned, waiting: waitingNow, inTreatment: treated)
    }

    /// Client-days spent on the waitlist, as a day-start count (what `waitlist_mean` averages), and
    /// as the summed length of finished and ongoing waitlist spells: Little's law says they agree.
    public var waitlistDays: (sampled: Double, spells: Double) {
        var ongoing = 0.0
        for client in clients.clients where !client.isReleased && client.stage == .waiting {
            ongoing += max(0, Double(horizonDay) - max(client.waitingSince, Double(warmupDay)))
        }
        return (tally.waitlistDays, tally.waitlistSpellDays + ongoing)
    }

    /// Therapist `t`'s true sustainable level, stated threshold, and whole sessions a week under
    /// the regime (before ramp-up is over, the ramped figure).
    public func capacity(of t: Int, day: Int) -> (level: Double, stated: Double, weekly: Int) {
        (therapists[t].sustainableLevel, therapists[t].statedThreshold, (0..<7).reduce(0) { $0 + dailyCap(t, weekday: $1, day: day) })
    }
}

extension PlatformModel {
    /// The current PHQ-9 and GAD-7 of every client still in the system, for range checks.
    public var symptomScoresInSystem: [(phq: Double, gad: Double)] {
        clients.clients.indices.compactMap { i in
            let client = clients.clients[i]
            guard !client.isReleased, i < outcomes.scores.count else { return nil }
            return (outcomes.scores[i].phq, outcomes.scores[i].gad)
        }
    }
}

extension PlatformModel {
    /// What the pathway's rules did in this replication, for audits; nil without a pathway.
    public var pathwayAudit: PathwayAudit? { pathway?.audit }
}
