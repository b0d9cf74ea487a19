import RapportExperiment

/// Tidy CSV: one row per observation, ready for pandas, R or a spreadsheet.
public enum CSVReport {
    /// One row per (scenario, variant, replication, metric, value).
    public static func metrics(_ result: RunResult) -> String {
        var out = "scenario,variant,replication,metric,value\n"
        for variant in result.variants {
            for metric in variant.metricNames {
                for (i, v) in (variant.metrics[metric]?.values ?? []).enumerated() {
                    out += [field(result.scenario), field(variant.name), String(i + 1), metric, number(v)].joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }

    /// One row per (scenario, variant, week, series) with the mean and 95% band over replications;
    /// the scenario column lets several runs' files be stacked into one table.
    public static func timeseries(_ result: RunResult) -> String {
        var out = "scenario,variant,week,series,mean,low,high\n"
        for variant in result.variants {
            for name in variant.series.keys.sorted() {
                let s = variant.series[name]!
                for w in s.mean.indices {
                    out += [field(result.scenario), field(variant.name), String(w + 1), name, number(s.mean[w]), number(s.low[w]), number(s.high[w])]
                        .joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }

    /// A text cell: neutralised against spreadsheet formulas, then RFC 4180 quoted when needed.
    ///
    /// A cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab or carriage return first) gets
    /// a leading `'`, as OWASP advises. Quoting looks at Unicode scalars, not Characters: Swift
    /// reads `"\r\n"` as one Character, which a check for `"\n"` would miss.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Empty for undefined values, which both pandas and R read as missing.
    static func number(_ v: Double) -> String { v.isFinite ? JSONValue.format(v) : "" }
}

import Foundation
