import ArgumentParser
import Foundation
import RapportExperiment
import RapportModel
import RapportReport

/// `rapport metrics`: the glossary of every metric a run reports, from the metric registry.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print the metric glossary: name, definition, what it is counted over, unit, and which way is better.",
        discussion: "Example: rapport metrics; rapport metrics --format json > metrics.json; rapport metrics burnout_risk_share")

    enum Format: String, ArgumentChoice { case text, markdown, json }

    @Argument(help: "Only these metrics (default: all).")
    var names: [String] = []

    @Option(help: "text, markdown or json.")
    var format: Format = .text

    func validate() throws {
        for name in names { try MetricOption.check(name, flag: "rapport metrics") }
    }

    func run() throws {
        let chosen = names.isEmpty ? MetricRegistry.all : names.compactMap(MetricRegistry.definition)
        try Output.print(Self.render(chosen, as: format))
    }

    static func better(_ m: MetricDefinition) -> String {
        switch m.better {
        case .higher: "higher is better"
        case .lower: "lower is better"
        case .neither: "neither higher nor lower is better"
        }
    }

    static func render(_ metrics: [MetricDefinition], as format: Format) -> String {
        switch format {
        case .json:
            return JSONValue.array(metrics.map { m in
                .object([("name", .string(m.name)), ("area", .string(m.area.rawValue)), ("definition", .string(m.definition)),
                         ("over", .string(m.over)), ("unit", .string(m.unit.rawValue)), ("better", .string(m.better.rawValue)),
                         ("needs_wellbeing", .bool(m.needsWellbeing))])
            }).rendered()
        case .markdown:
            return MetricGlossary.markdown(metrics)
        case .text:
            var out = ""
            for area in MetricDefinition.Area.allCases {
                let group = metrics.filter { $0.area == area }
                guard !group.isEmpty else { continue }
                out += "\(area.rawValue)\n"
                for m in group {
                    out += "  \(m.name)  (\(m.unit.rawValue); \(better(m))\(m.needsWellbeing ? "; wellbeing model on" : ""))\n"
                    out += "      \(m.definition)\n      Counted over \(m.over).\n"
                }
            }
            return out
        }
    }
}
