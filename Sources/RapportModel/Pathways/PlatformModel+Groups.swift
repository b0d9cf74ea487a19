import RapportKernel
import RapportRandom

/// Group sessions: a closed group holds one recurring slot of a facilitator, fills with matched
/// members, starts at its first slot once `startAt` members are in, never takes more than `size`,
/// and runs its course of sessions. The facilitator's load counts the group once, weighted by the
/// members present.
extension PlatformModel {
    /// Places the client in a forming group of the step with room and a facilitator who can serve
    /// them, or opens a new group in the slot of the step's therapist with the earliest one.
    mutating func joinGroup(_ client: Int32, step s: Int, at time: Double) -> Bool {
        let format = pathway!.config.steps[s].groupFormat!
        let c = clients[client]
        for g in pathway!.groups.indices {
            let group = pathway!.groups[g]
            guard group.isOpen, group.step == s, group.members.count < format.size,
                  let q = quality(of: group.facilitator, for: c) else { continue }
            addMember(client, to: g, quality: q)
            return true
        }
        var best: (t: Int, time: Double, quality: Double)?
        for member in index.openMembers {
            let t = Int(member)
            guard pathway!.stepOfGroup[Int(therapists[t].group)] == s, let q = quality(of: t, for: c),
                  let slot = firstOpenSlot(of: t, after: Int(time)) else { continue }
            if best == nil || slot.time < best!.time || (slot.time == best!.time && t < best!.t) { best = (t, slot.time, q) }
        }
        guard let chosen = best else { return false }
        let g = pathway!.groups.count
        let index = pathway!.freeGroups.last.map(Int.init) ?? g
        guard let slot = reserveGroupSlot(of: chosen.t, group: index, at: time) else { return false }
        let created = pathway!.newGroup(.init(step: s, facilitator: chosen.t, slots: slot.indices, firstDay: slot.day))
        precondition(created == index)
        refreshOpen(chosen.t, day: Int(time))
        addMember(client, to: created, quality: chosen.quality)
        return true
    }

    /// Puts group `index` into therapist `t`'s first slot open every week (both weeks' rows of a
    /// fortnightly grid: a group meets weekly); returns the grid indices and the first day.
    private mutating func reserveGroupSlot(of t: Int, group index: Int, at time: Double) -> (indices: [Int], day: Int)? {
        guard let slot = firstOpenSlot(of: t, after: Int(time), weekly: true) else { return nil }
        let value = PathwayState.slotValue(group: index)
        let first = parity(slot.day)
        var taken = [take(row(parity: first, weekday: slot.weekday), of: t, for: value)]
        if parities == 2 { taken.append(take(row(parity: 1 - first, weekday: slot.weekday), of: t, for: value)) }
        therapists[t].caseload += 1
        return (taken, slot.day)
    }

    private mutating func addMember(_ client: Int32, to g: Int, quality q: Double) {
        let group = pathway!.groups[g]
        pathway!.groups[g].members.append(client)
        pathway![client].group = Int32(g)
        clients[client].stage = .inTreatment
        clients[client].therapist = -1
        clients[client].lastTherapist = Int32(group.facilitator)
        clients[client].firstEligibleDay = Int32(group.firstDay)
        clients[client].matchQuality = q
        clients[client].generation &+= 1
        clients[client].priority = false
        if clients[client].measured { tally.recordMatch(quality: q, wellMatched: q >= config.fit.wellMatched) }
    }

    /// Runs group `g`'s session in its facilitator's slot today, if it is due: returns the
    /// facilitator's load from it (zero when nobody came), or nil when the group did not meet.
    mutating func runGroupSession(_ g: Int, facilitator t: Int, day: Int, slotTime: Double, dayLoad: Double,
                                  measured: Bool) -> (load: Double, present: Int)? {
        let group = pathway!.groups[g]
        let step = pathway!.config.steps[group.step]
        let format = step.groupFormat!
        guard group.firstDay <= day, !group.isOpen || group.members.count >= format.startAt else { return nil }
        if group.isOpen {
            pathway!.groups[g].isOpen = false
            if measured {
                pathway!.tally.groupsStarted += 1
                pathway!.tally.groupMembersAtStart += group.members.count
                pathway!.tally.groupPlaces += format.size
            }
            pathway!.audit.largestGroupAtStart = max(pathway!.audit.largestGroupAtStart, group.members.count)
            pathway!.audit.smallestGroupAtStart = min(pathway!.audit.smallestGroupAtStart, group.members.count)
        }
        pathway!.groups[g].sessionsHeld += 1
        let exhaustion = therapists[t].exhaustion
        let burnedOut = exhaustion >= config.wellbeing.burnoutThreshold
        let overload = dayLoad - therapists[t].sustainableLevel
        var present = 0
        var severity = 0.0
        for client in group.members {
            let appointment = pathwayAppointment(client, slotTime: slotTime)
            let c = clients[client]
            clients[client].bookedSessions += 1
            if !c.started {
                clients[client].started = true
                if c.measured { tally.recordStart(waitDays: slotTime - c.arrival, arrival: c.arrival) }
            }
            let missed = streams.sessions.uniform() < appointment.noShow
            recorder?.appointment(client: client, day: day, attended: !missed)
            if missed { continue }
            present += 1
            severity += severityWeight(Int(c.severity))
            let attended = countAttendance(client, therapist: t, measured: measured)
            let quality = sessionQuality(c.matchQuality, exhaustion: exhaustion, burnedOut: burnedOut, overload: overload)
            var helped = 0.0
            if config.clinical.enabled {
                helped = outcomes.attend(client, quality: quality, therapist: t, streams.sessionOutcomes,
                                         rateScale: appointment.improvementScale)
            }
            if pathwayMoves(client, after: pathwayDecision(client, endOfStep: false), day: day) { continue }
            let base = appointment.isFirst ? appointment.dropoutFirst : appointment.dropoutLater
            if streams.sessions.uniform() < dropoutHazard(base: base, helped: helped, attended: attended, quality: quality, therapist: t) {
                leaveSlotOrGroup(client, day: day)
                finish(client, as: .droppedOut)
            }
        }
        pathway!.audit.largestGroupSession = max(pathway!.audit.largestGroupSession, present)
        pathway!.audit.groupSessions += 1
        if pathway!.groups[g].sessionsHeld >= format.sessions {
            // The course is over: each member still in the group finishes the step.
            for client in pathway!.groups[g].members {
                if !pathwayMoves(client, after: pathwayDecision(client, endOfStep: true), day: day) {
                    leaveSlotOrGroup(client, day: day)
                    finish(client, as: .completed)
                }
            }
        }
        if pathway!.groups[g].members.isEmpty { dissolveGroup(g, day: day) }
        let load = present == 0 ? 0 : step.loadWeight * severity / Double(present) * format.load(present: present)
        return (load, present)
    }

    /// Frees a group's slot with its facilitator and its record.
    mutating func dissolveGroup(_ g: Int, day: Int) {
        let group = pathway!.groups[g]
        let t = group.facilitator
        for slot in group.slots { release(slot: Int32(slot), of: t) }
        therapists[t].caseload -= 1
        pathway!.groups[g].members = []
        pathway!.groups[g].isOpen = false
        pathway!.freeGroups.append(Int32(g))
        refreshOpen(t, day: day)
    }

    /// The facilitator left or is on long leave: each group's members go back to their step's
    /// waitlist with priority (some drop out instead), keeping the sessions they had.
    mutating func releaseGroups(of t: Int, day: Int, dropoutChance: Double, _ calendar: inout EventCalendar<Event>) {
        // A group holds two slots of a fortnightly grid: each group once, in a fixed order.
        for g in Set(grid.block(of: t).compactMap(PathwayState.group(slotValue:))).sorted() {
            for client in pathway!.groups[g].members {
                pathway![client].group = -1
                returnToMatching(client, day: day, dropoutChance: dropoutChance, &calendar)
            }
            dissolveGroup(g, day: day)
        }
    }
}
