/// Records one replication as a platform's extract would show it: a row per referral and per
/// therapist (`rapport run --export-events`). Attached to a `PlatformModel` before it starts;
/// the model calls it at the few points where a story changes, and does nothing when none is
/// attached.
public final class EventRecorder {
    /// Day 0 of the simulation as days since 1 January 1970.
    public let epochDay: Int
    private(set) var referrals: [ReferralRecord] = []
    private(set) var therapists: [TherapistRecord] = []
    /// Bookings seen per referral row, to tell the first appointment from later ones.
    private var bookings: [Int32] = []
    /// Client pool index → referral row (pool indices are recycled, rows are not).
    private var rowOfClient: [Int] = []
    /// Departed therapists awaiting a replacement, by (group, scheduled start time).
    private var awaitingReplacement: [ReplacementKey: [Int]] = [:]
    /// Therapists whose sick leave started but has no sick day yet.
    private var spellStarting = Set<Int>()
    /// The time of the event being handled.
    var now = 0.0
    private var names: (concerns: [String], severities: [String], languages: [String], modalities: [String]) = ([], [], [], [])
    private var groups: [TherapistGroup] = []

    private struct ReplacementKey: Hashable {
        var group: Int32
        var time: Double
    }

    /// A recorder whose simulated day 0 is `epochDay` (days since 1 January 1970).
    public init(epochDay: Int) { self.epochDay = epochDay }

    /// The extract as recorded so far, up to simulated day `lastDay`.
    public func extract(lastDay: Int) -> PlatformExtract {
        PlatformExtract(referrals: referrals, therapists: therapists, firstDay: epochDay, lastDay: epochDay + lastDay)
    }

    private var today: Int { epochDay + Int(now) }

    func attach(config: ModelConfig) {
        let c = config.clients
        names = (c.concerns.names, c.severity.names, c.language.names, c.modality.names)
        groups = config.therapistGroups
    }

    func arrived(client: Int32, concern: Int, severity: Int, language: Int, modality: Int) {
        let row = referrals.count
        referrals.append(ReferralRecord(
            id: "R\(row + 1)", referralDay: today, concern: names.concerns[concern], severity: names.severities[severity],
            language: names.languages[language], modality: names.modalities[modality]))
        bookings.append(0)
        let index = Int(client)
        if rowOfClient.count <= index { rowOfClient.append(contentsOf: repeatElement(-1, count: index - rowOfClient.count + 1)) }
        rowOfClient[index] = row
    }

    func matched(client: Int32) {
        let row = rowOfClient[Int(client)]
        if referrals[row].matchedDay == nil { referrals[row].matchedDay = today }
    }

    func appointment(client: Int32, day: Int, attended: Bool) {
        let row = rowOfClient[Int(client)]
        if bookings[row] == 0 {
            referrals[row].firstAppointmentDay = epochDay + day
            referrals[row].firstAttended = attended
        }
        bookings[row] += 1
        if attended { referrals[row].attendedSessions += 1 } else { referrals[row].missedSessions += 1 }
    }

    func finished(client: Int32, as stage: ClientStage) {
        let row = rowOfClient[Int(client)]
        referrals[row].endDay = today
        switch stage {
        case .completed: referrals[row].endReason = .completed
        case .droppedOut: referrals[row].endReason = .droppedOut
        case .abandoned: referrals[row].endReason = .abandoned
        case .waiting, .inTreatment: referrals[row].endReason = .open
        }
    }

    func joined(_ therapist: Therapist, replacement: Bool) {
        let g = Int(therapist.group)
        let group = groups[g]
        var replaced: String?
        if replacement {
            let key = ReplacementKey(group: therapist.group, time: now)
            if var waiting = awaitingReplacement[key], !waiting.isEmpty {
                replaced = therapists[waiting.removeFirst()].id
                awaitingReplacement[key] = waiting.isEmpty ? nil : waiting
            }
        }
        let start = therapist.startDay.isFinite ? epochDay + Int(therapist.startDay) : epochDay
        therapists.append(TherapistRecord(
            id: "T\(therapists.count + 1)", group: group.name, languages: group.languages, modalities: group.modalities,
            workingDays: group.workingDays, startDay: start, sickSpells: 0,
            statedThreshold: (therapist.statedThreshold * 100).rounded() / 100, replaces: replaced))
    }

    /// A spell starts at the end of a day at work; it is counted with its first sick day, so a
    /// spell cut off by the end of the run does not show as a spell without days.
    func leaveStarted(therapist t: Int) { spellStarting.insert(t) }

    func sickDay(therapist t: Int) {
        if spellStarting.remove(t) != nil { therapists[t].sickSpells? += 1 }
        therapists[t].sickDays += 1
    }

    func quit(therapist t: Int, group: Int32, replacementStarts: Double?) {
        therapists[t].endDay = today
        if let time = replacementStarts { awaitingReplacement[ReplacementKey(group: group, time: time), default: []].append(t) }
    }
}
