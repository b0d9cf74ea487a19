import RapportExperiment
import RapportModel

/// The first thing a report shows: for clients, for therapists and for the platform, each
/// variant's value with its interval, and against the reference an arrow only where the
/// difference is beyond noise (its paired 95% interval excludes zero), coloured by whether that
/// is better or worse.
public struct Scorecard: Sendable {
    /// Whether a change is good news, bad news, neither, or not distinguishable from noise.
    public enum Verdict: String, Sendable {
        case reference, better, worse, changed, noise
    }

    public struct Cell: Sendable {
        public var variant: String
        /// "15.8 [14.8, 16.8]".
        public var value: String
        /// "15.8 days", the mean alone.
        public var mean: String
        /// "14.8–16.8", the 95% interval alone; nil without one.
        public var interval: String?
        /// The difference from the reference in the metric's unit ("−14.6 days", "+6.0 pp"); nil
        /// for the reference.
        public var change: String?
        public var verdict: Verdict

        /// ▲ or ▼ for a change beyond noise, nothing otherwise.
        public var arrow: String {
            guard verdict != .noise, verdict != .reference, let change else { return "" }
            return change.hasPrefix("−") ? "▼" : "▲"
        }
    }

    public struct Line: Sendable {
        public var metric: String
        /// The metric in words ("median wait").
        public var words: String
        /// Its registry definition, for hover text.
        public var definition: String
        public var cells: [Cell]
    }

    public struct Section: Sendable {
        public var title: String
        public var lines: [Line]
    }

    /// What each audience asks first, in order; a metric a run did not report is left out.
    static let layout: [(title: String, metrics: [(String, String)])] = [
        ("For clients", [("wait_days_p50", "median wait"), ("seen_within_6_weeks_share", "seen within 6 weeks"),
                         ("abandoned_share", "gave up waiting"), ("dropout_share", "dropped out"),
                         ("completed_share", "completed treatment"), ("reliable_recovery_rate", "reliably recovered"),
                         ("reliable_deterioration_rate", "reliably deteriorated")]),
        ("For therapists", [("burnout_risk_share", "burnout risk"), ("sick_days_per_fte_year", "sick days per FTE-year"),
                            ("quits_per_fte_year", "quits per FTE-year")]),
        ("For the platform", [("sessions_delivered", "sessions delivered"), ("completed_per_fte_year", "completed treatments per FTE-year")]),
    ]

    public var sections: [Section]
    public var reference: String

    public init(_ result: RunResult) {
        reference = result.reference?.name ?? ""
        sections = Self.layout.compactMap { title, metrics in
            let lines = metrics.compactMap { metric, words -> Line? in
                guard result.variants.contains(where: { $0.metrics[metric]?.mean.isFinite == true }) else { return nil }
                let cells = result.variants.enumerated().map { i, v -> Cell in
                    let s = v.metrics[metric]
                    let value = MetricFormatting.summary(s, metric: metric) + Self.unit(metric)
                    let mean = MetricFormatting.value(s?.mean, metric: metric) + Self.unit(metric)
                    let interval = s.flatMap { s in s.ciLow.flatMap { low in s.ciHigh.map { high in
                        "\(MetricFormatting.value(low, metric: metric))–\(MetricFormatting.value(high, metric: metric))" } } }
                    guard i > 0, let d = result.comparisons.first(where: { $0.variant == v.name && $0.metric == metric }) else {
                        return Cell(variant: v.name, value: value, mean: mean, interval: interval, change: nil, verdict: i == 0 ? .reference : .noise)
                    }
                    let change = MetricFormatting.difference(d.mean, metric: metric) + Self.unit(metric)
                    return Cell(variant: v.name, value: value, mean: mean, interval: interval, change: change, verdict: Self.verdict(d, metric: metric))
                }
                return Line(metric: metric, words: words, definition: MetricText.tooltip(metric), cells: cells)
            }
            return lines.isEmpty ? nil : Section(title: title, lines: lines)
        }
    }

    static func verdict(_ d: PairedDifference, metric: String) -> Verdict {
        guard d.isDistinguishable else { return .noise }
        switch MetricRegistry.definition(metric)?.better {
        case .higher?: return d.mean > 0 ? .better : .worse
        case .lower?: return d.mean < 0 ? .better : .worse
        default: return .changed
        }
    }

    /// " days" for waits, so a number never stands without its unit.
    static func unit(_ metric: String) -> String {
        MetricRegistry.definition(metric)?.unit == .days ? " days" : ""
    }

    /// One sentence per non-reference variant, naming only what moved beyond noise:
    /// "fixed-quota-6 against individual-thresholds: median wait −14.6 days (better); burnout risk +6.0 pp (worse)."
    public var sentences: [String] {
        guard let variants = sections.first?.lines.first?.cells.dropFirst().map(\.variant), !variants.isEmpty else { return [] }
        return variants.map { variant in
            let moves = sections.flatMap(\.lines).compactMap { line -> String? in
                guard let cell = line.cells.first(where: { $0.variant == variant }), cell.verdict != .noise, let change = cell.change else { return nil }
                let judgement = cell.verdict == .changed ? "" : " (\(cell.verdict.rawValue))"
                return "\(line.words) \(change)\(judgement)"
            }
            let said = moves.isEmpty ? "no difference beyond noise in the scorecard" : moves.joined(separator: "; ")
            return "\(variant) against \(reference): \(said)."
        }
    }

    /// The scorecard as plain text, for the terminal and the text format.
    public var text: String {
        guard !sections.isEmpty else { return "" }
        var out = "Scorecard (95% intervals; ▲▼ only where the difference from \(reference) is beyond noise)\n"
        let variants = sections[0].lines[0].cells.map(\.variant)
        var rows: [[String]] = [[""] + variants]
        for section in sections {
            rows.append([section.title.uppercased()] + variants.map { _ in "" })
            for line in section.lines {
                rows.append(["  " + line.words] + line.cells.map { cell in
                    cell.arrow.isEmpty ? cell.value : "\(cell.value) \(cell.arrow) \(cell.change ?? "") \(cell.verdict == .changed ? "" : cell.verdict.rawValue)"
                        .trimmingCharacters(in: .whitespaces)
                })
            }
        }
        out += PlainTable.render(rows)
        for sentence in sentences { out += sentence + "\n" }
        return out
    }

    /// The scorecard as a Markdown table.
    public var markdown: String {
        guard !sections.isEmpty else { return "" }
        let variants = sections[0].lines[0].cells.map(\.variant)
        var out = "## Scorecard\n\n95% intervals. ▲/▼ mark differences from **\(MarkdownReport.escape(reference))** beyond noise, with whether they are better or worse.\n\n"
        out += "| | " + variants.map(MarkdownReport.escape).joined(separator: " | ") + " |\n|---|" + variants.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for section in sections {
            out += "| **\(section.title)** |" + variants.map { _ in " " }.joined(separator: "|") + "|\n"
            for line in section.lines {
                out += "| \(line.words) | " + line.cells.map { cell in
                    cell.arrow.isEmpty ? cell.value : "\(cell.value) **\(cell.arrow) \(cell.change ?? "")**\(cell.verdict == .changed ? "" : " \(cell.verdict.rawValue)")"
                }.joined(separator: " | ") + " |\n"
            }
        }
        return out + "\n" + sentences.map { "- \(MarkdownReport.escape($0))\n" }.joined() + "\n"
    }

    /// The scorecard as an HTML section, compact enough for eight variants at 1280 px: each cell
    /// stacks the mean, its interval in small type and the change beyond noise, and a variant's
    /// name may break after a hyphen. Hover a measure for its definition, a cell for its interval.
    public var html: String {
        guard !sections.isEmpty else { return "" }
        let escape = HTMLReport.escape
        let variants = sections[0].lines[0].cells.map(\.variant)
        var out = "<section class=\"scorecard\"><h2>Scorecard</h2>\n"
        out += "<p class=\"meta\">Means, with 95% intervals in small type. An arrow marks a difference from <strong>\(escape(reference))</strong> beyond noise: "
        out += "<span class=\"better\">green is better</span>, <span class=\"worse\">red is worse</span>. Hover a measure for its definition.</p>\n"
        out += "<div class=\"scroll\"><table><thead><tr><th></th>"
        out += variants.map { name in
            let breakable = escape(name).replacingOccurrences(of: "-", with: "-<wbr>")
            return "<th title=\"\(escape(name))\">\(breakable)\(name == reference ? "<br><small>reference</small>" : "")</th>"
        }.joined() + "</tr></thead><tbody>\n"
        for section in sections {
            out += "<tr class=\"area\"><th colspan=\"\(variants.count + 1)\">\(escape(section.title))</th></tr>\n"
            for line in section.lines {
                out += "<tr><td title=\"\(escape(line.definition))\">\(escape(line.words))</td>"
                for cell in line.cells {
                    out += "<td title=\"\(escape(cell.variant)): \(escape(cell.value))\">\(escape(cell.mean))"
                    if let interval = cell.interval { out += "<br><small>\(escape(interval))</small>" }
                    if !cell.arrow.isEmpty {
                        out += "<br><span class=\"\(cell.verdict.rawValue)\">\(cell.arrow) \(escape(cell.change ?? ""))</span>"
                    }
                    out += "</td>"
                }
                out += "</tr>\n"
            }
        }
        return out + "</tbody></table></div>\n</section>\n"
    }
}
