import Foundation
import RapportModel

/// One problem in an extract, located as `referrals.csv:1234: error: …`.
public struct ExtractProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line; 0 when the problem is with the file as a whole.
    public var line: Int
    public var message: String

    public var description: String { line > 0 ? "\(file):\(line): error: \(message)" : "\(file): error: \(message)" }
}

/// The extract files could not be used at all (missing file or columns); every problem is listed.
public struct ExtractError: Error, CustomStringConvertible {
    public var problems: [ExtractProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// An extract read from a folder: the rows that could be used, and the refused rows' problems.
public struct ExtractReading: Sendable {
    public var extract: PlatformExtract
    /// Every problem, in file then line order; each refuses its row.
    public var problems: [ExtractProblem]
    public var referralsUsed: Int
    public var referralsRefused: Int
    public var therapistsUsed: Int
    public var therapistsRefused: Int

    public init(extract: PlatformExtract, problems: [ExtractProblem], referralsUsed: Int, referralsRefused: Int,
                therapistsUsed: Int, therapistsRefused: Int) {
        self.extract = extract
        self.problems = problems
        self.referralsUsed = referralsUsed
        self.referralsRefused = referralsRefused
        self.therapistsUsed = therapistsUsed
        self.therapistsRefused = therapistsRefused
    }

    /// "referrals.csv: 15,234 rows used, 3 refused; therapists.csv: 62 used, 0 refused".
    public var summary: String {
        "referrals.csv: \(referralsUsed) row\(referralsUsed == 1 ? "" : "s") used, \(referralsRefused) refused; "
            + "therapists.csv: \(therapistsUsed) used, \(therapistsRefused) refused"
    }
}

/// Reads `referrals.csv` and `therapists.csv` from a folder, checking every row.
public enum ExtractReader {
    /// Reads the extract in `directory`. `lastDay` is the day the extract was taken (days since
    /// 1970); by default the latest date in either file.
    public static func read(directory: String, lastDay: Int? = nil) throws -> ExtractReading {
        var fatal: [ExtractProblem] = []
        func table(_ name: String, required: [String], known: [String]) -> CSVTable? {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                fatal.append(ExtractProblem(file: name, line: 0, message: "cannot read \(path) (no such file, or not readable)"))
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                fatal.append(ExtractProblem(file: name, line: 0, message: "the file is not UTF-8 text"))
                return nil
            }
            let csv = CSVTable(text: text)
            if csv.header.isEmpty {
                fatal.append(ExtractProblem(file: name, line: 1, message: "the file is empty; expected a header line naming the columns \(required.joined(separator: ", "))"))
                return nil
            }
            let missing = required.filter { !csv.header.contains($0) }
            for column in missing {
                let hint = csv.header.first { Self.editDistance($0, column) <= 2 }.map { "; found '\($0)', did you mean '\(column)'?" } ?? ""
                fatal.append(ExtractProblem(file: name, line: 1, message: "missing column '\(column)'\(hint)"))
            }
            for (i, column) in csv.header.enumerated() where csv.header.firstIndex(of: column) != i {
                fatal.append(ExtractProblem(file: name, line: 1, message: "the column '\(column)' appears more than once"))
            }
            if let line = csv.unterminatedQuoteLine {
                fatal.append(ExtractProblem(file: name, line: line, message: "a quoted field opened here is never closed"))
            }
            return missing.isEmpty ? csv : nil
        }
        let referralTable = table("referrals.csv", required: ExtractColumns.referralsRequired, known: ExtractColumns.referrals)
        let therapistTable = table("therapists.csv", required: ExtractColumns.therapistsRequired, known: ExtractColumns.therapists)
        guard fatal.isEmpty, let referralTable, let therapistTable else { throw ExtractError(problems: fatal) }

        var problems: [ExtractProblem] = []
        var referrals: [ReferralRecord] = []
        var seenReferrals = Set<String>()
        for record in referralTable.records {
            let row = RowReader(file: "referrals.csv", header: referralTable.header, record: record)
            if let referral = row.referral(), seenReferrals.insert(referral.id).inserted {
                referrals.append(referral)
            } else if row.problems.isEmpty {
                row.problem("the id '\(row.text("id") ?? "")' appears on an earlier row")
            }
            problems += row.problems
        }
        var therapists: [TherapistRecord] = []
        var therapistLines: [Int] = []
        var seenTherapists = Set<String>()
        for record in therapistTable.records {
            let row = RowReader(file: "therapists.csv", header: therapistTable.header, record: record)
            if let therapist = row.therapist(), seenTherapists.insert(therapist.id).inserted {
                therapists.append(therapist)
                therapistLines.append(record.line)
            } else if row.problems.isEmpty {
                row.problem("the id '\(row.text("id") ?? "")' appears on an earlier row")
            }
            problems += row.problems
        }
        // A replacement must name a therapist who left before it started.
        let byID = Dictionary(uniqueKeysWithValues: therapists.map { ($0.id, $0) })
        var refusedTherapists = Set<Int>()
        for (i, t) in therapists.enumerated() {
            guard let replaced = t.replaces else { continue }
            let line = therapistLines[i]
            if let other = byID[replaced] {
                if let end = other.endDay, end <= t.startDay { continue }
                problems.append(ExtractProblem(file: "therapists.csv", line: line,
                    message: "replaces '\(replaced)', who \(other.endDay == nil ? "has no end date" : "left on \(CivilDate.format(other.endDay!)), after this therapist started on \(CivilDate.format(t.startDay))")"))
            } else {
                problems.append(ExtractProblem(file: "therapists.csv", line: line, message: "replaces '\(replaced)', who is not in therapists.csv"))
            }
            refusedTherapists.insert(i)
        }
        therapists = therapists.enumerated().filter { !refusedTherapists.contains($0.offset) }.map(\.element)
        problems.sort { $0.file != $1.file ? $0.file > $1.file : $0.line < $1.line }

        let referralDays = referrals.flatMap { [$0.referralDay, $0.matchedDay, $0.firstAppointmentDay, $0.endDay].compactMap { $0 } }
        let therapistDays = therapists.flatMap { [$0.startDay, $0.endDay].compactMap { $0 } }
        let allDays = referralDays + therapistDays
        let first = referrals.map(\.referralDay).min() ?? allDays.min() ?? 0
        let last = lastDay ?? allDays.max() ?? first
        let extract = PlatformExtract(referrals: referrals, therapists: therapists, firstDay: first, lastDay: last)
        return ExtractReading(
            extract: extract, problems: problems,
            referralsUsed: referrals.count, referralsRefused: referralTable.records.count - referrals.count,
            therapistsUsed: therapists.count, therapistsRefused: therapistTable.records.count - therapists.count)
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}

/// Reads the fields of one row by column name, collecting every problem the row has.
final class RowReader {
    let file: String
    let line: Int
    private let values: [String: String]
    private(set) var problems: [ExtractProblem] = []

    init(file: String, header: [String], record: CSVTable.Record) {
        self.file = file
        line = record.line
        var values: [String: String] = [:]
        for (i, name) in header.enumerated() where i < record.fields.count {
            values[name] = record.fields[i].trimmingCharacters(in: .whitespaces)
        }
        self.values = values
        if record.fields.count != header.count {
            problems.append(ExtractProblem(file: file, line: line, message: "expected \(header.count) fields as in the header, found \(record.fields.count)"))
        }
    }

    func problem(_ message: String) { problems.append(ExtractProblem(file: file, line: line, message: message)) }

    /// The field's text, or nil when empty or absent.
    func text(_ column: String) -> String? {
        guard let v = values[column], !v.isEmpty else { return nil }
        return v
    }

    func required(_ column: String, _ what: String) -> String? {
        guard let v = text(column) else { problem("\(column) is empty; expected \(what)"); return nil }
        return v
    }

    func date(_ column: String, required isRequired: Bool = false) -> Int?? {
        guard let v = text(column) else {
            if isRequired { problem("\(column) is empty; expected a date such as 2024-03-31"); return .none }
            return .some(nil)
        }
        guard let day = CivilDate.parse(v) else {
            problem("\(column): expected a date as YYYY-MM-DD, such as 2024-03-31, found '\(v)'")
            return .none
        }
        return .some(day)
    }

    func count(_ column: String, required isRequired: Bool = true, max limit: Int = 100_000) -> Int?? {
        guard let v = text(column) else {
            if isRequired { problem("\(column) is empty; expected a whole number >= 0"); return .none }
            return .some(nil)
        }
        guard let n = Int(v), n >= 0, n <= limit else {
            problem("\(column): expected a whole number from 0 to \(limit), found '\(v)'")
            return .none
        }
        return .some(n)
    }

    func list(_ column: String, allowed: [String]? = nil) -> [String]? {
        guard let v = required(column, "a list such as english;spanish") else { return nil }
        let items = v.split(separator: ExtractColumns.listSeparator).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard !items.isEmpty else { problem("\(column): expected at least one item, found '\(v)'"); return nil }
        if let allowed {
            for item in items where !allowed.contains(item) {
                let hint = allowed.first { ExtractReader.editDistance($0, item) <= 2 || item.hasPrefix($0) }.map { "; did you mean '\($0)'?" } ?? ""
                problem("\(column): unknown value '\(item)'; expected one of \(allowed.joined(separator: ", "))\(hint)")
                return nil
            }
        }
        return items
    }

    func referral() -> ReferralRecord? {
        let id = required("id", "an identifier")
        let referral = date("referral_date", required: true)
        let concern = required("concern", "the presenting concern, such as anxiety")?.lowercased()
        var severity = required("severity", "mild, moderate or severe")?.lowercased()
        if let s = severity, !ExtractColumns.severities.contains(s) {
            problem("severity: unknown category '\(s)'; expected mild, moderate or severe")
            severity = nil
        }
        let language = required("language", "the client's language, such as english")?.lowercased()
        let modality = required("modality", "video, phone, chat or another modality")?.lowercased()
        let matched = date("matched_date")
        let firstAppointment = date("first_appointment_date")
        let end = date("end_date")
        var reason: ReferralRecord.EndReason?
        if let r = required("end_reason", "completed, dropped_out, abandoned or still_open") {
            let normalised = r.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            reason = ReferralRecord.EndReason(rawValue: normalised) ?? (normalised == "open" ? .open : nil)
            if reason == nil {
                problem("end_reason: unknown category '\(r)'; expected completed, dropped_out, abandoned or still_open")
            }
        }
        var firstAttended: Bool??
        if let v = text("first_attended") {
            switch v.lowercased() {
            case "yes", "true", "1": firstAttended = .some(true)
            case "no", "false", "0": firstAttended = .some(false)
            default: problem("first_attended: expected yes or no, found '\(v)'"); firstAttended = .none
            }
        } else { firstAttended = .some(nil) }
        let attended = count("attended_sessions"), missed = count("missed_sessions")
        let phq9Intake = count("phq9_intake", required: false, max: 27), phq9Last = count("phq9_last", required: false, max: 27)
        let gad7Intake = count("gad7_intake", required: false, max: 21), gad7Last = count("gad7_last", required: false, max: 21)
        guard let id, let referral = referral ?? nil, let concern, let severity, let language, let modality,
              let matched, let firstAppointment, let end, let reason, let firstAttended,
              let attended = attended ?? nil, let missed = missed ?? nil,
              let phq9Intake, let phq9Last, let gad7Intake, let gad7Last else { return nil }
        let before = problems.count
        func order(_ later: Int?, _ laterName: String, _ earlier: Int?, _ earlierName: String) {
            guard let later, let earlier, later < earlier else { return }
            problem("the \(laterName) (\(CivilDate.format(later))) is before the \(earlierName) (\(CivilDate.format(earlier)))")
        }
        order(matched, "matched date", referral, "referral date")
        order(firstAppointment, "first-appointment date", referral, "referral date")
        order(firstAppointment, "first-appointment date", matched, "matched date")
        order(end, "end date", referral, "referral date")
        order(end, "end date", firstAppointment, "first-appointment date")
        switch reason {
        case .open:
            if end != nil { problem("end_reason is still_open but an end date is given") }
        case .completed, .droppedOut, .abandoned:
            if end == nil { problem("end_reason is \(reason.rawValue) but the end date is empty") }
        }
        if reason == .completed, attended == 0 { problem("end_reason is completed but no session was attended") }
        if reason == .abandoned, attended + missed > 0 || firstAppointment != nil {
            problem("end_reason is abandoned (left the waitlist unseen) but an appointment is recorded")
        }
        if attended + missed > 0, firstAppointment == nil { problem("sessions are recorded but the first-appointment date is empty") }
        if firstAttended == true, attended == 0 { problem("first_attended is yes but no session was attended") }
        if firstAttended == false, missed == 0 { problem("first_attended is no but no session was missed") }
        guard problems.count == before, problems.isEmpty else { return nil }
        return ReferralRecord(
            id: id, referralDay: referral, concern: concern, severity: severity, language: language, modality: modality,
            matchedDay: matched, firstAppointmentDay: firstAppointment, firstAttended: firstAttended, endDay: end, endReason: reason,
            attendedSessions: attended, missedSessions: missed,
            phq9Intake: phq9Intake, phq9Last: phq9Last, gad7Intake: gad7Intake, gad7Last: gad7Last)
    }

    func therapist() -> TherapistRecord? {
        let id = required("id", "an identifier")
        let group = required("group", "the therapist's group, such as generalists")
        let languages = list("languages")
        let modalities = list("modalities")
        let days = list("working_days", allowed: ExtractColumns.weekdays)
        let start = date("start_date", required: true)
        let end = date("end_date")
        let sickDays = count("sick_days")
        let sickSpells = count("sick_spells", required: false)
        var threshold: Double??
        if let v = text("stated_threshold") {
            if let x = Double(v), x > 0, x <= 24 { threshold = .some(x) } else {
                problem("stated_threshold: expected sessions a day between 0 and 24, found '\(v)'")
                threshold = .none
            }
        } else { threshold = .some(nil) }
        let replaces = text("replaces")
        guard let id, let group, let languages, let modalities, let days, let start = start ?? nil, let end,
              let sickDays = sickDays ?? nil, let sickSpells, let threshold else { return nil }
        if let end, end < start {
            problem("the end date (\(CivilDate.format(end))) is before the start date (\(CivilDate.format(start)))")
        }
        if let end, end >= start, sickDays > end - start + 1 {
            problem("sick_days (\(sickDays)) is more than the \(end - start + 1) days employed")
        }
        if let spells = sickSpells, spells > sickDays { problem("sick_spells (\(spells)) is more than sick_days (\(sickDays))") }
        if let spells = sickSpells, spells == 0, sickDays > 0 { problem("sick_days is \(sickDays) but sick_spells is 0") }
        if replaces == id { problem("replaces names the therapist's own id") }
        guard problems.isEmpty else { return nil }
        let workingDays = ExtractColumns.weekdays.map(days.contains)
        return TherapistRecord(id: id, group: group, languages: languages, modalities: modalities, workingDays: workingDays,
                               startDay: start, endDay: end, sickDays: sickDays, sickSpells: sickSpells, statedThreshold: threshold,
                               replaces: replaces)
    }
}
