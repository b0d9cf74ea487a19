import Testing
import Foundation
import RapportExperiment
import RapportReport

@Suite("Reports: Markdown, CSV, HTML and JSON")
struct ReportTests {
    /// A small hand-made result, so the golden files depend only on the report code.
    static let sample: RunResult = {
        func s(_ values: [Double]) -> Summary { Summary(values: values) }
        let a = VariantResult(
            name: "individual-thresholds",
            metrics: ["wait_days_p50": s([15.2, 16.1, 14.8]), "burnout_risk_share": s([0, 0, 0]),
                      "dropout_share": s([0.16, 0.17, 0.15]), "sessions_delivered": s([80100, 80700, 79900])],
            series: ["exhaustion_mean": SeriesSummary(mean: [0, 0.5], low: [0, 0.2], high: [0, 0.8])],
            distributions: ["match_quality": DistributionSummary(edges: [0, 0.5, 1], values: [0.25, 0.75])],
            warnings: [], events: 1000)
        let b = VariantResult(
            name: "fixed-quota, 7/day",
            metrics: ["wait_days_p50": s([1.2, 1.3, 1.25]), "burnout_risk_share": s([0.17, 0.19, 0.18]),
                      "dropout_share": s([0.20, 0.21, 0.19]), "sessions_delivered": s([95800, 96300, 95900])],
            series: ["exhaustion_mean": SeriesSummary(mean: [3, 6.5], low: [2, 5], high: [4, 8])],
            distributions: ["match_quality": DistributionSummary(edges: [0, 0.5, 1], values: [0.2, 0.8])],
            warnings: ["the waitlist was still growing"], events: 1200)
        return RunResult(scenario: "Quota \"test\"", file: "scenarios/sample.yaml", seed: 7, replications: 3,
                         warmupNote: "fixed warm-up of 13w: results before it are discarded", variants: [a, b],
                         comparisons: ResultSummariser.compare([a, b]),
                         assumptions: [Assumption(variant: "individual-thresholds", parameter: "quota", value: "individual-thresholds"),
                                       Assumption(variant: "fixed-quota, 7/day", parameter: "quota", value: "fixed-quota (7 sessions/day)")])
    }()

    static func golden(_ name: String, _ text: String) throws {
        let url = Fixtures.root.appendingPathComponent("Tests/RapportTests/Golden/reports/\(name)")
        if ProcessInfo.processInfo.environment["RAPPORT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file; rerun with RAPPORT_UPDATE_GOLDEN=1 if the change is intended")
    }

    @Test("Markdown matches its golden file")
    func markdown() throws { try Self.golden("sample.md", MarkdownReport.render(Self.sample)) }

    @Test("Tidy CSVs match their golden files")
    func csv() throws {
        try Self.golden("sample.csv", CSVReport.metrics(Self.sample))
        try Self.golden("sample-timeseries.csv", CSVReport.timeseries(Self.sample))
    }

    @Test("Every CSV reads back with Python's csv module, one row per observation")
    func csvParses() throws {
        let folder = try Fixtures.temporaryFolder("rapport-csv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let metrics = folder.appendingPathComponent("m.csv"), series = folder.appendingPathComponent("s.csv")
        try CSVReport.metrics(Self.sample).write(to: metrics, atomically: true, encoding: .utf8)
        try CSVReport.timeseries(Self.sample).write(to: series, atomically: true, encoding: .utf8)
        let script = """
        import csv, sys
        rows = list(csv.DictReader(open(sys.argv[1], newline='')))
        assert list(rows[0].keys()) == ['scenario', 'variant', 'replication', 'metric', 'value'], rows[0].keys()
        assert len(rows) == 24, len(rows)
        assert rows[-1]['variant'] == 'fixed-quota, 7/day' and rows[0]['scenario'] == 'Quota "test"'
        float(rows[0]['value'])
        ts = list(csv.DictReader(open(sys.argv[2], newline='')))
        assert list(ts[0].keys()) == ['scenario', 'variant', 'week', 'series', 'mean', 'low', 'high']
        assert ts[0]['scenario'] == 'Quota "test"', ts[0]
        assert len(ts) == 4
        print('ok')
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, metrics.path, series.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test("HTML is one self-contained page with every chart inline")
    func html() {
        let page = HTMLReport.render(Self.sample)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        // The only URL is the SVG namespace, which is a name, never fetched.
        #expect(page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").range(of: "http") == nil)
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("src="))
        #expect(page.components(separatedBy: "<svg").count - 1 >= 4)
        #expect(page.contains("Quota &quot;test&quot;"))
        #expect(page.contains("fixed-quota, 7/day"))
        #expect(page.contains("raises burnout risk from 0.0% to 18.0%"))
    }

    @Test("JSON has the documented shape and round-trips exactly")
    func json() throws {
        let text = Self.sample.json().rendered()
        let parsed = try JSONValue.parse(text)
        #expect(parsed["schema_version"]?.double == 1)
        #expect(parsed["variants"]?.array?.first?["metrics"]?["wait_days_p50"]?["ci_low"]?.double != nil)
        #expect(parsed["variants"]?.array?.first?["metrics"]?["burnout_risk_share"]?["ci_low"]?.double == 0)
        #expect(try RunResult(json: parsed) == Self.sample)
        #expect(try RunResult(json: parsed).json().rendered() == text)
    }

    // The JSON writer works on bytes. The two functions below are the character-based formatter it
    // replaced, kept as the reference: every report, checkpoint and stored run must stay byte-identical.

    private static func referenceNumber(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    private static func referenceQuote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 { out.append(String(format: "\\u%04x", scalar.value)) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    @Test("JSON numbers are written as the reference formatter writes them and read back as the same double")
    func jsonNumbers() throws {
        var values: [Double] = [0, -0.0, 1, -1, 7, -12, 0.1, -0.1, 0.5, 2.5, 1.0 / 3, 1e-7, -1e-7, 1e-5, 1e21, -1e21, 1e16,
                                1e15, -1e15, 1e15 - 1, -(1e15 - 1), 999_999_999_999_999.5, 1e15 + 2, 123_456_789.125, 4_294_967_296,
                                .pi, -.pi, 5e-324, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                .nan, -.nan, .infinity, -.infinity, 62382, 0.18, 15.2, 80_100]
        // Many more from a fixed generator: raw bit patterns (every exponent) and whole numbers of every size.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Double(bitPattern: state))
            values.append(Double(Int64(bitPattern: state) >> (state % 63)))
            values.append(Double(state % 1_000_000) / 1000)
        }
        for v in values {
            let text = JSONValue.format(v)
            #expect(text == Self.referenceNumber(v), "\(v.bitPattern)")
            let back = try JSONValue.parse(text).double
            #expect(v.isFinite ? back == v : (back?.isNaN ?? false), "\(text) read back as \(String(describing: back))")
        }
        #expect(JSONValue.format(-0.0) == "0" && JSONValue.format(1e-7) == "1e-07" && JSONValue.format(1e21) == "1e+21")
        #expect(JSONValue.format(.nan) == "null" && JSONValue.format(-.infinity) == "null")
    }

    @Test("JSON strings are escaped as the reference formatter escapes them and read back unchanged")
    func jsonStrings() throws {
        var strings = ["", "plain", "Quota \"test\"", "back\\slash", "line\nbreak\r\n\ttab", "\u{0}\u{1}\u{8}\u{c}\u{1f}\u{7f}",
                       "é ü 中文 🙂 👩‍⚕️", "\u{2028}\u{2029}\u{85}", "a\u{301}", "\u{301}leading mark", " spaced ", "\u{3000}wide\u{a0}"]
        strings.append(String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self))
        strings.append(String(repeating: "long stretch without escapes, ", count: 200) + "\"")
        for s in strings {
            #expect(JSONValue.quote(s) == Self.referenceQuote(s), "\(s.debugDescription)")
            #expect(try JSONValue.parse(JSONValue.quote(s)).string == s, "\(s.debugDescription)")
        }
    }

    @Test("A checkpoint line is the indented JSON joined onto one line, as it was written before")
    func jsonOneLine() throws {
        let nested = JSONValue.object([
            ("empty_object", .object([])), ("empty_array", .array([])), ("scalars", .array([.number(1), .null, .bool(true), .string(" a , b ")])),
            ("objects", .array([.object([("x", .number(0.25))]), .array([.array([])]), .string("}")])),
            ("deep", .object([("deeper", .object([("deepest", .array([.object([]), .number(-3)]))]))])),
            ("text", .string(" ends with spaces  ")), ("nan", .finite(.nan)),
        ])
        for value in [nested, Self.sample.json(), .number(3), .string("x"), .array([]), .object([])] {
            let before = value.rendered().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") + "\n"
            #expect(Checkpoint.line(value) == before)
            #expect(try JSONValue.parse(Checkpoint.line(value)) == value)
        }
        #expect(Checkpoint.line(.object([("a", .number(1)), ("b", .array([.number(1), .number(2)]))])) == "{ \"a\": 1, \"b\": [1, 2] }\n")
    }
}
