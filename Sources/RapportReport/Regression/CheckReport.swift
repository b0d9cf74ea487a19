import Foundation
import RapportExperiment

/// How `rapport check` reports drift: a terminal table, JUnit XML for CI systems, and Markdown
/// for a pull-request comment.
public enum CheckReport {
    /// The drifted metrics as a table, or a one-line all-clear.
    public static func table(_ findings: [DriftCheck.Finding]) -> String {
        let drifted = findings.filter(\.drifted)
        let scenarios = Set(findings.map(\.scenario)).count
        guard !drifted.isEmpty else {
            return "ok: \(findings.count) metrics in \(scenarios) scenario\(scenarios == 1 ? "" : "s") match their baselines\n"
        }
        var rows: [[String]] = [["scenario", "variant", "metric", "baseline", "now", "change", "verdict"]]
        for f in drifted {
            rows.append([f.scenario, f.variant, f.metric, MetricFormatting.value(f.baseline, metric: f.metric),
                         MetricFormatting.value(f.now, metric: f.metric), change(f), "DRIFT: \(f.test)"])
        }
        return PlainTable.render(rows) + "\(drifted.count) of \(findings.count) metrics drifted\n"
    }

    static func change(_ f: DriftCheck.Finding) -> String {
        guard let r = f.relativeChange else { return MetricFormatting.difference(f.now - f.baseline, metric: f.metric) }
        return String(format: "%+.1f%%", r * 100)
    }

    /// JUnit XML: one test suite per scenario, one test case per (variant, metric).
    public static func junit(_ findings: [DriftCheck.Finding]) -> String {
        let scenarios = findings.map(\.scenario).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let failures = findings.filter(\.drifted).count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"rapport check\" tests=\"\(findings.count)\" failures=\"\(failures)\">\n"
        for scenario in scenarios {
            let cases = findings.filter { $0.scenario == scenario }
            out += "  <testsuite name=\"\(xml(scenario))\" tests=\"\(cases.count)\" failures=\"\(cases.filter(\.drifted).count)\">\n"
            for f in cases {
                out += "    <testcase classname=\"\(xml(scenario)).\(xml(f.variant))\" name=\"\(xml(f.metric))\""
                if f.drifted {
                    out += ">\n      <failure message=\"\(xml("\(f.metric) drifted: baseline \(MetricFormatting.value(f.baseline, metric: f.metric)), now \(MetricFormatting.value(f.now, metric: f.metric)) (\(change(f))); \(f.test)"))\"/>\n    </testcase>\n"
                } else {
                    out += "/>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// A Markdown summary for a pull-request comment.
    public static func markdown(_ findings: [DriftCheck.Finding]) -> String {
        let drifted = findings.filter(\.drifted)
        var out = "## Rapport model check\n\n"
        if drifted.isEmpty {
            return out + "All \(findings.count) metrics match their baselines.\n"
        }
        out += "\(drifted.count) of \(findings.count) metrics drifted beyond noise.\n\n"
        out += "| scenario | variant | metric | baseline | now | change | test |\n|---|---|---|---:|---:|---:|---|\n"
        for f in drifted {
            out += "| \(f.scenario) | \(f.variant) | \(f.metric) | \(MetricFormatting.value(f.baseline, metric: f.metric)) | "
            out += "\(MetricFormatting.value(f.now, metric: f.metric)) | \(change(f)) | \(f.test) |\n"
        }
        return out
    }

    static func xml(_ text: String) -> String { SVGWriter.escape(text) }
}
