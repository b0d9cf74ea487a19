import Foundation
import RapportKernel
import RapportRandom

extension PlatformModel {
    /// One working day for the whole platform: weekly bookkeeping, every therapist's sessions and
    /// wellbeing, then matching whoever is waiting into the capacity the day freed.
    mutating func runDay(_ day: Int, _ calendar: inout EventCalendar<Event>) {
        let measured = day >= warmupDay
        // Weeks of the series count from the end of the warm-up, whatever weekday that is.
        if day > warmupDay && (day - warmupDay) % 7 == 0 { tally.closeWeek() }
        if day % 7 == 0, case .competition = config.quota.rule { rankByReturnRate(day: day) }
        if let every = config.wellbeing.statedThreshold.reviewEveryDays, every >= 1, day > 0,
           day % Int(every.rounded()) == 0, config.wellbeing.enabled {
            reviewThresholds()
        }
        if measured { tally.waitlistDays += Double(waiting.count); tally.measuredDays += 1 }
        let weekday = PlatformCalendar.weekday(day)
        var snapshot = PlatformTally.DaySnapshot(waitlist: Double(waiting.count))
        let dayRow = row(parity: parity(day), weekday: weekday)
        // The walk skips those who departed a while ago: each record it visits is a cache miss
        // on a large platform, and a departed therapist's is read for nothing (over a third of
        // the records by the end of two years at 50,000 therapists).
        roster.dropDepartures()
        // Read through a buffer pointer into a local copy (unchanged while it runs: departures
        // are only noted): the array's checks cost 20 instructions a therapist.
        let members = roster.members
        members.withUnsafeBufferPointer { walk in
            for position in walk.indices {
                let t = Int(walk[position])
                prefetchSessions(after: position, of: walk, row: dayRow)
                // Leave ends after its last day: the therapist is back at work today.
                if therapists[t].status == .onLeave, Double(day) > therapists[t].leaveEnds { therapists[t].status = .active }
                switch therapists[t].status {
                case .departed, .notStarted:
                    continue
                case .onLeave:
                    continueLeave(t, day: day, measured: measured, &calendar)
                case .active:
                    var given = 0
                    var severityLoad = 0.0
                    let working = therapists[t].works(onWeekday: weekday)
                    let training = working && inTraining(t)
                    if working {
                        if !training { (given, severityLoad) = runSessions(t, day: day, weekday: weekday, measured: measured) }
                        // The weekly series describe working days, as `burnout_risk_share` does.
                        snapshot.add(exhaustion: therapists[t].exhaustion,
                                     burnedOut: therapists[t].exhaustion >= config.wellbeing.burnoutThreshold)
                    }
                    if config.wellbeing.enabled {
                        updateExhaustion(t, day: day, working: working, sessions: given, severityLoad: severityLoad,
                                         nonClinical: working ? nonClinicalLoad(t, sessions: given, training: training) : 0)
                        drawLeaveAndQuit(t, day: day, measured: measured, &calendar)
                    }
                }
                if therapists[t].status == .active || therapists[t].status == .onLeave {
                    if measured {
                        tally.employedDays += 1
                        tally.fteDays += therapists[t].fte
                        tally.caseloadDays += Int(therapists[t].caseload)
                    }
                    snapshot.headcount += 1
                }
                refreshOpen(t, day: day)
            }
        }
        if measured {
            tally.vacancyDays += Double(vacancies)
            tally.addDay(snapshot)
        }
        if hasPathways { processPathwayMoves(day: day, &calendar) }
        matchWaitingClients(at: Double(day), &calendar)
        if day + 1 < horizonDay { calendar.schedule(.dayStart(day: Int32(day + 1)), at: Double(day + 1)) }
    }

    /// Runs therapist `t`'s booked sessions for the day; returns sessions given and their summed
    /// severity weight.
    mutating func runSessions(_ t: Int, day: Int, weekday: Int, measured: Bool) -> (Int, Double) {
        let spd = Int(therapists[t].slotsPerDay)
        let o = config.outcomes
        let level = therapists[t].sustainableLevel
        let exhaustion = therapists[t].exhaustion
        let burnedOut = exhaustion >= config.wellbeing.burnoutThreshold
        var given = 0, booked = 0
        var severityLoad = 0.0
        let dayRow = row(parity: parity(day), weekday: weekday)
        let rowStart = grid.slot(row: dayRow, position: 0)
        // Without pathways, nothing is booked into this row while it runs and only the slot being
        // run is freed, so once as many held slots as the row's booked count have been passed,
        // the rest are free: the scan stops there instead of visiting every empty slot. (Group
        // slots and mid-day rebookings exist only with pathways, which scan the whole row.)
        var heldAhead = !hasPathways && skipsUnchanged ? Int(therapists[t].bookedPerDay[dayRow]) : Int.max
        for k in 0..<spd {
            if heldAhead == 0 { break }
            let client = grid[t, rowStart + k]
            if client >= 0 { heldAhead -= 1 }
            if client < 0 {
                // A slot held by a group (pathways only): its members' sessions, the facilitator's one.
                if let g = PathwayState.group(slotValue: client),
                   let held = runGroupSession(g, facilitator: t, day: day, slotTime: Double(day) + PlatformCalendar.slotOffset(k),
                                              dayLoad: config.wellbeing.dayLoad(sessions: given, severityLoad: severityLoad), measured: measured) {
                    booked += 1
                    if held.load > 0 { given += 1; severityLoad += held.load }
                }
                continue
            }
            guard Int(clients[client].firstEligibleDay) <= day else { continue }
            booked += 1
            let c = clients[client]
            var isFirst = c.bookedSessions == 0 || c.rematched
            clients.update(client) { $0.bookedSessions += 1; $0.started = true }
            let slotTime = Double(day) + PlatformCalendar.slotOffset(k)
            if !c.started, c.measured { tally.recordStart(waitDays: slotTime - c.arrival, arrival: c.arrival) }
            var noShow = isFirst ? config.clients.noShowFirst : config.clients.noShowFollowUp
            var appointment: PathwayAppointment?
            if hasPathways {
                let a = pathwayAppointment(client, slotTime: slotTime)
                (isFirst, noShow, appointment) = (a.isFirst, a.noShow, a)
            }
            let missed = streams.sessions.uniform() < noShow
            recorder?.appointment(client: client, day: day, attended: !missed)
            if missed { continue }
            given += 1
            if let appointment {
                severityLoad += severityWeight(Int(c.severity)) * appointment.loadWeight
                if measured { tally.sessionsDelivered += 1; tally.weekSessions += 1 }
                if appointment.isAssessment { completeAssessment(client, day: day); continue }
            } else {
                severityLoad += severityWeight(Int(c.severity))
            }
            let attended = countAttendance(client, therapist: t, measured: measured && appointment == nil)
            let quality = sessionQuality(c.matchQuality, exhaustion: exhaustion, burnedOut: burnedOut,
                                         overload: config.wellbeing.dayLoad(sessions: given, severityLoad: severityLoad) - level)
            var helped = 0.0
            if config.clinical.enabled {
                helped = outcomes.attend(client, quality: quality, therapist: t, streams.sessionOutcomes,
                                         rateScale: appointment?.improvementScale ?? 1)
            }
            if attended >= c.sessionsNeeded
                || (config.clinical.enabled && outcomes.readyForDischarge(client, attended: Int(attended))) {
                unbook(client, day: day)
                finish(client, as: .completed)
                continue
            }
            if parities == 2, config.clients.cadence.cadence(severity: Int(c.severity)).goesFortnightly(afterAttended: Int(attended)) {
                goFortnightly(client, therapist: t, slot: Int32(rowStart + k))
            }
            var base = isFirst ? o.dropoutFirst : o.dropoutLater
            if let appointment {
                if pathwayMoves(client, after: pathwayDecision(client, endOfStep: false), day: day) { continue }
                base = isFirst ? appointment.dropoutFirst : appointment.dropoutLater
            }
            if streams.sessions.uniform() < dropoutHazard(base: base, helped: helped, attended: attended, quality: quality, therapist: t) {
                unbook(client, day: day)
                finish(client, as: .droppedOut)
            }
        }
        if measured {
            if Double(booked) >= config.wellbeing.sessionsBalancing(level: level) + 1 { tally.overbookedDays += 1 }
            tally.recordTherapistDay(sessions: given, booked: booked, capacity: dailyCap(t, weekday: weekday, day: day),
                                     slots: Int(therapists[t].slotsPerDay), exhaustion: exhaustion, burnedOut: burnedOut)
            if burnedOut { therapists[t].everBurnedOut = true }
        }
        return (given, severityLoad)
    }

    /// Counts an attended session for client and therapist; returns the client's sessions attended.
    /// `countsDelivered` is false when the caller has counted the session already.
    mutating func countAttendance(_ client: Int32, therapist t: Int, measured countsDelivered: Bool) -> Int32 {
        let (attended, measuredClient) = clients.update(client) { c -> (Int32, Bool) in
            c.sessionsAttended += 1
            c.rematched = false
            return (c.sessionsAttended, c.measured)
        }
        if countsDelivered { tally.sessionsDelivered += 1; tally.weekSessions += 1 }
        if measuredClient {
            if attended == 1 { tally.firstSessionsAttended += 1 }
            if attended == 2 { tally.returnedAfterFirst += 1 }
        }
        if attended == 1 { therapists[t].firstSessions += 1 }
        if attended == 2 { therapists[t].returnedAfterFirst += 1 }
        return attended
    }

    /// A session's quality: the match quality less what the therapist's exhaustion, the day's
    /// `overload` beyond their true level and burnout take off.
    func sessionQuality(_ matchQuality: Double, exhaustion: Double, burnedOut: Bool, overload: Double) -> Double {
        let o = config.outcomes
        var quality = matchQuality
        quality -= o.exhaustionQualityLoss * exhaustion / WellbeingConfig.maximum
        // Overload is the day's load so far beyond the therapist's true level, whatever the regime says.
        quality -= o.overloadQualityLoss * max(0, overload)
        if burnedOut { quality -= o.burnoutQualityLoss }
        return min(1, max(0, quality))
    }

    /// The chance a client does not come back after their `attended`-th session.
    func dropoutHazard(base: Double, helped: Double, attended: Int32, quality: Double, therapist t: Int) -> Double {
        let clinical = config.clinical
        if clinical.enabled {
            // The return decision: a session that helped more than hoped makes coming back more
            // likely, one that helped less makes it less likely, the more so early in treatment.
            let sensitivity = clinical.returnSensitivity * (1 + clinical.earlySensitivity * earlyWeight(attended: attended))
            return base * exp(-sensitivity * helped) * therapists[t].dropoutMultiplier
        }
        return base * exp(config.outcomes.qualityEffect * (0.5 - quality)) * therapists[t].dropoutMultiplier
    }

    /// How much more an early session's outcome weighs in the return decision: exp(−(n − 1) / 2)
    /// after the n-th session, from a table for the first sessions (the same values, without an
    /// `exp` at every session).
    func earlyWeight(attended n: Int32) -> Double {
        Int(n) >= 1 && Int(n) <= earlyWeights.count ? earlyWeights[Int(n) - 1] : exp(-Double(n - 1) / 2)
    }

    /// A tapering client goes fortnightly: they keep the slot they were just seen in and hand
    /// back the other week's.
    mutating func goFortnightly(_ client: Int32, therapist t: Int, slot current: Int32) {
        let c = clients[client]
        guard c.otherWeekSlot >= 0 else { return }
        release(slot: c.slot == current ? c.otherWeekSlot : c.slot, of: t)
        clients[client].slot = current
        clients[client].otherWeekSlot = -1
    }

    func severityWeight(_ severity: Int) -> Double {
        let weights = config.wellbeing.severityWeights
        return severity < weights.count ? weights[severity] : 1
    }

}
