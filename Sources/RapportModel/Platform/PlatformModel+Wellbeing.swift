import Foundation
import RapportKernel
import RapportRandom

extension PlatformModel {
    /// The day's exhaustion update for therapist `t` (see `ExhaustionDynamics`): the load of the
    /// sessions given and their admin against the true sustainable level on a working day,
    /// recovery on a day off or on leave, plus outside stress and competitive pressure.
    mutating func updateExhaustion(_ t: Int, day: Int, working: Bool, sessions: Int, severityLoad: Double, nonClinical: Double = 0) {
        // `config.wellbeing` is read in place, not copied: this runs for every therapist every day.
        var extra = outsideStress(t, day: day)
        if working, case let .competition(p, _) = config.quota.rule { extra += p * therapists[t].rankPenalty }
        therapists[t].exhaustion = ExhaustionDynamics.nextDay(
            exhaustion: therapists[t].exhaustion, working: working,
            load: config.wellbeing.dayLoad(sessions: sessions, severityLoad: severityLoad) + nonClinical,
            level: therapists[t].sustainableLevel, extra: extra, parameters: config.wellbeing, decays: exhaustionDecays)
        therapists[t].reviewExhaustion += therapists[t].exhaustion
        therapists[t].reviewDays += 1
        if working {
            therapists[t].reviewWorkingDays += 1
            therapists[t].reviewSessions += Double(sessions)
        }
    }

    /// Exhaustion points that stress from outside work adds to therapist `t` today (usually none).
    /// Events come as a Bernoulli process with `outsideStressPerYear / 365` a day, drawn as
    /// geometric gaps so quiet days cost no draw.
    mutating func outsideStress(_ t: Int, day: Int) -> Double {
        var added = 0.0
        while therapists[t].nextStressDay <= Double(day) {
            added += max(0, config.wellbeing.outsideStressSize.sample(streams.outsideStress))
            therapists[t].nextStressDay = nextStress(after: therapists[t].nextStressDay)
        }
        return added
    }

    /// The day of the next outside-stress event after `day`, or infinity when there are none.
    func nextStress(after day: Double) -> Double {
        let perDay = config.wellbeing.outsideStressPerYear / 365
        guard config.wellbeing.enabled, perDay > 0 else { return .infinity }
        return day + Double(streams.outsideStress.geometric(p: min(1, perDay)))
    }

    /// A threshold review: each therapist whose exhaustion showed since the last review moves
    /// their stated threshold toward the level that exhaustion implies. At a steady excess of x
    /// session-equivalents a working day, E settles near `growth · x / (1 − decay)`, so mean E
    /// implies how far above their level they worked; with no exhaustion there is nothing to
    /// learn, and the threshold stays.
    mutating func reviewThresholds() {
        let w = config.wellbeing
        let recoveryShare = 1 - ExhaustionDynamics.decay(halfLife: w.recoveryHalfLife)
        for t in therapists.indices where therapists[t].status != .departed {
            defer {
                therapists[t].reviewExhaustion = 0
                therapists[t].reviewDays = 0
                therapists[t].reviewWorkingDays = 0
                therapists[t].reviewSessions = 0
            }
            let therapist = therapists[t]
            guard therapist.reviewDays > 0, therapist.reviewWorkingDays > 0, w.growthPerExtraSession > 0 else { continue }
            let meanExhaustion = therapist.reviewExhaustion / Double(therapist.reviewDays)
            guard meanExhaustion >= 1 else { continue }
            let sessionsPerDay = therapist.reviewSessions / Double(therapist.reviewWorkingDays)
            let excess = recoveryShare * meanExhaustion / w.growthPerExtraSession / (1 + w.adminPerSession)
            let implied = max(0, sessionsPerDay - excess)
            let moved = therapist.statedThreshold + w.statedThreshold.reviewWeight * (implied - therapist.statedThreshold)
            therapists[t].statedThreshold = min(therapist.statedThreshold, max(0, moved))
        }
    }

    /// Draws the day's sick-leave onset and quit for an active therapist. Leave starts the next
    /// day and lasts a geometric number of days with the configured mean.
    mutating func drawLeaveAndQuit(_ t: Int, day: Int, measured: Bool, _ calendar: inout EventCalendar<Event>) {
        // The wellbeing settings are read in place (see `updateExhaustion`).
        let burnedOut = therapists[t].exhaustion >= config.wellbeing.burnoutThreshold
        let quitHazard = config.wellbeing.quitsPerYear / 365 * (burnedOut ? config.wellbeing.burnoutQuitMultiplier : 1)
        if streams.attrition.uniform() < quitHazard {
            quit(t, day: day, measured: measured, &calendar)
            return
        }
        let spell = config.wellbeing.sickSpellMeanDays, sickDays = config.wellbeing.sickDaysPerYear
        guard spell > 0 else { return }
        // Onsets can only come on days not already on leave, so the hazard per such day is raised
        // to make the configured days a year come out exactly.
        let daysAtRisk = max(1, 365 - min(sickDays, 364))
        let onsetHazard = sickDays / (spell * daysAtRisk) * (burnedOut ? config.wellbeing.burnoutSickMultiplier : 1)
        if streams.sickLeave.uniform() < onsetHazard {
            // Geometric with mean exactly the configured spell: rounding up an exponential would add
            // about half a day to every spell.
            let length = streams.sickLeave.geometric(p: min(1, 1 / max(1, spell)))
            therapists[t].status = .onLeave
            therapists[t].leaveStarted = Double(day)
            therapists[t].leaveEnds = Double(day + length)
            recorder?.leaveStarted(therapist: t)
        }
    }

    /// A day of leave (the days after the onset up to `leaveEnds`): counted, rested, and long
    /// enough that clients are re-matched.
    mutating func continueLeave(_ t: Int, day: Int, measured: Bool, _ calendar: inout EventCalendar<Event>) {
        if measured { tally.sickDays += 1 }
        recorder?.sickDay(therapist: t)
        guard config.wellbeing.enabled else { return }
        updateExhaustion(t, day: day, working: false, sessions: 0, severityLoad: 0)
        // Leave that has lasted longer than `long_leave` sends the caseload back to matching.
        if Double(day) - therapists[t].leaveStarted == config.wellbeing.longLeaveDays.rounded(.up) + 1 {
            releaseCaseload(of: t, day: day, dropoutChance: 0, &calendar)
        }
        let quitHazard = config.wellbeing.quitsPerYear / 365
        if streams.attrition.uniform() < quitHazard { quit(t, day: day, measured: measured, &calendar) }
    }

    /// The therapist leaves: clients go back to matching with priority (some drop out instead)
    /// and, unless switched off, a replacement starts after the hiring lag.
    mutating func quit(_ t: Int, day: Int, measured: Bool, _ calendar: inout EventCalendar<Event>) {
        releaseCaseload(of: t, day: day, dropoutChance: config.outcomes.rematchDropout, &calendar)
        therapists[t].status = .departed
        roster.depart(t)
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
        // A client seen weekly on a two-week grid holds two slots: handle them once.
        for client in grid.block(of: t) where client >= 0 && clients[client].therapist == Int32(t) {
            unbook(client, day: day)
            returnToMatching(client, day: day, dropoutChance: dropoutChance, &calendar)
        }
        if pathway != nil { releaseGroups(of: t, day: day, dropoutChance: dropoutChance, &calendar) }
    }

    /// A client who lost their therapist drops out with `dropoutChance`, or waits again with
    /// priority and no patience limit, keeping their history.
    mutating func returnToMatching(_ client: Int32, day: Int, dropoutChance: Double, _ calendar: inout EventCalendar<Event>) {
        if streams.attrition.uniform() < dropoutChance {
            finish(client, as: .droppedOut)
            return
        }
        clients[client].priority = true
        clients[client].rematched = true
        joinWaitlist(client, at: Double(day), patienceDeadline: .infinity, &calendar)
        if clients[client].measured { tally.rematched += 1 }
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
