import Foundation
import RapportRandom

/// One client's symptom scores: where they are now, what was measured at their first and latest
/// attended sessions, how many sessions in a row they have measured below caseness, and the PHQ-9
/// measured at their first `trajectoryLength` sessions.
///
/// The record is 64 bytes, one cache line in the ledger's line-aligned storage: an attended
/// session reads and writes all of it, and at 50,000 therapists each record read is a cache miss
/// (the trajectory used to be a slab of its own, a third line per session).
struct SymptomScores {
    static let trajectoryLength = 12

    var phq: Double = 0
    var gad: Double = 0
    var firstPHQ: Double = .nan
    var firstGAD: Double = .nan
    var lastPHQ: Double = .nan
    var lastGAD: Double = .nan
    /// Consecutive measurements below caseness, saturating at 65,535 (rules ask for at most 1,000).
    var belowCaseness: UInt16 = 0
    /// How many PHQ-9 measurements `trajectory` holds (at most `trajectoryLength`).
    var trajectoryCount: UInt8 = 0
    /// PHQ-9 at sessions 1…`trajectoryCount`, rounded to whole points.
    private var trajectory: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// The PHQ-9 measured at session `k + 1` (`k` below `trajectoryCount`).
    func measured(at k: Int) -> UInt8 {
        precondition(k >= 0 && k < Self.trajectoryLength)
        return withUnsafeBytes(of: trajectory) { $0[k] }
    }

    /// Records a measurement: the score counts in a row below caseness, and the PHQ-9 joins the
    /// trajectory while it has room.
    @inline(__always)
    mutating func measure(phq: Double, gad: Double) {
        if firstPHQ.isNaN { firstPHQ = phq; firstGAD = gad }
        lastPHQ = phq
        lastGAD = gad
        belowCaseness = Self.isCase(phq, gad) ? 0 : (belowCaseness == .max ? .max : belowCaseness + 1)
        if Int(trajectoryCount) < Self.trajectoryLength {
            let k = Int(trajectoryCount)
            withUnsafeMutableBytes(of: &trajectory) { $0[k] = UInt8(max(0, min(27, phq.rounded()))) }
            trajectoryCount += 1
        }
    }

    /// Whether integer scores `phq`, `gad` make a case.
    static func isCase(_ phq: Double, _ gad: Double) -> Bool {
        phq.rounded() >= ClinicalConfig.phqCaseness || gad.rounded() >= ClinicalConfig.gadCaseness
    }
}

/// How a finished course of treatment turned out, by the NHS Talking Therapies definitions.
struct CourseOutcome {
    var caseAtStart: Bool
    var recovered: Bool
    var reliablyImproved: Bool
    var reliablyDeteriorated: Bool
    var phqChange: Double
    var gadChange: Double

    init(firstPHQ: Double, firstGAD: Double, lastPHQ: Double, lastGAD: Double) {
        let f = (firstPHQ.rounded(), firstGAD.rounded()), l = (lastPHQ.rounded(), lastGAD.rounded())
        caseAtStart = SymptomScores.isCase(f.0, f.1)
        recovered = caseAtStart && !SymptomScores.isCase(l.0, l.1)
        let phqBetter = f.0 - l.0 >= ClinicalConfig.phqReliable, gadBetter = f.1 - l.1 >= ClinicalConfig.gadReliable
        let phqWorse = l.0 - f.0 >= ClinicalConfig.phqReliable, gadWorse = l.1 - f.1 >= ClinicalConfig.gadReliable
        reliablyImproved = (phqBetter || gadBetter) && !phqWorse && !gadWorse
        reliablyDeteriorated = (phqWorse || gadWorse) && !phqBetter && !gadBetter
        phqChange = l.0 - f.0
        gadChange = l.1 - f.1
    }
}
