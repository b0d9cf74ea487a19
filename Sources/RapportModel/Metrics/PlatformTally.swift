/// Running counts for one platform replication, turned into metrics at the end.
struct PlatformTally {
    /// One day's state of the platform, summed into the week's means: exhaustion over therapists
    /// working that day (their state as the day began, as `burnout_risk_share` counts it), headcount
    /// and waitlist over the day.
    struct DaySnapshot {
        var exhaustionSum = 0.0
        var burnedOut = 0
        var working = 0
        var headcount = 0
        var waitlist: Double

        init(waitlist: Double) { self.waitlist = waitlist }

        mutating func add(exhaustion: Double, burnedOut isBurnedOut: Bool) {
            working += 1
            exhaustionSum += exhaustion
            if isBurnedOut { burnedOut += 1 }
        }
    }

    /// Day the run ends, so access shares count only referrals whose 6 or 18 weeks fell inside it.
    var horizon = Double.infinity
    var arrived = 0
    var waited = 0
    var noFeasible = 0
    var waits = QuantileSketch()
    var completed = 0
    var droppedOut = 0
    var abandoned = 0
    var completerSessions = 0
    var sessionsOfFinished = 0
    var firstSessionsAttended = 0
    var returnedAfterFirst = 0
    var rematched = 0
    var matches = 0
    var qualitySum = 0.0
    var wellMatched = 0
    var qualityHistogram = [Double](repeating: 0, count: 10)
    var sessionsDelivered = 0
    var bookedAppointments = 0
    var bookableCapacity = 0
    var slotsOffered = 0
    var referralsSixWeeksBeforeEnd = 0
    var referralsEighteenWeeksBeforeEnd = 0
    var seenWithinSixWeeks = 0
    var seenWithinEighteenWeeks = 0
    var therapistDays = 0
    var sessionsPerDayHistogram = [Double](repeating: 0, count: 13)
    var exhaustionSum = 0.0
    var burnedOutDays = 0
    var employedDays = 0
    /// Employed days weighted by each therapist's FTE: the denominator of per-FTE metrics.
    var fteDays = 0.0
    /// Active clients on employed therapists' caseloads, summed over days.
    var caseloadDays = 0
    /// Working days a therapist was booked above what their true level balances.
    var overbookedDays = 0
    var sickDays = 0
    var quits = 0
    var vacancyDays = 0.0
    var therapistsEverEmployed = 0
    var waitlistDays = 0.0
    /// Summed length of waitlist spells within the measured period (Little's law check).
    var waitlistSpellDays = 0.0
    var measuredDays = 0
    var weekSessions = 0
    /// The current week's sums: days, therapist working days, their exhaustion and burned-out
    /// counts, headcounts and waitlists.
    var weekDays = 0
    var weekTherapistDays = 0
    var weekExhaustion = 0.0
    var weekBurnedOut = 0.0
    var weekHeadcount = 0.0
    var weekWaitlist = 0.0
    var series: [String: [Double]] = [:]

    /// A referral arrived (after the warm-up): it counts toward the access shares whose window
    /// ends before the horizon.
    mutating func recordArrival(at time: Double) {
        arrived += 1
        if time + 42 <= horizon { referralsSixWeeksBeforeEnd += 1 }
        if time + 126 <= horizon { referralsEighteenWeeksBeforeEnd += 1 }
    }

    /// A client's first appointment.
    mutating func recordStart(waitDays: Double, arrival: Double) {
        waits.add(waitDays)
        if waitDays <= 42, arrival + 42 <= horizon { seenWithinSixWeeks += 1 }
        if waitDays <= 126, arrival + 126 <= horizon { seenWithinEighteenWeeks += 1 }
    }

    mutating func recordMatch(quality: Double, wellMatched isWell: Bool) {
        matches += 1
        qualitySum += quality
        if isWell { wellMatched += 1 }
        qualityHistogram[min(9, max(0, Int(quality * 10)))] += 1
    }

    mutating func recordTherapistDay(sessions: Int, booked: Int, capacity: Int, slots: Int, exhaustion: Double, burnedOut: Bool) {
        therapistDays += 1
        bookedAppointments += booked
        bookableCapacity += capacity
        slotsOffered += slots
        sessionsPerDayHistogram[min(sessionsPerDayHistogram.count - 1, sessions)] += 1
        exhaustionSum += exhaustion
        if burnedOut { burnedOutDays += 1 }
    }

    mutating func addDay(_ day: DaySnapshot) {
        weekDays += 1
        weekWaitlist += day.waitlist
        weekHeadcount += Double(day.headcount)
        weekTherapistDays += day.working
        weekExhaustion += day.exhaustionSum
        weekBurnedOut += Double(day.burnedOut)
    }

    /// Closes a week of the time series: each series is the week's mean, over therapist working
    /// days for exhaustion and burnout (so the series averages to the metrics of the same name),
    /// over days for headcount and waitlist.
    mutating func closeWeek() {
        guard weekDays > 0 else { return }
        let days = Double(weekDays), therapistDays = Double(weekTherapistDays)
        series["exhaustion_mean", default: []].append(weekTherapistDays > 0 ? weekExhaustion / therapistDays : .nan)
        series["burned_out_share", default: []].append(weekTherapistDays > 0 ? weekBurnedOut / therapistDays : .nan)
        series["headcount", default: []].append(weekHeadcount / days)
        series["waitlist", default: []].append(weekWaitlist / days)
        series["sessions_delivered", default: []].append(Double(weekSessions))
        weekDays = 0; weekTherapistDays = 0; weekSessions = 0
        weekExhaustion = 0; weekBurnedOut = 0; weekHeadcount = 0; weekWaitlist = 0
    }
}

extension PlatformTally {
    /// Share, or NaN when the denominator is zero.
    static func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? .nan : Double(part) / Double(whole) }

    /// Days at which the wait-time CDF is reported: daily for eight weeks, then weekly to 26.
    static let waitCDFDays: [Double] = (0...56).map(Double.init) + (9...26).map { Double($0 * 7) }

    func result(therapists: LineAlignedArray<Therapist>, wellbeing: Bool, events: Int) -> ReplicationResult {
        var r = ReplicationResult()
        let resolved = completed + droppedOut + abandoned
        let fteYears = fteDays / 365
        r.metrics["clients_arrived"] = Double(arrived)
        r.metrics["wait_days_mean"] = waits.mean
        r.metrics["wait_days_p50"] = waits.quantile(0.5)
        r.metrics["wait_days_p90"] = waits.quantile(0.9)
        r.metrics["wait_days_p95"] = waits.quantile(0.95)
        r.metrics["waited_share"] = Self.share(waited, arrived)
        r.metrics["seen_within_6_weeks_share"] = Self.share(seenWithinSixWeeks, referralsSixWeeksBeforeEnd)
        r.metrics["seen_within_18_weeks_share"] = Self.share(seenWithinEighteenWeeks, referralsEighteenWeeksBeforeEnd)
        r.metrics["abandoned_share"] = Self.share(abandoned, resolved)
        r.metrics["waitlist_mean"] = measuredDays == 0 ? .nan : waitlistDays / Double(measuredDays)
        r.metrics["match_quality_mean"] = matches == 0 ? .nan : qualitySum / Double(matches)
        r.metrics["well_matched_share"] = Self.share(wellMatched, matches)
        r.metrics["no_feasible_therapist_share"] = Self.share(noFeasible, arrived)
        r.metrics["rematched_share"] = Self.share(rematched, arrived)
        r.metrics["dropout_share"] = Self.share(droppedOut, completed + droppedOut)
        r.metrics["completed_share"] = Self.share(completed, resolved)
        r.metrics["returned_after_first_share"] = Self.share(returnedAfterFirst, firstSessionsAttended)
        r.metrics["sessions_per_client_mean"] = completed + droppedOut == 0 ? .nan
            : Double(sessionsOfFinished) / Double(completed + droppedOut)
        r.metrics["completer_sessions_mean"] = completed == 0 ? .nan : Double(completerSessions) / Double(completed)
        r.metrics["sessions_per_client_week"] = caseloadDays == 0 ? .nan : Double(sessionsDelivered) / (Double(caseloadDays) / 7)
        // Booked appointments against the slots therapists offer, the same denominator in every
        // regime; against the regime's own cap separately.
        r.metrics["utilisation"] = Self.share(bookedAppointments, slotsOffered)
        r.metrics["booked_vs_cap_share"] = Self.share(bookedAppointments, bookableCapacity)
        r.metrics["sessions_per_therapist_day_mean"] = Self.share(sessionsDelivered, therapistDays)
        r.metrics["sessions_per_therapist_day_p90"] = histogramQuantile(sessionsPerDayHistogram, 0.9)
        r.metrics["overbooked_day_share"] = Self.share(overbookedDays, therapistDays)
        r.metrics["sessions_delivered"] = Double(sessionsDelivered)
        r.metrics["completed_per_fte_year"] = fteYears > 0 ? Double(completed) / fteYears : .nan
        let employed = therapists.filter { $0.status == .active || $0.status == .onLeave }
        r.metrics["headcount_end"] = Double(employed.count)
        r.metrics["fte_end"] = employed.reduce(0) { $0 + $1.fte }
        if wellbeing {
            r.metrics["burnout_risk_share"] = Self.share(burnedOutDays, therapistDays)
            r.metrics["ever_burned_out_share"] = Self.share(therapists.filter(\.everBurnedOut).count, therapistsEverEmployed)
            r.metrics["exhaustion_mean"] = therapistDays == 0 ? .nan : exhaustionSum / Double(therapistDays)
            r.metrics["sick_days_per_fte_year"] = fteYears > 0 ? Double(sickDays) / fteYears : .nan
            r.metrics["quits_per_fte_year"] = fteYears > 0 ? Double(quits) / fteYears : .nan
            r.metrics["vacancy_days"] = vacancyDays
        }
        r.series = series
        let qualityTotal = qualityHistogram.reduce(0, +)
        r.distributions["match_quality"] = qualityHistogram.map { qualityTotal > 0 ? $0 / qualityTotal : 0 }
        r.distributionEdges["match_quality"] = (0...10).map { Double($0) / 10 }
        let dayTotal = sessionsPerDayHistogram.reduce(0, +)
        r.distributions["sessions_per_therapist_day"] = sessionsPerDayHistogram.map { dayTotal > 0 ? $0 / dayTotal : 0 }
        r.distributionEdges["sessions_per_therapist_day"] = (0...sessionsPerDayHistogram.count).map { Double($0) - 0.5 }
        r.distributions["wait_cdf"] = waits.shares(atMost: Self.waitCDFDays)
        r.distributionEdges["wait_cdf"] = Self.waitCDFDays
        r.events = events
        return r
    }

    private func histogramQuantile(_ counts: [Double], _ q: Double) -> Double {
        let total = counts.reduce(0, +)
        guard total > 0 else { return .nan }
        var seen = 0.0
        for (value, n) in counts.enumerated() {
            seen += n
            if seen >= q * total { return Double(value) }
        }
        return Double(counts.count - 1)
    }
}
