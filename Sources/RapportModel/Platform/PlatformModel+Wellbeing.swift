import Foundation
import RapportKernel
import RapportRandom

extension PlatformModel {
    /// Exhaustion grows with sessions given beyond the sustainable level (weighted by the day's
    /// mean severity) and with competitive pressure; on lighter days and days off it decays
    /// toward zero with the configured half-lives.
    mutating func updateExhaustion(_ t: Int, working: Bool, sessions: Int, severityLoad: Double, measured: Bool) {
        var pressure = 0.0
        if case let .competition(p, _) = config.quota.rule { pressure = p * therapists[t].rankPenalty }
        therapists[t].exhaustion = ExhaustionDynamics.nextDay(
            exhaustion: therapists[t].exhaustion, working: working, sessions: sessions,
            sustainableLevel: therapists[t].sustainableLevel,
            meanSeverityWeight: sessions > 0 ? severityLoad / Double(sessions) : 1,
            pressure: pressure, parameters: config.wellbeing)
    }

    /// Draws the day's sick-leave onset and quit for an active therapist.
    mutating func drawLeaveAndQuit(_ t: Int, day: Int, measured: Bool, _ calendar: inout EventCalendar<Event>) {
        let w = config.wellbeing
        let burnedOut = therapists[t].exhaustion >= w.burnoutThreshold
        let quitHazard = w.quitsPerYear / 365 * (burnedOut ? w.burnoutQuitMultiplier : 1)
        if streams.attrition.uniform() < quitHazard {
            quit(t, day: day, measured: measured, &calendar)
            return
        }
        guard w.sickSpellMeanDays > 0 else { return }
        let onsetHazard = w.sickDaysPerYear / (w.sickSpellMeanDays * 365) * (burnedOut ? w.burnoutSickMultiplier : 1)
        if streams.sickLeave.uniform() < onsetHazard {
            let length = max(1, streams.sickLeave.exponential(mean: w.sickSpellMeanDays).rounded(.up))
            therapists[t].status = .onLeave
            therapists[t].leaveStarted = Double(day)
            therapists[t].leaveEnds = Double(day) + length
            recorder?.leaveStarted(therapist: t)
        }
    }

    /// A day of leave: counted, rested, ended, or long enough that clients are re-matched.
    mutating func continueLeave(_ t: Int, day: Int, measured: Bool, _ calendar: inout EventCalendar<Event>) {
        if Double(day) >= therapists[t].leaveEnds {
            therapists[t].status = .active
            return
        }
        if measured { tally.sickDays += 1 }
        recorder?.sickDay(therapist: t)
        therapists[t].exhaustion = ExhaustionDynamics.nextDay(
            exhaustion: therapists[t].exhaustion, working: false, sessions: 0, sustainableLevel: 0,
            meanSeverityWeight: 1, pressure: 0, parameters: config.wellbeing)
        if Double(day) - therapists[t].leaveStarted == config.wellbeing.longLeaveDays.rounded(.up) {
            releaseCaseload(of: t, day: day, dropoutChance: 0, &calendar)
        }
        if config.wellbeing.enabled {
            let quitHazard = config.wellbeing.quitsPerYear / 365
            if streams.attrition.uniform() < quitHazard { quit(t, day: day, measured: measured, &calendar) }
        }
    }

    /// The therapist leaves: clients go back to matching with priority (some drop out instead)
    /// and, unless switched off, a replacement starts after the hiring lag.
    mutating func quit(_ t: Int, day: Int, measured: Bool, _ calendar: inout EventCalendar<Event>) {
        releaseCaseload(of: t, day: day, dropoutChance: config.outcomes.rematchDropout, &calendar)
        therapists[t].status = .departed
        refreshOpen(t, day: day)
        if measured { tally.quits += 1 }
        var replacementStarts: Double?
        if config.staffing.replaceDepartures {
            vacancies += 1
            let lag = max(1, config.staffing.hiringLag.sample(streams.attrition))
            replacementStarts = Double(day) + lag
            calendar.schedule(.hire(group: therapists[t].group, replacement: true), at: Double(day) + lag)
        }
        recorder?.quit(therapist: t, group: therapists[t].group, replacementStarts: replacementStarts)
    }

    /// Sends every client of therapist `t` back to matching with priority.
    mutating func releaseCaseload(of t: Int, day: Int, dropoutChance: Double, _ calendar: inout EventCalendar<Event>) {
        for client in therapists[t].slots where client >= 0 {
            unbook(client, day: day)
            if streams.attrition.uniform() < dropoutChance {
                finish(client, as: .droppedOut)
                continue
            }
            clients[client].priority = true
            clients[client].rematched = true
            clients[client].patienceDeadline = .infinity
            joinWaitlist(client, at: Double(day), &calendar)
            if clients[client].measured { tally.rematched += 1 }
        }
    }

    /// Competition: rank active therapists by client return rate (shrunk toward the platform's
    /// mean so a therapist with two clients is not ranked on luck alone).
    mutating func rankByReturnRate(day: Int) {
        var firsts = 0, returns = 0
        for t in therapists where t.status != .departed {
            firsts += Int(t.firstSessions)
            returns += Int(t.returnedAfterFirst)
        }
        let prior = firsts > 0 ? Double(returns) / Double(firsts) : 0.8
        let strength = 5.0
        var scored: [(index: Int, rate: Double)] = []
        for (i, t) in therapists.enumerated() where t.status != .departed {
            scored.append((i, (Double(t.returnedAfterFirst) + strength * prior) / (Double(t.firstSessions) + strength)))
        }
        scored.sort { $0.rate != $1.rate ? $0.rate > $1.rate : $0.index < $1.index }
        let denominator = Double(max(1, scored.count - 1))
        for (rank, entry) in scored.enumerated() { therapists[entry.index].rankPenalty = Double(rank) / denominator }
    }
}
