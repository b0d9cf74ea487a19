import Foundation
import RapportRandom

/// One client's symptom scores: where they are now, what was measured at their first and latest
/// attended sessions, and how many sessions in a row they have measured below caseness.
struct SymptomScores {
    var phq: Double = 0
    var gad: Double = 0
    var firstPHQ: Double = .nan
    var firstGAD: Double = .nan
    var lastPHQ: Double = .nan
    var lastGAD: Double = .nan
    var belowCaseness: Int32 = 0
    /// How many PHQ-9 measurements are stored in the ledger's trajectory slab (at most
    /// `OutcomeLedger.trajectoryLength`).
    var trajectoryCount: Int32 = 0

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
