import RapportKernel
import RapportRandom

extension PlatformModel {
    /// Whether some therapist on the starting roster meets the client's hard constraints.
    /// (Given the client's language and modality, which an arrival has at hand, rather than
    /// their record: it runs at every arrival.)
    @inline(__always)
    func anyTherapistCouldServe(language: Int, modality: Int) -> Bool {
        !feasibleGroups[language][modality].isEmpty
    }

    /// The fit a therapist of group `g` with all the experience the client's severity needs would
    /// have: an upper bound on the fit of everyone in the group. Nil when the group is ruled out.
    @inline(__always)
    func bestPossibleQuality(group g: Int, for client: Client) -> Double? {
        // Any positive need is met in full by unbounded experience.
        quality(ofGroup: g, experience: .infinity, experienceNeeded: 1, for: client)
    }

    /// Match quality of therapist `t` for client `c`, or nil when a hard constraint rules it out.
    @inline(__always)
    func quality(of t: Int, for client: Client) -> Double? {
        quality(ofGroup: Int(therapists[t].group), experience: therapists[t].experienceYears, for: client)
    }

    /// Match quality for client `c` of a therapist of group `g` with `years` of experience, or nil
    /// when a hard constraint rules it out. Languages, modalities and proficiency are the group's,
    /// so scans over many therapists can work it out from compact arrays (the index's groups and
    /// `experience`) without reading each one's record.
    @inline(__always)
    func quality(ofGroup g: Int, experience years: Double, for client: Client) -> Double? {
        let needed = Int(client.severity) < config.fit.experienceNeeded.count
            ? config.fit.experienceNeeded[Int(client.severity)] : 0
        return quality(ofGroup: g, experience: years, experienceNeeded: needed, for: client)
    }

    /// The same, with the years of experience the client's severity needs given.
    @inline(__always)
    func quality(ofGroup g: Int, experience years: Double, experienceNeeded needed: Double, for client: Client) -> Double? {
        let speaks = groupLanguageMask[g] & clientLanguageBit[Int(client.language)] != 0
        let offers = groupModalityMask[g] & clientModalityBit[Int(client.modality)] != 0
        if config.fit.languageIsHard && !speaks { return nil }
        if config.fit.modalityIsHard && !offers { return nil }
        return MatchQuality.score(
            proficiency: groupProficiency[g][Int(client.concern)], experienceYears: years, experienceNeeded: needed,
            preferencesMet: ((speaks ? 1 : 0) + (offers ? 1 : 0)) / 2, weights: config.fit)
    }

    /// Whether a client is booked into both weeks of a fortnightly grid (always true on a weekly one).
    @inline(__always)
    func bookedWeekly(_ client: Client) -> Bool {
        parities == 1 || config.clients.cadence.cadence(severity: Int(client.severity)).isWeekly(afterAttended: Int(client.sessionsAttended))
    }

    /// The therapist's first open slot from `day + 1` on for a client seen weekly (a free slot on
    /// that weekday in every week of the cycle) or fortnightly (in that day's week):
    /// (weekday, day, time), or nil.
    @inline(__always)
    func firstOpenSlot(of t: Int, after day: Int, weekly: Bool = true) -> (weekday: Int, day: Int, time: Double)? {
        var from = day + 1
        switch therapists[t].status {
        case .departed: return nil
        case .onLeave: from = max(from, Int(therapists[t].leaveEnds.rounded(.up)) + 1)
        case .notStarted, .active: break
        }
        let startDay = therapists[t].startDay
        if startDay.isFinite { from = max(from, Int(startDay.rounded(.up))) }
        let span = weekly ? 7 : 7 * parities
        for offset in 0..<span {
            let d = from + offset
            let w = PlatformCalendar.weekday(d)
            if hasRoom(t, weekday: w, parity: parity(d), weekly: weekly, day: d) {
                let booked = Int(therapists[t].bookedPerDay[row(parity: parity(d), weekday: w)])
                return (w, d, Double(d) + PlatformCalendar.slotOffset(booked))
            }
        }
        return nil
    }

    /// Every open therapist (or every one of `among`) the client could be matched to, with
    /// their first slot and fit; on a pathway, only the therapists of `step`.
    func candidates(for client: Int32, at time: Double, among members: [Int32]? = nil, step: Int? = nil) -> [Candidate] {
        let c = clients[client]
        let day = Int(time)
        let weekly = bookedWeekly(c)
        var result: [Candidate] = []
        for t in members ?? index.openMembers {
            if let step, pathway?.stepOfGroup[Int(therapists[Int(t)].group)] != step { continue }
            guard let q = quality(of: Int(t), for: c), let slot = firstOpenSlot(of: Int(t), after: day, weekly: weekly) else { continue }
            result.append(Candidate(therapist: Int(t), firstSession: slot.time, quality: q))
        }
        return result
    }

    /// Matches a client by the policy's own choice among `options` (the one-at-a-time rule of
    /// `MatchingPolicy.choose`); false when there are none.
    mutating func bookChosen(_ client: Int32, from options: [Candidate], at time: Double, policy: MatchingPolicy? = nil) -> Bool {
        guard let choice = (policy ?? config.matching).choose(from: options, choiceStream: streams.choice) else { return false }
        return book(client, with: choice.therapist, quality: choice.quality, at: time)
    }

    /// Matches one client by the one-at-a-time policies; false when nobody can take them.
    mutating func tryMatch(_ client: Int32, at time: Double) -> Bool {
        let c = clients[client]
        return tryMatch(client, at: time, policy: config.matching, step: nil,
                        groups: feasibleGroups[Int(c.language)][Int(c.modality)])
    }

    /// Matches one client by `policy` to a therapist of `groups` (on a pathway, those of `step`).
    mutating func tryMatch(_ client: Int32, at time: Double, policy: MatchingPolicy, step: Int?, groups: [Int]) -> Bool {
        if config.caseload.requirement != nil {
            // A caseload requirement is filled first: the policy chooses among those below it.
            let short = candidates(for: client, at: time, among: shortOfRequirement.members, step: step)
            if !short.isEmpty { return bookChosen(client, from: short, at: time, policy: policy) }
        }
        if let tolerance = config.quota.balancedFill {
            guard let choice = balancedChoice(for: client, at: time, fitTolerance: tolerance, step: step) else { return false }
            return book(client, with: choice.therapist, quality: choice.quality, at: time)
        }
        switch policy {
        case .earliestAvailable, .bestFit:
            let choice = indexedChoice(for: clients[client], day: Int(time), policy: policy, groups: groups)
            return bookIndexedChoice(choice, for: client, at: time, policy: policy, step: step)
        case .clientChoice, .batchOptimal:
            return bookChosen(client, from: candidates(for: client, at: time, step: step), at: time, policy: policy)
        }
    }

    /// Whether a new arrival's match is the availability index's choice alone, as `tryMatch` makes
    /// it (earliest-available or best-fit, no caseload requirement, no balanced fill, no pathway):
    /// then `arrive` makes that choice before writing the client's record (see
    /// `bookIndexedChoice`). Worked out once, into `arrivalsChooseFromIndex`.
    static func choosesFromIndexAlone(_ config: ModelConfig) -> Bool {
        guard config.pathway == nil, config.caseload.requirement == nil, config.quota.balancedFill == nil else { return false }
        switch config.matching {
        case .earliestAvailable, .bestFit: return true
        case .clientChoice, .batchOptimal: return false
        }
    }

    /// Books `client` with the index's `choice` (from `indexedChoice`); false when there was none
    /// or the booking failed and nobody else can take them.
    /// `hinted`: the therapist's room entries were hinted already (`prefetchBooking`).
    mutating func bookIndexedChoice(_ choice: (Int, Double)?, for client: Int32, at time: Double, policy: MatchingPolicy,
                                    step: Int?, hinted: Bool = false) -> Bool {
        guard let (t, q) = choice else { return false }
        if !hinted { index.prefetchMember(t) }
        if book(client, with: t, quality: q, at: time) { return true }
        // The index knows weekdays with room in either week of a fortnightly grid; a client
        // seen weekly needs room in both, so when the indexed choice has only half a slot,
        // the policy chooses again among those who can take them.
        guard parities == 2 else { return false }
        return bookChosen(client, from: candidates(for: client, at: time, step: step), at: time, policy: policy)
    }

    /// A fixed quota used as a target: among therapists whose fit is within `fitTolerance` of the
    /// best available, the one furthest below quota this week; then the sooner slot, the better
    /// fit, the lower index. The platform fills caseloads first and takes poorer fits to do so.
    func balancedChoice(for client: Int32, at time: Double, fitTolerance: Double, step: Int? = nil) -> Candidate? {
        let options = candidates(for: client, at: time, step: step)
        guard let bestQuality = options.map(\.quality).max() else { return nil }
        let day = Int(time)
        var chosen: (candidate: Candidate, fraction: Double)?
        for option in options where option.quality >= bestQuality - fitTolerance {
            let fraction = bookedFraction(option.therapist, day: day)
            guard let current = chosen else { chosen = (option, fraction); continue }
            let better = fraction != current.fraction ? fraction < current.fraction
                : option.firstSession != current.candidate.firstSession ? option.firstSession < current.candidate.firstSession
                : option.quality != current.candidate.quality ? option.quality > current.candidate.quality
                : option.therapist < current.candidate.therapist
            if better { chosen = (option, fraction) }
        }
        return chosen?.candidate
    }

    /// Earliest-available and best-fit through the availability index, without scanning every
    /// therapist. Days are the unit of "earliest": among therapists free on the earliest day,
    /// earliest-available picks one at random (fit ignored); best-fit takes the highest fit among
    /// those free within the tolerance, the most experienced of a group first.
    ///
    /// This, `bestAway` and `scanAway` are `mutating` though they change nothing (but the tie
    /// stream's state): a mutating caller hands a non-mutating, non-inlined method of this 2.4 KB
    /// model a stack copy of it, a memcpy at every match.
    mutating func indexedChoice(for c: Client, day: Int, policy: MatchingPolicy, groups: [Int]) -> (Int, Double)? {
        let from = day + 1
        var earliest = -1
        for k in 0..<7 where groups.contains(where: { index.count($0, weekday: PlatformCalendar.weekday(from + k)) > 0 }) {
            earliest = k
            break
        }
        guard earliest >= 0 else { return nil }
        switch policy {
        case .bestFit(let tolerance):
            let last = min(6, earliest + Int(tolerance.rounded(.down)))
            let weekdays = PlatformCalendar.weekdayMask(from: from + earliest, count: last - earliest + 1)
            var best: (group: Int, quality: Double, top: Int32)?
            for g in groups {
                // Fit from the group and the compact experience array, not the record: reading
                // the record here would take its cold miss before the booking's hint is issued.
                guard let t = index.mostExperienced(in: g, weekdays: weekdays),
                      let q = quality(ofGroup: g, experience: experience[Int(t)], for: c) else { continue }
                if best == nil || q > best!.quality { best = (g, q, t) }
            }
            // Therapists on leave with room are outside the index; a tolerance that reaches past
            // their return lets a better fit among them wait for them.
            if let away = bestAway(for: c, groups: groups, day: day, latestOffset: earliest + Int(tolerance.rounded(.down)),
                                   better: best?.quality ?? -.infinity) {
                return away
            }
            guard let (g, q, top) = best else { return nil }
            // Everyone in the group as experienced as the client's severity needs fits equally
            // well: take the earliest day among them, and one of that day's at random.
            let needed = Int(c.severity) < config.fit.experienceNeeded.count ? config.fit.experienceNeeded[Int(c.severity)] : 0
            let threshold = min(needed, experience[Int(top)])
            let limit = index.memoisedRankLimit(in: g, experienceAtLeast: threshold)
            for k in earliest...last {
                let w = PlatformCalendar.weekday(from + k)
                let n = index.count(g, weekday: w, rankLimit: limit, experienceAtLeast: threshold)
                guard n.total > 0 else { continue }
                let pick = streams.matchingTies.index(below: n.total)
                if let t = index.member(g, weekday: w, ranked: n.ranked, experienceAtLeast: threshold, at: pick) { return (Int(t), q) }
            }
            return (Int(top), q)
        default:
            let w = PlatformCalendar.weekday(from + earliest)
            let total = groups.reduce(0) { $0 + index.count($1, weekday: w) }
            var pick = streams.matchingTies.index(below: total)
            for g in groups {
                let n = index.count(g, weekday: w)
                if pick < n, let t = index.member(g, weekday: w, experienceAtLeast: -.infinity, at: pick),
                   let q = quality(ofGroup: g, experience: experience[Int(t)], for: c) {
                    return (Int(t), q)
                }
                pick -= n
            }
            return nil
        }
    }

    /// The best fit among therapists away (on leave or not yet started) with room, whose first
    /// open slot is at most `latestOffset` days after tomorrow and whose fit beats `better`.
    @inline(__always)
    mutating func bestAway(for c: Client, groups: [Int], day: Int, latestOffset: Int, better: Double) -> (Int, Double)? {
        // Fit rises with experience up to what the severity needs, and nothing else in it varies
        // within a group, so no one away in a group can beat `better` unless that group's best
        // possible fit does. Usually no group can (its most experienced active member already
        // fits fully), and the scan of everyone away, which grows with the platform, is skipped.
        var promising: UInt64 = 0
        for g in groups where g < 64 && bestPossibleQuality(group: g, for: c).map({ $0 > better }) ?? false {
            promising |= 1 << UInt64(g)
        }
        guard promising != 0 || groups.contains(where: { $0 >= 64 }) else { return nil }
        return scanAway(for: c, groups: groups, day: day, latestOffset: latestOffset, better: better, promising: promising)
    }

    /// The scan of `bestAway` over those away in the `promising` groups (bit g; groups from 64 on
    /// are always scanned). Kept out of line: the check before it usually makes it needless.
    ///
    /// The best fit wins; among equal fits, whoever comes first in the index's list of everyone
    /// away, as when this scanned that whole list (at 50,000 therapists over two years it visited
    /// 750 members a scan, 1 of them in a promising group). A member is checked for a slot only
    /// when they would win.
    @inline(never)
    mutating func scanAway(for c: Client, groups: [Int], day: Int, latestOffset: Int, better: Double, promising: UInt64) -> (Int, Double)? {
        var best: (therapist: Int, quality: Double, position: Int)?
        let weekly = bookedWeekly(c)
        for g in groups where g >= 64 || promising & (1 << UInt64(g)) != 0 {
            for member in index.awayMembers(inGroup: g) {
                let t = Int(member)
                guard let q = quality(ofGroup: g, experience: experience[t], for: c), q > better else { continue }
                let position = index.memberPosition(of: t)
                if let best, q < best.quality || (q == best.quality && position > best.position) { continue }
                guard let slot = firstOpenSlot(of: t, after: day, weekly: weekly),
                      slot.day - (day + 1) <= latestOffset else { continue }
                best = (t, q, position)
            }
        }
        return best.map { ($0.therapist, $0.quality) }
    }

    /// Books the client into the therapist's first open slot (in both weeks of a fortnightly
    /// grid for a client seen weekly); false if they have none.
    @discardableResult
    mutating func book(_ client: Int32, with t: Int, quality q: Double, at time: Double) -> Bool {
        let weekly = bookedWeekly(clients[client])
        guard let slot = firstOpenSlot(of: t, after: Int(time), weekly: weekly) else { return false }
        let first = parity(slot.day)
        // The record is changed in a copy and written back once: one checked access instead of
        // one per field.
        var c = clients[client]
        c.slot = Int32(take(row(parity: first, weekday: slot.weekday), of: t, for: client))
        c.otherWeekSlot = parities == 2 && weekly
            ? Int32(take(row(parity: 1 - first, weekday: slot.weekday), of: t, for: client)) : -1
        therapists[t].caseload += 1
        c.stage = .inTreatment
        c.therapist = Int32(t)
        c.lastTherapist = Int32(t)
        c.firstEligibleDay = Int32(slot.day)
        c.matchQuality = q
        c.generation &+= 1
        c.priority = false
        clients[client] = c
        recorder?.matched(client: client)
        if c.measured {
            tally.recordMatch(quality: q, wellMatched: q >= config.fit.wellMatched)
        }
        if recordsMatches {
            matchLog.append(MatchRecord(
                therapist: t, clientLanguage: config.clients.language.names[Int(c.language)],
                clientModality: config.clients.modality.names[Int(c.modality)],
                therapistLanguages: languageBits.filter { therapists[t].languageMask & (1 << UInt64($0.value)) != 0 }.map(\.key).sorted(),
                therapistModalities: modalityBits.filter { therapists[t].modalityMask & (1 << UInt64($0.value)) != 0 }.map(\.key).sorted(),
                quality: q, waitedDays: slot.time - c.arrival))
        }
        refreshOpen(t, day: Int(time))
        return true
    }

    /// Puts `client` in the first free slot of grid row `row`; returns the slot's index.
    mutating func take(_ row: Int, of t: Int, for client: Int32) -> Int {
        let spd = Int(therapists[t].slotsPerDay)
        // −1 is free; a group's slot holds a negative value of its own (see `PathwayState`).
        let free = (0..<spd).first { grid[t, grid.slot(row: row, position: $0)] == -1 }!
        let slot = grid.slot(row: row, position: free)
        grid[t, slot] = client
        therapists[t].bookedPerDay[row] += 1
        therapists[t].bookingChanges &+= 1
        return slot
    }

    /// Frees slot `slot` of therapist `t`'s grid.
    mutating func release(slot: Int32, of t: Int) {
        grid[t, Int(slot)] = -1
        therapists[t].bookedPerDay[grid.row(ofSlot: Int(slot))] -= 1
        therapists[t].bookingChanges &+= 1
    }

    /// Frees a client's slots with their therapist.
    mutating func unbook(_ client: Int32, day: Int) {
        let c = clients[client]
        let t = Int(c.therapist)
        guard t >= 0 else { return }
        release(slot: c.slot, of: t)
        if c.otherWeekSlot >= 0 { release(slot: c.otherWeekSlot, of: t) }
        therapists[t].caseload -= 1
        clients[client].therapist = -1
        clients[client].slot = -1
        clients[client].otherWeekSlot = -1
        refreshOpen(t, day: day)
    }

    /// Offers waiting clients, in priority then arrival order, to whoever has room.
    mutating func matchWaitingClients(at time: Double, _ calendar: inout EventCalendar<Event>) {
        if pathway != nil { return matchPathwayWaitlists(at: time) }
        guard waiting.count > 0, !index.openMembers.isEmpty else { return }
        if case let .batchOptimal(every, weight) = config.matching {
            let day = Int(time)
            let period = max(1, Int(every.rounded()))
            if day % period == 0 { solveBatch(at: time, waitWeight: weight, clients: waiting.inOrder(), step: nil) }
            return
        }
        // The list is walked as it goes, not copied: once nobody has room the walk stops, rather
        // than having first listed a long waitlist whole. Matching adds nobody to it, and the
        // only client it removes is the one just matched, whom the walk has moved past.
        //
        // Where matching is the index's choice alone, a class of clients none of whose groups has
        // anyone with room is passed over unread: `indexedChoice` would find nobody for each of
        // them and change nothing (see `WaitlistClasses`). After a hire that is most of a long
        // waitlist, and the walk no longer grows with the platform.
        let passesOver = waitlistClasses.passesOverUnservable
        var walk = WaitingList.Walk(waiting)
        while let client = waiting.next(in: &walk, eligible: { k in
            passesOver ? waitlistClasses.groups[k].contains { index.hasRoom(inGroup: $0) } : !index.openMembers.isEmpty
        }) {
            // The next one's record and link, cold on a large platform, load while this one is
            // matched: the walk then learns the one after without waiting.
            let next = walk.upcoming
            if next >= 0 {
                clients.prefetch(next)
                waiting.prefetchLink(of: next)
            }
            waitlistClientsTried += 1
            if tryMatch(client, at: time) { leaveWaitlist(client, at: time) }
        }
    }

    /// Solves all waiting clients against all open capacity as one assignment problem, maximising
    /// Σ q − α·(days to first session) + α·(days already waited): the last term means that when
    /// capacity is short, those who have waited longest are preferred.
    mutating func solveBatch(at time: Double, waitWeight alpha: Double, clients waitingClients: [Int32], step: Int?) {
        let day = Int(time)
        var waitingClients = waitingClients
        var columns: [(therapist: Int, time: Double, bonus: Double)] = []
        for t in index.openMembers {
            if let step, pathway?.stepOfGroup[Int(therapists[Int(t)].group)] != step { continue }
            // Each unit of spare capacity is a column; a client takes the therapist's earliest unit.
            let units = min(spareCapacity(Int(t), day: day), waitingClients.count)
            // A caseload requirement is filled first: its columns are worth more than any fit.
            let short = belowRequirement(Int(t), day: day) ? 10.0 : 0
            guard units > 0, let slot = firstOpenSlot(of: Int(t), after: day) else { continue }
            for _ in 0..<units { columns.append((Int(t), slot.time, short)) }
        }
        guard !columns.isEmpty else { return }
        // At most one client per unit of capacity can be placed, and the wait term already favours
        // those who have waited longest; offering the solver the longest-waiting three clients per
        // unit keeps each batch small when the waitlist is long, instead of cubic in its length.
        let offered = max(3 * columns.count, 50)
        if waitingClients.count > offered { waitingClients.removeLast(waitingClients.count - offered) }
        var values = [Double](repeating: -.infinity, count: waitingClients.count * columns.count)
        for (i, client) in waitingClients.enumerated() {
            let c = clients[client]
            var cache: (therapist: Int, q: Double?) = (-1, nil)
            for (j, column) in columns.enumerated() {
                if cache.therapist != column.therapist { cache = (column.therapist, quality(of: column.therapist, for: c)) }
                guard let q = cache.q else { continue }
                values[i * columns.count + j] = q - alpha * (column.time - time) + alpha * (time - c.arrival) + column.bonus
            }
        }
        let assignment = AssignmentSolver.maximise(values: values, rows: waitingClients.count, columns: columns.count)
        for (i, column) in assignment.enumerated() {
            guard let j = column else { continue }
            let client = waitingClients[i]
            let t = columns[j].therapist
            guard let q = quality(of: t, for: clients[client]), spareCapacity(t, day: day) > 0,
                  parities == 1 || firstOpenSlot(of: t, after: day, weekly: bookedWeekly(clients[client])) != nil else { continue }
            leaveWaitlist(client, at: time)
            book(client, with: t, quality: q, at: time)
        }
    }
}
