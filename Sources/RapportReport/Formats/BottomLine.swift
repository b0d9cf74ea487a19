import RapportExperiment
import RapportModel

/// The ten-second read that opens a report: for clients, for therapists and for the platform,
/// which variant is best on that audience's measures, by how much against the reference, and
/// whether that is beyond noise; then overall, which variant helps someone and costs no one.
///
/// Everything is derived from the scorecard's verdicts (a paired 95% interval against the
/// reference that excludes zero, read in the registry's better direction) and from the
/// per-replication values. A variant is only named best when it is better on at least one
/// measure and worse on none; where no variant is, the line says so instead of inventing a
/// winner. Variants whose paired difference from the winner is inside noise are named as level.
///
/// Each verdict is a 95% interval on its own, and a scorecard holds dozens of them (every variant
/// against the reference on every measure): by chance alone about one in twenty of the
/// differences the model does not make would look beyond noise. So each line naming a winner
/// also says how many of its gains survive Holm's correction across every comparison in the
/// scorecard, and when none does, that the lead needs more replications before anyone acts on it.
/// The verdicts themselves stay uncorrected: a correction would hide real harms as readily as
/// chance gains.
public struct BottomLine: Sendable {
    public struct Line: Sendable, Equatable {
        /// "For clients", "For therapists", "For the platform" or "Overall".
        public var audience: String
        /// The variant named best; nil when there is no clear winner.
        public var best: String?
        /// Variants not distinguishable from the best on the measure that ranks them.
        public var level: [String]
        /// The choice in a few words: the best variant's name, or "No clear winner".
        public var choice: String
        /// What the choice rests on, with the numbers: "median wait 1.29 days against 16.61 (−15.29 days); better on 4 of 7 measures, worse on none".
        public var evidence: String
        /// How sure: "beyond noise; level with fixed-quota-6" or why nothing is.
        public var sureness: String
    }

    public var reference: String
    public var lines: [Line]
    /// Warnings the reader must weigh before trusting the lines (overload, few replications).
    public var warningCount: Int

    public init(_ result: RunResult) {
        let card = Scorecard(result)
        reference = card.reference
        warningCount = ReportWarnings.all(result).count
        guard result.variants.count > 1, !card.sections.isEmpty else { lines = []; return }
        let others = result.variants.dropFirst().map(\.name)
        let corrected = Correction(card, result)
        lines = card.sections.map { Self.audience($0, others: others, result: result, reference: card.reference, corrected: corrected) }
        lines.append(Self.overall(card, sectionLines: lines, others: others, corrected: corrected))
    }

    /// Which of the scorecard's differences against the reference survive Holm's correction
    /// across all of them (family-wise 5%).
    struct Correction {
        /// The comparisons in the family: every variant's paired test on every scorecard measure.
        let comparisons: Int
        private let surviving: Set<[String]>

        init(_ card: Scorecard, _ result: RunResult) {
            var tests: [(key: [String], p: Double)] = []
            for line in card.sections.flatMap(\.lines) {
                for cell in line.cells.dropFirst() {
                    guard let p = result.comparisons.first(where: { $0.variant == cell.variant && $0.metric == line.metric })?.pValue,
                          !p.isNaN else { continue }
                    tests.append(([cell.variant, line.metric], p))
                }
            }
            comparisons = tests.count
            let rejected = HolmCorrection.rejected(tests.map(\.p), alpha: 0.05)
            surviving = Set(tests.indices.filter { rejected[$0] }.map { tests[$0].key })
        }

        func survives(_ variant: String, _ metric: String) -> Bool { surviving.contains([variant, metric]) }

        /// "; 2 of its 4 gains survive Holm's correction for the 84 comparisons in the scorecard",
        /// or why none does.
        func qualifier(_ variant: String, gains: [String]) -> String {
            let kept = gains.filter { survives(variant, $0) }.count
            let family = "Holm's correction for the \(comparisons) comparisons in the scorecard"
            if kept == 0 {
                return "; but \(gains.count == 1 ? "its gain does not" : "none of its \(gains.count) gains") survive\(gains.count == 1 ? "" : "s") \(family): confirm with more replications before acting on it"
            }
            if gains.count == 1 { return "; its gain survives \(family)" }
            if kept == gains.count { return "; \(gains.count == 2 ? "both its gains" : "all \(gains.count) of its gains") survive \(family)" }
            return "; \(kept) of its \(gains.count) gains survive \(family)"
        }
    }

    // MARK: - Deriving the lines

    /// Better and worse measures of one variant in one scorecard section.
    private static func moves(_ variant: String, in section: Scorecard.Section) -> (better: [Scorecard.Line], worse: [Scorecard.Line]) {
        var better: [Scorecard.Line] = [], worse: [Scorecard.Line] = []
        for line in section.lines {
            switch line.cells.first(where: { $0.variant == variant })?.verdict {
            case .better?: better.append(line)
            case .worse?: worse.append(line)
            default: break
            }
        }
        return (better, worse)
    }

    private static func audience(_ section: Scorecard.Section, others: [String], result: RunResult, reference: String, corrected: Correction) -> Line {
        let moved = others.map { (name: $0, moves: moves($0, in: section)) }
        let candidates = moved.filter { !$0.moves.better.isEmpty && $0.moves.worse.isEmpty }.map(\.name)
        let worse = moved.filter { !$0.moves.worse.isEmpty }
        guard !candidates.isEmpty else {
            let measures = section.lines.map(\.words)
            if worse.isEmpty, moved.allSatisfy({ $0.moves.better.isEmpty }) {
                return Line(audience: section.title, best: nil, level: [], choice: "No difference",
                            evidence: "every variant is level with \(reference) on \(list(measures))",
                            sureness: "no difference beyond noise")
            }
            if moved.allSatisfy({ $0.moves.better.isEmpty }) {
                let costs = worse.map { "\($0.name) (\(change($0.moves.worse[0], $0.name)))" }
                let rest = others.count - worse.count
                return Line(audience: section.title, best: nil, level: [], choice: "Nothing beats \(reference)",
                            evidence: list(costs) + (costs.count == 1 ? " is" : " are") + " worse" + (rest == 1 ? "; the other is level with it" : rest > 1 ? "; the other \(rest) are level with it" : ""),
                            sureness: "no variant is better beyond noise")
            }
            let trades = moved.filter { !$0.moves.better.isEmpty }.prefix(2).map {
                "\($0.name): \(change($0.moves.better[0], $0.name)) but \(change($0.moves.worse[0], $0.name))"
            }
            return Line(audience: section.title, best: nil, level: [], choice: "No clear winner",
                        evidence: "each gain costs something here: " + trades.joined(separator: "; "),
                        sureness: "trade-offs, not a winner")
        }
        // Rank on the first measure (the scorecard puts each audience's headline first) on which a candidate is better.
        let measure = section.lines.first { line in candidates.contains { moves($0, in: section).better.contains { $0.metric == line.metric } } }!
        let ranked = candidates.sorted { gain(measure.metric, $0, result) > gain(measure.metric, $1, result) }
        let best = ranked[0]
        let level = ranked.dropFirst().filter { !beyondNoise(measure.metric, best, $0, result) }
        let (better, _) = moves(best, in: section)
        var evidence = "\(measure.words) \(value(measure.metric, best, result)) against \(value(measure.metric, reference, result)) (\(measure.cells.first { $0.variant == best }?.change ?? "–"))"
        evidence += "; better on \(better.count) of \(section.lines.count) measures, worse on none"
        var sureness = "beyond noise against \(reference)"
        if !level.isEmpty {
            sureness += "; \(list(level)) \(level.count == 1 ? "is" : "are") level with it within noise"
        } else if ranked.count > 1 {
            sureness += "; ahead of \(list(Array(ranked.dropFirst()))) beyond noise"
        }
        sureness += corrected.qualifier(best, gains: better.map(\.metric))
        return Line(audience: section.title, best: best, level: level, choice: best, evidence: evidence, sureness: sureness)
    }

    /// The variant better for some audience and worse for none, helping the most audiences.
    private static func overall(_ card: Scorecard, sectionLines: [Line], others: [String], corrected: Correction) -> Line {
        let helps = others.map { name -> (name: String, helped: [String], hurt: [String], gains: [String]) in
            var helped: [String] = [], hurt: [String] = [], gains: [String] = []
            for section in card.sections {
                let m = moves(name, in: section)
                if !m.better.isEmpty { helped.append(audienceWords(section.title)) }
                hurt += m.worse.map(\.words)
                gains += m.better.map(\.metric)
            }
            return (name, helped, hurt, gains)
        }
        func leads(_ name: String) -> Int { sectionLines.filter { $0.best == name || $0.level.contains(name) }.count }
        let free = helps.filter { !$0.helped.isEmpty && $0.hurt.isEmpty }.sorted { a, b in
            leads(a.name) != leads(b.name) ? leads(a.name) > leads(b.name) : a.gains.count > b.gains.count
        }
        guard let best = free.first else {
            let winners = sectionLines.compactMap { $0.best }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let costs = winners.compactMap { name in
                helps.first { $0.name == name }.map { "\($0.name) is better for \(list($0.helped)) but worse on \(list($0.hurt))" }
            }
            return Line(audience: "Overall", best: nil, level: [], choice: "A trade-off",
                        evidence: costs.isEmpty ? "no variant is better than \(card.reference) for anyone without being worse for someone"
                                                : costs.joined(separator: "; "),
                        sureness: "no variant helps one audience without costing another")
        }
        let neutral = card.sections.map { audienceWords($0.title) }.filter { !best.helped.contains($0) }
        var evidence = "better for \(list(best.helped)), worse for no one"
        if !neutral.isEmpty { evidence += " (level for \(list(neutral)))" }
        let alsoFree = free.dropFirst().map(\.name)
        var sureness = "every difference named is beyond noise"
        if !alsoFree.isEmpty { sureness += "; \(list(alsoFree)) also cost\(alsoFree.count == 1 ? "s" : "") no one but help\(alsoFree.count == 1 ? "s" : "") less" }
        sureness += corrected.qualifier(best.name, gains: best.gains)
        return Line(audience: "Overall", best: best.name, level: [], choice: best.name, evidence: evidence, sureness: sureness)
    }

    /// "For the platform" → "the platform".
    private static func audienceWords(_ title: String) -> String {
        title.hasPrefix("For ") ? String(title.dropFirst(4)) : title
    }

    /// The change in the better direction (positive is an improvement), for ranking.
    private static func gain(_ metric: String, _ variant: String, _ result: RunResult) -> Double {
        guard let mean = result.variants.first(where: { $0.name == variant })?.metrics[metric]?.mean, mean.isFinite else { return -.infinity }
        return MetricRegistry.definition(metric)?.better == .lower ? -mean : mean
    }

    /// Whether two variants differ on a metric beyond noise, paired by replication (every variant's
    /// replication i shares its random streams).
    static func beyondNoise(_ metric: String, _ a: String, _ b: String, _ result: RunResult) -> Bool {
        guard let x = result.variants.first(where: { $0.name == a })?.metrics[metric]?.values,
              let y = result.variants.first(where: { $0.name == b })?.metrics[metric]?.values else { return false }
        return PairedDifference(metric: metric, variant: a, reference: b, values: x, referenceValues: y).isDistinguishable
    }

    private static func value(_ metric: String, _ variant: String, _ result: RunResult) -> String {
        MetricFormatting.value(result.variants.first { $0.name == variant }?.metrics[metric]?.mean, metric: metric) + Scorecard.unit(metric)
    }

    /// "median wait −15.29 days".
    private static func change(_ line: Scorecard.Line, _ variant: String) -> String {
        "\(line.words) \(line.cells.first { $0.variant == variant }?.change ?? "–")"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    // MARK: - Rendering

    /// The lines as plain text, one paragraph per audience.
    public var text: String {
        guard !lines.isEmpty else { return "" }
        var out = "The bottom line (against \(reference); beyond noise = the paired 95% interval excludes zero)\n"
        let width = lines.map(\.audience.count).max() ?? 0
        for line in lines {
            out += "  \(line.audience.padding(toLength: width, withPad: " ", startingAt: 0))  \(line.choice): \(line.evidence). Sure? \(line.sureness.capitalizedFirst).\n"
        }
        if warningCount > 0 { out += "  Read with care: \(warningCount) warning\(warningCount == 1 ? "" : "s") below.\n" }
        return out
    }

    /// The lines as a Markdown table.
    public var markdown: String {
        guard !lines.isEmpty else { return "" }
        let e = MarkdownReport.escape
        var out = "## The bottom line\n\nAgainst **\(e(reference))**; beyond noise means the paired 95% interval excludes zero.\n\n"
        out += "| | best choice | against \(e(reference)) | how sure |\n|---|---|---|---|\n"
        for line in lines {
            out += "| **\(e(line.audience))** | \(line.best == nil ? e(line.choice) : "**\(e(line.choice))**") | \(e(line.evidence)) | \(e(line.sureness.capitalizedFirst)) |\n"
        }
        if warningCount > 0 { out += "\nRead with care: \(warningCount) warning\(warningCount == 1 ? "" : "s") below.\n" }
        return out + "\n"
    }

    /// The lines as an HTML block: the first thing on the page.
    public var html: String {
        guard !lines.isEmpty else { return "" }
        let e = HTMLReport.escape
        var out = "<section class=\"bottom-line\" aria-label=\"The bottom line\"><h2>The bottom line</h2>\n"
        out += "<p class=\"meta\">Against <strong>\(e(reference))</strong>. Beyond noise: the paired 95% interval excludes zero. A variant is named only if it is better on some measure and worse on none.</p>\n"
        out += "<dl>\n"
        for line in lines {
            let cls = line.best == nil ? "unclear" : "clear"
            out += "<div class=\"verdict \(cls)\"><dt>\(e(line.audience))</dt><dd><strong>\(e(line.choice))</strong> "
            out += "<span class=\"evidence\">\(e(line.evidence))</span> <span class=\"sure\">\(e(line.sureness.capitalizedFirst))</span></dd></div>\n"
        }
        out += "</dl>\n"
        if warningCount > 0 {
            out += "<p class=\"caution\">Read with care: <a href=\"#warnings\">\(warningCount) warning\(warningCount == 1 ? "" : "s")</a> below.</p>\n"
        }
        return out + "</section>\n"
    }
}
