import RapportKernel
import RapportRandom

/// An arrival's booking with the therapist the index chose, made when the next event begins
/// rather than at once.
///
/// Why: at a large platform the chosen therapist's record and slot row are cold. Their lines are
/// asked for as soon as the choice is made, but the rest of the arrival is too little work to
/// cover the wait, and the booking stalled on them (over half of its time at 50,000 therapists).
/// Left pending, the booking runs after the next event's first steps (taking the event from
/// the calendar and, for an arrival, its own draws), none of which reads or changes what the
/// booking does, so results are the same. Anything that does is preceded by `settleArrival`:
/// every other event, any scheduling, the next choice, and the end of the run. Runs that record
/// an event export book at once, so the export's stamps and order stay as they were.
struct PendingBooking {
    /// The client's pool index, or −1 when no booking is pending (a sentinel rather than an
    /// optional: checked at every event, cleared at every arrival).
    var client: Int32 = -1
    var therapist: Int32 = 0
    var quality = 0.0
    var time = 0.0
    /// When the client gives up waiting, should the booking fail and they join the waitlist.
    var patienceDeadline = Double.infinity

    var isPending: Bool { client >= 0 }
}

extension PlatformModel {
    /// Arrivals follow a Poisson process whose rate varies by weekday and month, drawn by thinning
    /// a process at the peak rate, so the arrival stream does not depend on anything else. The
    /// next arrival waits in the calendar's arrival lane, beside its heap (same order of events).
    ///
    /// `mutating` though it changes nothing of the model: called from `arrive`, a non-mutating
    /// method that is not inlined is handed a stack copy of the whole model.
    @inline(never)
    mutating func scheduleNextArrival(after time: Double, _ calendar: inout EventCalendar<Event>) {
        if let next = nextArrivalTime(after: time) { calendar.scheduleArrival(.arrival, at: next) }
    }

    /// When the next arrival of the thinned process comes, or nil when there are no more.
    @inline(__always)
    func nextArrivalTime(after time: Double) -> Double? {
        guard peakArrivalRate > 0, arrivals < (config.stopAfterArrivals ?? .max) else { return nil }
        return time + streams.arrivals.exponential(mean: 1 / peakArrivalRate)
    }

    mutating func arrive(at time: Double, _ calendar: inout EventCalendar<Event>) {
        let day = Int(time)
        // Fields are read in place: a local copy of `config.clients` would retain and release
        // every array and distribution in it on each arrival.
        let weekday = PlatformCalendar.weekday(day)
        let rate = config.clients.arrivalsPerDay * config.clients.weekdayMultipliers[weekday]
            * config.clients.monthMultipliers[PlatformCalendar.month(day)]
        let accepted = streams.arrivals.uniform() * peakArrivalRate < rate
        guard accepted else {
            settleArrival(&calendar)
            return scheduleNextArrival(after: time, &calendar)
        }
        // Counted before the next is scheduled, so `stop_after_arrivals: N` gives exactly N.
        arrivals += 1
        // The record the client will take is usually a reused one, cold on a large platform: it
        // loads while their attributes are drawn (a hint; see `prefetchAhead`).
        let next = clients.nextIndex
        clients.prefetch(next)
        outcomes.prefetch(next)

        let s = streams.clientAttributes
        let concern = config.clients.concerns.table.sample(s)
        let severity = config.clients.severity.table.sample(s)
        let modality = config.clients.modality.table.sample(s)
        let language = config.clients.language.table.sample(s)
        let measured = time >= Double(warmupDay)
        var record = Client(
            arrival: time, concern: Int32(concern), severity: Int32(severity), modality: Int32(modality),
            language: Int32(language), sessionsNeeded: 0, measured: measured)
        // When the index alone chooses the therapist, it chooses now, as soon as it knows who
        // the client is: nothing done in between (the remaining draws, the record, the intake
        // scores, the tallies) changes the index, and the choice draws only on its own stream, so
        // the result is the same. The chosen therapist's record and slots, cold on a large
        // platform, then load meanwhile (hints only).
        var choice: (Int, Double)?
        let choosesEarly = arrivalsChooseFromIndex
        // The previous arrival's booking, if it was left for now (see `PendingBooking`): the
        // draws above touch nothing it changes, the choice below reads the index it changes.
        settleArrival(&calendar)
        if choosesEarly {
            choice = indexedChoice(for: record, day: Int(time), policy: config.matching,
                                   groups: feasibleGroups[language][modality])
            if let (t, _) = choice { prefetchBooking(of: t, after: day, weekday: weekday) }
        }
        // The next arrival is drawn and scheduled here rather than first: its own stream and the
        // calendar's arrival lane are all it touches, so results do not change, and it is more
        // work done while the hinted therapist's record loads. Every event this arrival schedules
        // later (an abandonment, a pathway's) still comes after it in sequence.
        scheduleNextArrival(after: time, &calendar)
        record.sessionsNeeded = Int32(max(1, Int(min(1000, config.clients.sessionsNeeded.sample(s)).rounded())))
        let patienceDeadline = time + (config.clients.patience?.sample(streams.patience) ?? .infinity)
        let client = clients.add(record)
        recorder?.arrived(client: client, concern: concern, severity: severity, language: language, modality: modality)
        if config.clinical.enabled {
            let symptoms = streams.symptoms
            outcomes.intake(client, severity: severity, symptoms)
        }
        if measured {
            tally.recordArrival(at: time)
            if !anyTherapistCouldServe(language: language, modality: modality) { tally.noFeasible += 1 }
        }
        if hasPathways {
            pathwayArrive(client, at: time, patienceDeadline: patienceDeadline, &calendar)
        } else if case .batchOptimal = config.matching {
            joinWaitlist(client, at: time, patienceDeadline: patienceDeadline, &calendar)
            if measured { tally.waited += 1 }
        } else if choosesEarly, let (t, q) = choice {
            let booking = PendingBooking(client: client, therapist: Int32(t), quality: q, time: time,
                                         patienceDeadline: patienceDeadline)
            if defersBookings { pendingBooking = booking } else { completeBooking(booking, &calendar) }
        } else if choosesEarly || !tryMatch(client, at: time) {
            // (An early choice that found nobody, or a match that failed.)
            joinWaitlist(client, at: time, patienceDeadline: patienceDeadline, &calendar)
            if measured { tally.waited += 1 }
        }
    }

    /// Makes the booking an arrival left pending, if any: before the next event reads or changes
    /// anything it changes, and when the run stops (`settle(calendar:)`).
    @inline(__always)
    mutating func settleArrival(_ calendar: inout EventCalendar<Event>) {
        guard pendingBooking.isPending else { return }
        let pending = pendingBooking
        pendingBooking.client = -1
        completeBooking(pending, &calendar)
    }

    /// Books the client with the therapist the index chose, or, should that fail with nobody
    /// else to take them, puts them on the waitlist.
    @inline(__always)
    mutating func completeBooking(_ pending: PendingBooking, _ calendar: inout EventCalendar<Event>) {
        let client = pending.client
        if !bookIndexedChoice((Int(pending.therapist), pending.quality), for: client, at: pending.time,
                              policy: config.matching, step: nil, hinted: true) {
            joinWaitlist(client, at: pending.time, patienceDeadline: pending.patienceDeadline, &calendar)
            if clients[client].measured { tally.waited += 1 }
        }
    }

    /// Puts the client on the waitlist; they abandon it at `patienceDeadline` if still there
    /// (not stored in their record: see `Client`).
    mutating func joinWaitlist(_ client: Int32, at time: Double, patienceDeadline deadline: Double,
                               _ calendar: inout EventCalendar<Event>) {
        clients[client].stage = .waiting
        clients[client].waitingSince = time
        waiting.append(client, class: waitlistClass(of: client), priority: clients[client].priority)
        if hasPathways { pathway!.waitlists[Int(pathway![client].step)].append(client, class: 0, priority: clients[client].priority) }
        if deadline.isFinite, deadline <= Double(horizonDay) {
            calendar.schedule(.abandonment(client: client, generation: clients[client].generation), at: max(time, deadline))
        }
    }

    mutating func abandon(_ client: Int32, generation: UInt32, at time: Double) {
        guard clients[client].generation == generation, clients[client].stage == .waiting else { return }
        leaveWaitlist(client, at: time)
        finish(client, as: .abandoned)
    }

    /// The class `waiting` keeps `client` in (see `WaitlistClasses`).
    @inline(__always)
    func waitlistClass(of client: Int32) -> Int {
        let c = clients[client]
        return waitlistClasses.of(language: c.language, modality: c.modality)
    }

    /// Takes a client off the waitlist, counting the part of their spell inside the measured period.
    mutating func leaveWaitlist(_ client: Int32, at time: Double) {
        waiting.remove(client, class: waitlistClass(of: client))
        if hasPathways { pathway!.waitlists[Int(pathway![client].step)].remove(client, class: 0) }
        let from = max(clients[client].waitingSince, Double(warmupDay))
        if time > from { tally.waitlistSpellDays += time - from }
    }

    /// Ends a client's story and recycles their record.
    mutating func finish(_ client: Int32, as stage: ClientStage) {
        let record = clients[client]
        if record.measured {
            switch stage {
            case .completed:
                tally.completed += 1
                tally.completerSessions += Int(record.sessionsAttended)
            case .droppedOut: tally.droppedOut += 1
            case .abandoned: tally.abandoned += 1
            default: break
            }
            if stage != .abandoned { tally.sessionsOfFinished += Int(record.sessionsAttended) }
        }
        if config.clinical.enabled, stage != .abandoned {
            outcomes.finish(client, attended: Int(record.sessionsAttended), completed: stage == .completed,
                            therapist: Int(record.lastTherapist), measured: record.measured)
        }
        if hasPathways { pathwayFinished(client, as: stage) }
        clients[client].stage = stage
        recorder?.finished(client: client, as: stage)
        clients.release(client)
    }
}
