import CMemoryHints
import Foundation
import RapportRandom

/// The clinical-outcome subsystem's state: every client's symptom scores (indexed like the client
/// pool), each therapist's latent effect, and the counts that become outcome metrics. The platform's
/// day loop calls it at intake, at each attended session and when a course ends.
struct OutcomeLedger {
    static let trajectoryLength = SymptomScores.trajectoryLength

    /// The clinical parameters, kept here rather than passed at every session: a 145-byte
    /// argument was copied to the stack at each call.
    let clinical: ClinicalConfig

    init(clinical: ClinicalConfig) { self.clinical = clinical }

    /// Every client's scores and trajectory, one cache line each, indexed like the client pool.
    private(set) var scores = LineAlignedArray<SymptomScores>()
    /// Each therapist's standardised effect z (the multiplier on improvement is exp(σ · z)).
    private(set) var therapistZ: [Double] = []
    /// Per therapist, what attended sessions and finished courses read and count.
    private(set) var therapistTallies: [TherapistTally] = []

    // Counts over measured finished courses (at least two attended sessions).
    var finishedCourses = 0
    var casesAtStart = 0
    var recovered = 0
    var reliablyImproved = 0
    var reliablyRecovered = 0
    var reliablyDeteriorated = 0
    var phqChangeSum = 0.0
    var gadChangeSum = 0.0
    /// Summed PHQ-9 and counts by session number, for completers and for those who dropped out.
    var completerTrajectory = [Double](repeating: 0, count: trajectoryLength)
    var completerTrajectoryCount = [Double](repeating: 0, count: trajectoryLength)
    var dropoutTrajectory = [Double](repeating: 0, count: trajectoryLength)
    var dropoutTrajectoryCount = [Double](repeating: 0, count: trajectoryLength)

    /// A new therapist's latent effect.
    mutating func addTherapist(_ stream: RandomStream) {
        let z = stream.normal(mean: 0, sd: 1)
        therapistZ.append(z)
        therapistTallies.append(TherapistTally(multiplier: exp(clinical.therapistEffect * z)))
    }

    /// Hints that the scores and trajectory of the client in pool slot `index` are about to be
    /// read (see `PlatformModel.prefetchAhead`).
    @inline(__always)
    func prefetch(_ index: Int32) {
        // One line: the record is 64 bytes and its storage line-aligned.
        if let record = scores.address(of: Int(index)) { rapport_prefetch(record) }
    }

    /// Makes room for the scores of `count` pool slots at once.
    mutating func reserve(_ count: Int) { scores.reserveCapacity(count) }

    /// Makes room for `count` therapists' records without regrowing them one hire at a time.
    mutating func reserveTherapists(_ count: Int) {
        therapistZ.reserveCapacity(count)
        therapistTallies.reserveCapacity(count)
    }

    /// The multiplier therapist `t` puts on improvement.
    func therapistMultiplier(_ t: Int) -> Double { therapistTallies[t].multiplier }

    /// Intake scores for the client in pool slot `index`, drawn from their severity band.
    mutating func intake(_ index: Int32, severity: Int, _ stream: RandomStream) {
        let i = Int(index)
        // New pool slots come one at a time, at the end: plain appends, which cost a fraction of
        // the generic `append(contentsOf: repeatElement(…))` at every arrival.
        while scores.count <= i { scores.append(SymptomScores()) }
        let band = min(severity, clinical.intakePHQ9.count - 1)
        let draw = stream.bivariateNormal(sdX: clinical.intakePHQ9SD, sdY: clinical.intakeGAD7SD, rho: clinical.intakeCorrelation)
        var s = SymptomScores()
        s.phq = min(27, max(0, clinical.intakePHQ9[band] + draw.x))
        s.gad = min(21, max(0, clinical.intakeGAD7[min(severity, clinical.intakeGAD7.count - 1)] + draw.y))
        scores[i] = s
    }

    /// Measures the client at an attended session (routine outcome monitoring, before the
    /// session's own effect), then applies the session. Returns how much the session helped
    /// against what the client hoped, in PHQ-9 points scaled by the session noise.
    /// `rateScale` multiplies the share of the gap closed (a pathway step's intensity).
    mutating func attend(_ index: Int32, quality: Double, therapist t: Int, _ stream: RandomStream,
                         rateScale: Double = 1) -> Double {
        let i = Int(index)
        // One read and one write of the record rather than a checked access per field: the hot
        // path of every attended session.
        var s = scores[i]
        let phq = s.phq, gad = s.gad
        s.measure(phq: phq, gad: gad)
        let rate = min(0.95, clinical.improvementRate * exp(clinical.qualityEffect * (quality - 0.5)) * therapistMultiplier(t) * rateScale)
        let noise = stream.bivariateNormal(sdX: clinical.sessionNoise, sdY: clinical.sessionNoise * 21 / 27, rho: 0.6)
        var worse = 0.0
        if stream.uniform() < clinical.deteriorationChance { worse = stream.exponential(mean: clinical.deteriorationMean) }
        let newPHQ = min(27, max(0, phq - rate * max(0, phq - clinical.floorPHQ9) + noise.x + worse))
        s.phq = newPHQ
        s.gad = min(21, max(0, gad - rate * max(0, gad - clinical.floorGAD7) + noise.y + worse * 21 / 27))
        scores[i] = s
        return ((phq - newPHQ) - clinical.hopedChange) / max(1, clinical.sessionNoise)
    }

    /// Whether the client has measured below caseness at enough consecutive sessions to be
    /// discharged as improved.
    func readyForDischarge(_ index: Int32, attended: Int) -> Bool {
        guard let after = clinical.dischargeAfter else { return false }
        return attended >= after && scores[Int(index)].belowCaseness >= 2
    }

    /// Whether the client's latest measurement is reliably improved on their first (PHQ-9 down 6 or
    /// GAD-7 down 4, neither reliably worse); false before two measurements.
    func reliablyImprovedSoFar(_ index: Int32) -> Bool {
        let s = scores[Int(index)]
        guard !s.firstPHQ.isNaN else { return false }
        return CourseOutcome(firstPHQ: s.firstPHQ, firstGAD: s.firstGAD, lastPHQ: s.lastPHQ, lastGAD: s.lastGAD).reliablyImproved
    }

    /// Whether the client's latest measurement is a case; true before any.
    func isCaseNow(_ index: Int32) -> Bool {
        let s = scores[Int(index)]
        return s.lastPHQ.isNaN || SymptomScores.isCase(s.lastPHQ, s.lastGAD)
    }

    /// How the course of the client in `index` turned out so far, if they were measured twice.
    func courseOutcome(_ index: Int32, attended: Int) -> CourseOutcome? {
        let s = scores[Int(index)]
        guard attended >= 2, !s.firstPHQ.isNaN else { return nil }
        return CourseOutcome(firstPHQ: s.firstPHQ, firstGAD: s.firstGAD, lastPHQ: s.lastPHQ, lastGAD: s.lastGAD)
    }

    /// A course ended: counts it if it is a finished course (two or more attended sessions).
    mutating func finish(_ index: Int32, attended: Int, completed: Bool, therapist t: Int, measured: Bool) {
        let s = scores[Int(index)]
        guard attended >= 2, !s.firstPHQ.isNaN else { return }
        let o = CourseOutcome(firstPHQ: s.firstPHQ, firstGAD: s.firstGAD, lastPHQ: s.lastPHQ, lastGAD: s.lastGAD)
        if t >= 0, o.caseAtStart {
            therapistTallies[t].cases += 1
            if o.recovered { therapistTallies[t].recovered += 1 }
        }
        guard measured else { return }
        finishedCourses += 1
        if o.caseAtStart { casesAtStart += 1 }
        if o.recovered { recovered += 1 }
        if o.reliablyImproved { reliablyImproved += 1 }
        if o.recovered && o.reliablyImproved { reliablyRecovered += 1 }
        if o.reliablyDeteriorated { reliablyDeteriorated += 1 }
        phqChangeSum += o.phqChange
        gadChangeSum += o.gadChange
        for k in 0..<Int(s.trajectoryCount) {
            let value = Double(s.measured(at: k))
            if completed {
                completerTrajectory[k] += value; completerTrajectoryCount[k] += 1
            } else {
                dropoutTrajectory[k] += value; dropoutTrajectoryCount[k] += 1
            }
        }
    }

    /// Outcome metrics and the therapist-level view, into a replication's result.
    func record(into r: inout ReplicationResult, fteYears: Double, therapists: LineAlignedArray<Therapist>) {
        let share = { (part: Int, whole: Int) in whole == 0 ? Double.nan : Double(part) / Double(whole) }
        r.metrics["finished_courses"] = Double(finishedCourses)
        r.metrics["recovery_rate"] = share(recovered, casesAtStart)
        r.metrics["reliable_improvement_rate"] = share(reliablyImproved, finishedCourses)
        r.metrics["reliable_recovery_rate"] = share(reliablyRecovered, casesAtStart)
        r.metrics["reliable_deterioration_rate"] = share(reliablyDeteriorated, finishedCourses)
        r.metrics["phq9_change_mean"] = finishedCourses == 0 ? .nan : phqChangeSum / Double(finishedCourses)
        r.metrics["gad7_change_mean"] = finishedCourses == 0 ? .nan : gadChangeSum / Double(finishedCourses)
        r.metrics["recovered_per_fte_year"] = fteYears > 0 ? Double(recovered) / fteYears : .nan
        let sessions = (1...Self.trajectoryLength).map(Double.init)
        r.distributions["phq9_by_session_completers"] = zip(completerTrajectory, completerTrajectoryCount).map { $1 > 0 ? $0 / $1 : .nan }
        r.distributionEdges["phq9_by_session_completers"] = sessions
        r.distributions["phq9_by_session_dropouts"] = zip(dropoutTrajectory, dropoutTrajectoryCount).map { $1 > 0 ? $0 / $1 : .nan }
        r.distributionEdges["phq9_by_session_dropouts"] = sessions
        recordTherapistView(into: &r, therapists: therapists)
    }

    /// How much signal a return-rate ranking has: the correlation, over therapists with at least
    /// five first sessions, between their observed return rate after a first session and their
    /// latent effect; and the observed return rate by effect quintile, for the chart.
    private func recordTherapistView(into r: inout ReplicationResult, therapists: LineAlignedArray<Therapist>) {
        var pairs: [(z: Double, returns: Double)] = []
        var recoveryRates: [Double] = []
        for (t, therapist) in therapists.enumerated() where t < therapistZ.count {
            if therapist.firstSessions >= 5 {
                pairs.append((therapistZ[t], Double(therapist.returnedAfterFirst) / Double(therapist.firstSessions)))
            }
            let tally = therapistTallies[t]
            if tally.cases >= 5 { recoveryRates.append(Double(tally.recovered) / Double(tally.cases)) }
        }
        r.metrics["return_rate_effect_correlation"] = SampleStatistics.correlation(pairs.map(\.z), pairs.map(\.returns))
        let sorted = pairs.sorted { $0.z < $1.z }
        let bins = 5
        r.distributions["return_rate_by_effect_quintile"] = (0..<bins).map { b in
            let slice = sorted[(b * sorted.count / bins)..<((b + 1) * sorted.count / bins)]
            return slice.isEmpty ? .nan : slice.map(\.returns).reduce(0, +) / Double(slice.count)
        }
        r.distributionEdges["return_rate_by_effect_quintile"] = (1...bins).map(Double.init)
        // How therapists spread on each rate: the share of therapists in each tenth.
        let edges = (0...10).map { Double($0) / 10 }
        for (name, rates) in [("therapist_recovery_rate", recoveryRates), ("therapist_return_rate", pairs.map(\.returns))] {
            var histogram = [Double](repeating: 0, count: 10)
            for rate in rates { histogram[min(9, Int(rate * 10))] += 1 }
            let total = histogram.reduce(0, +)
            r.distributions[name] = histogram.map { total > 0 ? $0 / total : .nan }
            r.distributionEdges[name] = edges
        }
    }
}

/// One therapist's multiplier on improvement and their finished courses' counts, together in 16
/// bytes: a course that ends reads the line an attended session with them just read. At 50,000
/// therapists, when these were three arrays, the two counts were a cache miss apiece at most
/// courses' ends (three fifths of `finish`'s time there).
struct TherapistTally {
    /// exp(σ · z), worked out at hire rather than at every session.
    var multiplier: Double
    /// Finished courses that were cases at the start, and of those, the recovered.
    var cases: Int32 = 0
    var recovered: Int32 = 0
}
