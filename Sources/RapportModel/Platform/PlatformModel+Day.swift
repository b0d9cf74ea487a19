import Foundation
import RapportKernel
import RapportRandom

extension PlatformModel {
    /// One working day for the whole platform: weekly bookkeeping, every therapist's sessions and
    /// wellbeing, then matching whoever is waiting into the capacity the day freed.
    mutating func runDay(_ day: Int, _ calendar: inout EventCalendar<Event>) {
        let measured = day >= warmupDay
        if day % 7 == 0 {
            if day > warmupDay && (day - warmupDay) % 7 == 0 { tally.closeWeek(snapshot: weeklySnapshot()) }
            if case .competition = config.quota.rule { rankByReturnRate(day: day) }
        }
        if day >= warmupDay && (day - warmupDay) % 7 == 0 { tally.weekSessions = 0 }
        if measured { tally.waitlistDays += Double(waiting.count); tally.measuredDays += 1 }
        let weekday = PlatformCalendar.weekday(day)
        for t in therapists.indices {
            switch therapists[t].status {
            case .departed, .notStarted:
                continue
            case .onLeave:
                continueLeave(t, day: day, measured: measured, &calendar)
            case .active:
                var given = 0
                var severityLoad = 0.0
                if therapists[t].works(onWeekday: weekday) {
                    (given, severityLoad) = runSessions(t, day: day, weekday: weekday, measured: measured)
                }
                if config.wellbeing.enabled {
                    updateExhaustion(t, working: therapists[t].works(onWeekday: weekday), sessions: given,
                                     severityLoad: severityLoad, measured: measured)
                    drawLeaveAndQuit(t, day: day, measured: measured, &calendar)
                }
            }
            if measured, therapists[t].status == .active || therapists[t].status == .onLeave {
                tally.employedDays += 1
            }
            refreshOpen(t, day: day)
        }
        if measured { tally.vacancyDays += Double(vacancies) }
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
        for k in 0..<spd {
            let client = therapists[t].slots[weekday * spd + k]
            guard client >= 0, Int(clients[client].firstEligibleDay) <= day else { continue }
            booked += 1
            let c = clients[client]
            let isFirst = c.bookedSessions == 0 || c.rematched
            clients[client].bookedSessions += 1
            if !c.started {
                clients[client].started = true
                if c.measured { tally.recordStart(waitDays: Double(day) + PlatformCalendar.slotOffset(k) - c.arrival) }
            }
            let noShow = isFirst ? config.clients.noShowFirst : config.clients.noShowFollowUp
            let missed = streams.sessions.uniform() < noShow
            recorder?.appointment(client: client, day: day, attended: !missed)
            if missed { continue }
            given += 1
            severityLoad += severityWeight(Int(c.severity))
            clients[client].sessionsAttended += 1
            clients[client].rematched = false
            if measured { tally.sessionsDelivered += 1; tally.weekSessions += 1 }
            let attended = c.sessionsAttended + 1
            if c.measured {
                if attended == 1 { tally.firstSessionsAttended += 1 }
                if attended == 2 { tally.returnedAfterFirst += 1 }
            }
            if attended == 1 { therapists[t].firstSessions += 1 }
            if attended == 2 { therapists[t].returnedAfterFirst += 1 }
            if attended >= c.sessionsNeeded {
                unbook(client, day: day)
                finish(client, as: .completed)
                continue
            }
            var quality = c.matchQuality
            quality -= o.exhaustionQualityLoss * exhaustion / WellbeingConfig.maximum
            quality -= o.overloadQualityLoss * max(0, Double(given) - level)
            if burnedOut { quality -= o.burnoutQualityLoss }
            quality = min(1, max(0, quality))
            let base = isFirst ? o.dropoutFirst : o.dropoutLater
            let hazard = base * exp(o.qualityEffect * (0.5 - quality)) * therapists[t].dropoutMultiplier
            if streams.sessions.uniform() < hazard {
                unbook(client, day: day)
                finish(client, as: .droppedOut)
            }
        }
        if measured {
            tally.recordTherapistDay(sessions: given, booked: booked, capacity: dailyCap(t, weekday: weekday, day: day),
                                     exhaustion: exhaustion, burnedOut: burnedOut)
            if burnedOut { therapists[t].everBurnedOut = true }
        }
        return (given, severityLoad)
    }

    func severityWeight(_ severity: Int) -> Double {
        let weights = config.wellbeing.severityWeights
        return severity < weights.count ? weights[severity] : 1
    }

    /// Weekly figures for the time series.
    func weeklySnapshot() -> PlatformTally.WeekSnapshot {
        var active = 0, burned = 0
        var exhaustion = 0.0
        for t in therapists where t.status == .active || t.status == .onLeave {
            active += 1
            exhaustion += t.exhaustion
            if t.exhaustion >= config.wellbeing.burnoutThreshold { burned += 1 }
        }
        return .init(exhaustionMean: active == 0 ? .nan : exhaustion / Double(active),
                     burnedOutShare: active == 0 ? .nan : Double(burned) / Double(active),
                     headcount: Double(active), waitlist: Double(waiting.count))
    }
}
