import Foundation
import RapportModel

/// Writes an extract in the shape `ExtractReader` reads: `referrals.csv` and `therapists.csv`.
public enum ExtractWriter {
    /// The two files' text, by file name.
    public static func files(_ extract: PlatformExtract) -> [(name: String, text: String)] {
        [("referrals.csv", referrals(extract.referrals)), ("therapists.csv", therapists(extract.therapists))]
    }

    static func referrals(_ rows: [ReferralRecord]) -> String {
        var text = ExtractColumns.referrals.joined(separator: ",") + "\n"
        text.reserveCapacity(rows.count * 120)
        for r in rows {
            let fields: [String] = [
                r.id, CivilDate.format(r.referralDay), r.concern, r.severity, r.language, r.modality,
                date(r.matchedDay), date(r.firstAppointmentDay), r.firstAttended.map { $0 ? "yes" : "no" } ?? "",
                date(r.endDay), r.endReason.rawValue, String(r.attendedSessions), String(r.missedSessions),
                number(r.phq9Intake), number(r.phq9Last), number(r.gad7Intake), number(r.gad7Last),
            ]
            text += fields.map(CSVTable.escape).joined(separator: ",") + "\n"
        }
        return text
    }

    static func therapists(_ rows: [TherapistRecord]) -> String {
        var text = ExtractColumns.therapists.joined(separator: ",") + "\n"
        for t in rows {
            let days = zip(ExtractColumns.weekdays, t.workingDays).filter(\.1).map(\.0)
            let fields: [String] = [
                t.id, t.group, t.languages.joined(separator: ";"), t.modalities.joined(separator: ";"), days.joined(separator: ";"),
                CivilDate.format(t.startDay), date(t.endDay), String(t.sickDays), number(t.sickSpells),
                t.statedThreshold.map { String(format: "%.2f", $0) } ?? "", t.replaces ?? "",
            ]
            text += fields.map(CSVTable.escape).joined(separator: ",") + "\n"
        }
        return text
    }

    private static func date(_ day: Int?) -> String { day.map(CivilDate.format) ?? "" }
    private static func number(_ n: Int?) -> String { n.map(String.init) ?? "" }
}
