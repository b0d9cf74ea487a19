import RapportKernel
import RapportRandom

/// What a pathway step makes of one booked appointment.
struct PathwayAppointment {
    var isFirst: Bool
    var noShow: Double
    var loadWeight: Double
    var isAssessment: Bool
    var dropoutFirst: Double
    var dropoutLater: Double
    var improvementScale: Double
}

/// The pathway's side of the day loop: entry, per-step matching, the appointment, the decisions
/// after a session, and moves between steps. Called only when the scenario has a pathway.
extension PlatformModel {
    /// A new referral starts at the assessment, or at the entry step the rule gives when there is
    /// no assessment.
    mutating func pathwayArrive(_ client: Int32, at time: Double, patienceDeadline: Double,
                                _ calendar: inout EventCalendar<Event>) {
        let p = pathway!.config
        let c = clients[client]
        let step = p.hasAssessment ? 0 : p.entryStep(severity: Int(c.severity), concern: Int(c.concern))
        pathway!.admit(client, step: step, at: time)
        prepareStep(client, step)
        if !matchInStep(client, at: time) {
            joinWaitlist(client, at: time, patienceDeadline: patienceDeadline, &calendar)
            if c.measured { tally.waited += 1 }
        }
    }

    /// Sets up the client's place for a fresh spell in `step`; the step, not the client's overall
    /// sessions needed, decides when treatment ends.
    mutating func prepareStep(_ client: Int32, _ step: Int) {
        let s = pathway!.config.steps[step]
        var needed = 1
        switch s.kind {
        case .assessment: needed = 1
        case .group(let format): needed = format.sessions
        case .individual: needed = max(1, Int(min(1000, s.sessionsNeeded.sample(streams.pathway)).rounded()))
        }
        pathway![client].step = Int16(step)
        pathway![client].stepBooked = 0
        pathway![client].stepAttended = 0
        pathway![client].stepNeeded = Int32(needed)
        pathway![client].group = -1
        clients[client].sessionsNeeded = .max
    }

    /// Matches one client in their step: a therapist's slot, or a place in a group. False when the
    /// step has no room now (or matches in batches).
    mutating func matchInStep(_ client: Int32, at time: Double) -> Bool {
        let stepIndex = Int(pathway![client].step)
        let step = pathway!.config.steps[stepIndex]
        if step.groupFormat != nil { return joinGroup(client, step: stepIndex, at: time) }
        if case .batchOptimal = step.matching { return false }
        let c = clients[client]
        return tryMatch(client, at: time, policy: step.matching, step: stepIndex,
                        groups: pathway!.feasibleGroups[stepIndex][Int(c.language)][Int(c.modality)])
    }

    /// Each step's waitlist, in priority then arrival order, offered to the step's capacity.
    mutating func matchPathwayWaitlists(at time: Double) {
        for s in pathway!.config.steps.indices where pathway!.waitlists[s].count > 0 {
            let step = pathway!.config.steps[s]
            if case let .batchOptimal(every, weight) = step.matching {
                guard !index.openMembers.isEmpty, Int(time) % max(1, Int(every.rounded())) == 0 else { continue }
                solveBatch(at: time, waitWeight: weight, clients: pathway!.waitlists[s].inOrder(), step: s)
                continue
            }
            for client in pathway!.waitlists[s].inOrder() {
                if step.groupFormat == nil && index.openMembers.isEmpty { break }
                if matchInStep(client, at: time) { leaveWaitlist(client, at: time) }
            }
        }
    }

    /// The step's view of a booked appointment that is about to run: records the step's wait at its
    /// first appointment, and returns the step's no-show, load and dropout profile.
    mutating func pathwayAppointment(_ client: Int32, slotTime: Double) -> PathwayAppointment {
        let place = pathway![client]
        let s = Int(place.step)
        let step = pathway!.config.steps[s]
        let isFirst = place.stepBooked == 0 || clients[client].rematched
        if place.stepBooked == 0 && clients[client].measured {
            pathway!.tally.stepWaits[s].add(slotTime - place.stepJoined)
            if step.kind != .assessment && place.entryStep < 0 {
                pathway!.tally.treatmentWaits.add(slotTime - clients[client].arrival)
                pathway!.tally.entered[s] += 1
            }
        }
        if step.kind != .assessment && place.entryStep < 0 { pathway![client].entryStep = Int16(s) }
        pathway![client].stepBooked += 1
        return PathwayAppointment(isFirst: isFirst, noShow: isFirst ? step.noShowFirst : step.noShowFollowUp,
                                  loadWeight: step.loadWeight, isAssessment: step.kind == .assessment,
                                  dropoutFirst: step.dropoutFirst, dropoutLater: step.dropoutLater,
                                  improvementScale: step.improvementScale)
    }

    /// The assessment was attended: the entry rule decides the step, and the client joins its
    /// waitlist once the day's sessions are over.
    mutating func completeAssessment(_ client: Int32, day: Int) {
        let c = clients[client]
        pathway![client].assessed = true
        pathway!.audit.assessed += 1
        let entry = pathway!.config.entryStep(severity: Int(c.severity), concern: Int(c.concern))
        unbook(client, day: day)
        pathway!.pendingMoves.append(.init(client: client, step: entry, priority: false))
    }

    /// What the step's rules make of the session the client just attended (or, at the end of a
    /// group's course, of the course).
    mutating func pathwayDecision(_ client: Int32, endOfStep: Bool) -> PathwayState.Decision {
        let place = pathway![client]
        let step = pathway!.config.steps[Int(place.step)]
        let clinical = config.clinical.enabled
        if !endOfStep {
            pathway![client].stepAttended += 1
            if pathway!.config.hasAssessment && !place.assessed { pathway!.audit.treatedWithoutAssessment += 1 }
        }
        let attended = Int(pathway![client].stepAttended)
        if !endOfStep, attended == 1, step.stepUp != nil, clients[client].measured { pathway!.tally.stepUpEligible += 1 }
        if clinical, !endOfStep, let rule = step.stepUp, let k = rule.noReliableImprovementBy, attended == k {
            let improved = outcomes.reliablyImprovedSoFar(client)
            let scores = outcomes.scores[Int(client)]
            pathway!.audit.stepUpChecks.append(.init(sessionInStep: attended, firstPHQ: scores.firstPHQ, firstGAD: scores.firstGAD,
                                                     latestPHQ: scores.lastPHQ, latestGAD: scores.lastGAD, steppedUp: !improved))
            if !improved { return .stepUp(rule.to) }
        }
        if clinical, let recovery = step.onRecovery, attended >= recovery.afterSessions,
           Int(outcomes.scores[Int(client)].belowCaseness) >= recovery.consecutive {
            switch recovery.action {
            case .discharge: return .discharge
            case .stepDown(let to): return .stepDown(to)
            }
        }
        let finished = endOfStep || (step.groupFormat == nil && attended >= Int(pathway![client].stepNeeded))
        guard finished else { return .stays }
        if clinical, let rule = step.stepUp, rule.stillACaseAtEnd, outcomes.isCaseNow(client) { return .stepUp(rule.to) }
        return .discharge
    }

    /// Carries out a decision: the client leaves their slot or group and is discharged, or moves
    /// to another step's waitlist once the day's sessions are over. False when they stay.
    mutating func pathwayMoves(_ client: Int32, after decision: PathwayState.Decision, day: Int) -> Bool {
        switch decision {
        case .stays:
            return false
        case .discharge:
            leaveSlotOrGroup(client, day: day)
            finish(client, as: .completed)
        case .stepUp(let to):
            leaveSlotOrGroup(client, day: day)
            if !pathway![client].steppedUp, clients[client].measured { pathway!.tally.steppedUp += 1 }
            pathway![client].steppedUp = true
            pathway!.audit.stepUps += 1
            pathway!.pendingMoves.append(.init(client: client, step: to, priority: true))
        case .stepDown(let to):
            leaveSlotOrGroup(client, day: day)
            pathway!.pendingMoves.append(.init(client: client, step: to, priority: false))
        }
        return true
    }

    /// Frees the client's slot, or their place in a group.
    mutating func leaveSlotOrGroup(_ client: Int32, day: Int) {
        let g = Int(pathway![client].group)
        if g >= 0 {
            pathway!.groups[g].members.removeAll { $0 == client }
            pathway![client].group = -1
        } else {
            unbook(client, day: day)
        }
    }

    /// Moves decided during the day's sessions: each client joins their new step's waitlist (a
    /// step-up with priority), with a fresh patience for the new wait.
    mutating func processPathwayMoves(day: Int, _ calendar: inout EventCalendar<Event>) {
        guard !pathway!.pendingMoves.isEmpty else { return }
        let moves = pathway!.pendingMoves
        pathway!.pendingMoves.removeAll(keepingCapacity: true)
        for move in moves {
            prepareStep(move.client, move.step)
            pathway![move.client].stepJoined = Double(day)
            clients[move.client].priority = move.priority
            clients[move.client].generation &+= 1
            let patience = config.clients.patience?.sample(streams.patience) ?? .infinity
            joinWaitlist(move.client, at: Double(day), patienceDeadline: Double(day) + patience, &calendar)
        }
    }

    /// A course ended: its outcome counts for the step the client entered treatment at.
    mutating func pathwayFinished(_ client: Int32, as stage: ClientStage) {
        let record = clients[client]
        let entry = Int(pathway![client].entryStep)
        guard record.measured, stage != .abandoned, entry >= 0, config.clinical.enabled,
              let outcome = outcomes.courseOutcome(client, attended: Int(record.sessionsAttended)) else { return }
        pathway!.tally.finished[entry] += 1
        if outcome.caseAtStart { pathway!.tally.casesAtStart[entry] += 1 }
        if outcome.recovered { pathway!.tally.recovered[entry] += 1 }
        if outcome.reliablyImproved { pathway!.tally.reliablyImproved[entry] += 1 }
    }
}
