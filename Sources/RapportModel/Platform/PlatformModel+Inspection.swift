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

    /// Therapist `t` leaves at the start of `day`, exactly as a quit does.
    public mutating func depart(therapist t: Int, day: Int, calendar: inout EventCalendar<Event>) {
        guard therapists[t].status != .departed else { return }
        quit(t, day: day, measured: day >= warmupDay, &calendar)
    }
}
