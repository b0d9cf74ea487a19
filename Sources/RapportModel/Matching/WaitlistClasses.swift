/// Which waiting clients the platform's waitlist keeps apart, so that a walk of the waitlist can
/// pass over those nobody open could serve without reading their records.
///
/// Clients whom the same therapist groups can serve (by the hard constraints on language and
/// modality) share a class. A walk may pass over a class only when matching a client of it is
/// the availability index's choice alone (`PlatformModel.choosesFromIndexAlone`): that choice
/// finds nobody, and changes nothing, when no group the client could see has anyone with room
/// on any weekday. With any other matching rule (client choice, batches, a caseload requirement
/// that can book someone away, balanced fill) every client is one class and the walk reads
/// every one in turn, as it always did.
struct WaitlistClasses {
    /// The most classes kept apart; with more, every client is one class. A walk compares the
    /// next client of every class at each step.
    static let maxClasses = 16

    /// [language · modalities + modality] → class.
    private let classOf: [UInt8]
    private let modalities: Int
    /// Per class, the therapist groups that can serve its clients; empty when classes are off.
    let groups: [[Int]]

    /// How many classes there are (1 when clients are not kept apart).
    var count: Int { max(1, groups.count) }

    /// Whether a walk may pass over a class (see the type's documentation).
    var passesOverUnservable: Bool { !groups.isEmpty }

    /// Classes from `feasibleGroups` ([language][modality] → groups), or one class unless
    /// `byFeasibility`.
    init(feasibleGroups: [[[Int]]], byFeasibility: Bool) {
        modalities = feasibleGroups.first?.count ?? 0
        var sets: [[Int]] = []
        let classes = feasibleGroups.joined().map { groups in
            if let k = sets.firstIndex(of: groups) { return k }
            sets.append(groups)
            return sets.count - 1
        }
        let apart = byFeasibility && sets.count <= Self.maxClasses
        classOf = classes.map { apart ? UInt8($0) : 0 }
        groups = apart ? sets : []
    }

    /// The class of a client who speaks `language` and wants `modality`.
    @inline(__always)
    func of(language: Int32, modality: Int32) -> Int {
        Int(classOf[Int(language) * modalities + Int(modality)])
    }
}
