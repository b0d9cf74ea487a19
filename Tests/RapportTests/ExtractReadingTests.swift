import Foundation
import RapportFit
import RapportModel
import Testing

/// Bad extracts get located errors, every problem in one pass, and a used/refused summary.
@Suite struct ExtractReadingTests {
    static let referralHeader = "id,referral_date,concern,severity,language,modality,matched_date,first_appointment_date,first_attended,end_date,end_reason,attended_sessions,missed_sessions"
    static let therapistHeader = "id,group,languages,modalities,working_days,start_date,end_date,sick_days,sick_spells,stated_threshold,replaces"

    func read(referrals: String, therapists: String) throws -> ExtractReading {
        let folder = try Fixtures.temporaryFolder("extract")
        defer { try? FileManager.default.removeItem(at: folder) }
        try referrals.write(to: folder.appendingPathComponent("referrals.csv"), atomically: true, encoding: .utf8)
        try therapists.write(to: folder.appendingPathComponent("therapists.csv"), atomically: true, encoding: .utf8)
        return try ExtractReader.read(directory: folder.path)
    }

    @Test func everyBadRowIsLocatedAndRefused() throws {
        let referrals = """
        \(Self.referralHeader)
        R1,2024-01-02,anxiety,mild,english,video,2024-01-02,2024-01-03,yes,2024-02-01,completed,4,0
        R2,2024-01-05,anxiety,mild,english,video,2024-01-05,2024-01-02,yes,,still_open,1,0
        R3,2024-13-01,anxiety,mild,english,video,,,,,still_open,0,0
        R4,2024-01-05,anxiety,severeish,english,video,,,,2024-01-20,abandoned,0,0
        R5,2024-01-05,anxiety,mild,english,video,,,,2024-01-20,walked_off,0,0
        R6,2024-01-05,anxiety,mild,english,video,2024-01-06,2024-01-07,yes,,still_open,two,0
        R1,2024-01-05,anxiety,mild,english,video,,,,2024-01-20,abandoned,0,0
        "R8","2024-01-05","anxiety, with panic",moderate,english,video,,,,2024-01-20,abandoned,0,0
        R9,2024-01-05,anxiety,mild,english,video,,,,,completed,3,0
        """
        let therapists = """
        \(Self.therapistHeader)
        T1,generalists,english,video;phone,mon;tue;wed;thu;fri,2023-01-01,,3,1,5,
        T2,generalists,english,video,mon;tuesday,2023-01-01,,0,0,5,
        T3,generalists,english,video,mon,2024-01-01,2023-06-01,0,0,,
        T4,generalists,english,video,mon,2024-01-01,,0,0,,T9
        """
        let reading = try read(referrals: referrals, therapists: therapists)
        #expect(reading.problems.map(\.description) == [
            "therapists.csv:3: error: working_days: unknown value 'tuesday'; expected one of mon, tue, wed, thu, fri, sat, sun; did you mean 'tue'?",
            "therapists.csv:4: error: the end date (2023-06-01) is before the start date (2024-01-01)",
            "therapists.csv:5: error: replaces 'T9', who is not in therapists.csv",
            "referrals.csv:3: error: the first-appointment date (2024-01-02) is before the referral date (2024-01-05)",
            "referrals.csv:3: error: the first-appointment date (2024-01-02) is before the matched date (2024-01-05)",
            "referrals.csv:4: error: referral_date: expected a date as YYYY-MM-DD, such as 2024-03-31, found '2024-13-01'",
            "referrals.csv:5: error: severity: unknown category 'severeish'; expected mild, moderate or severe",
            "referrals.csv:6: error: end_reason: unknown category 'walked_off'; expected completed, dropped_out, abandoned or still_open",
            "referrals.csv:7: error: attended_sessions: expected a whole number from 0 to 100000, found 'two'",
            "referrals.csv:8: error: the id 'R1' appears on an earlier row",
            "referrals.csv:10: error: end_reason is completed but the end date is empty",
            "referrals.csv:10: error: sessions are recorded but the first-appointment date is empty",
        ])
        #expect(reading.summary == "referrals.csv: 2 rows used, 7 refused; therapists.csv: 1 used, 3 refused")
        // A quoted field may hold the separator.
        #expect(reading.extract.referrals.map(\.concern) == ["anxiety", "anxiety, with panic"])
    }

    @Test func missingColumnsStopTheFitWithEveryColumnNamed() throws {
        do {
            _ = try read(referrals: "id,referal_date,concern\nR1,2024-01-01,anxiety\n", therapists: "id,group\n")
            Issue.record("expected an error")
        } catch let error as ExtractError {
            let lines = error.description.split(separator: "\n").map(String.init)
            #expect(lines.contains("referrals.csv:1: error: missing column 'referral_date'; found 'referal_date', did you mean 'referral_date'?"))
            #expect(lines.contains("referrals.csv:1: error: missing column 'end_reason'"))
            #expect(lines.contains("therapists.csv:1: error: missing column 'sick_days'"))
        }
    }

    @Test func missingFolderIsOneClearError() {
        #expect(throws: ExtractError.self) { try ExtractReader.read(directory: "/nonexistent/extract") }
    }

    @Test func cliFitRefusesTooManyBadRowsAndFitsTheShippedExtract() throws {
        let folder = try Fixtures.temporaryFolder("fitcli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("fitted.yaml").path
        let report = folder.appendingPathComponent("fit.html").path
        let ok = try Fixtures.runCLI(["fit", "scenarios/data/synthetic-platform", "--output", out, "--report", report])
        #expect(ok.status == 0, "\(ok.err)")
        #expect(ok.err.contains("referrals.csv: "))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("Q–Q: sessions needed"))
        let validate = try Fixtures.runCLI(["validate", out])
        #expect(validate.status == 0, "\(validate.err)")

        let bad = folder.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        try "\(Self.referralHeader)\nR1,2024-01-05,anxiety,mild,english,video,,2024-01-02,,,still_open,1,0\n"
            .write(to: bad.appendingPathComponent("referrals.csv"), atomically: true, encoding: .utf8)
        try "\(Self.therapistHeader)\nT1,g,english,video,mon,2023-01-01,,0,0,,\n"
            .write(to: bad.appendingPathComponent("therapists.csv"), atomically: true, encoding: .utf8)
        let refused = try Fixtures.runCLI(["fit", bad.path])
        #expect(refused.status == 2)
        #expect(refused.err.contains("referrals.csv:2: error: the first-appointment date (2024-01-02) is before the referral date (2024-01-05); row refused"))
        #expect(refused.err.contains("more than --max-refused"))
    }

    /// The shipped extract (written by --export-events) matches schema/extract.schema.json, and
    /// a row breaking it does not.
    @Test func shippedExtractMatchesTheJSONSchema() throws {
        let script = """
        import csv, json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        def check(name, kind, rows):
            validator = jsonschema.Draft202012Validator({**schema, "$ref": "#/$defs/" + kind})
            bad = [i for i, row in enumerate(rows) if not validator.is_valid(row)]
            print(name, len(rows), "rows", len(bad), "invalid")
        folder = sys.argv[2]
        check("referrals", "referral", list(csv.DictReader(open(folder + "/referrals.csv"))))
        check("therapists", "therapist", list(csv.DictReader(open(folder + "/therapists.csv"))))
        check("broken", "referral", [{"id": "R1", "referral_date": "5 Jan 2024"}])
        """
        let result = try SchemaTests.run(["-c", script, Fixtures.path("schema/extract.schema.json"), Fixtures.path("scenarios/data/synthetic-platform")])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let referrals = lines.first { $0.hasPrefix("referrals ") } ?? "", therapists = lines.first { $0.hasPrefix("therapists ") } ?? ""
        #expect(referrals.hasSuffix(" rows 0 invalid") && Int(referrals.split(separator: " ")[1]) ?? 0 > 10_000, "\(result.output)")
        #expect(therapists.hasSuffix(" rows 0 invalid") && Int(therapists.split(separator: " ")[1]) ?? 0 > 50, "\(result.output)")
        #expect(result.output.contains("broken 1 rows 1 invalid"), "\(result.output)")
    }
}
