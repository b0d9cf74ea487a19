import ArgumentParser
import Foundation
import RapportExperiment
import RapportReport

/// `rapport report RESULTS.json`: render a saved result again, without re-running it.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a saved JSON result in another format without re-running it.",
        discussion: "Example: rapport report reports/baseline.json --format html --output reports/baseline.html")

    @Argument(help: "A result written by `rapport run --format json`.")
    var results: String

    // OutputOptions' options, declared here rather than as an option group, as `run` does and for
    // the same reason (Options.swift): same names, help and check, in the same order.
    @Option(name: .customLong("format"), help: OutputOptions.formatHelp) var format: ReportFormat = .text
    @Option(name: .shortAndLong, help: OutputOptions.outputHelp) var output: String?
    @Option(name: .customLong("table"), help: OutputOptions.tableHelp) var table: CSVTable?

    func validate() throws { try OutputOptions.check(format: format, table: table) }

    func run() throws {
        switch try ResultFile.read(results) {
        case .run(let result):
            try ReportWriter.write(result, format: format, to: output, table: table)
        case let document:
            if table != nil {
                Terminal.error("error: --table picks one table of a run's CSV; \(results) is not a run")
                throw ExitCode(2)
            }
            try ReportWriter.write(document.render(as: format), to: output)
        }
    }
}

/// Reading result files, with clear errors.
enum ResultFile {
    /// Any result `rapport report` renders (run, sweep, plan), by the kind the file declares or has the shape of.
    static func read(_ path: String) throws -> ResultDocument {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            Terminal.error("error: cannot read \(path)")
            throw ExitCode(2)
        }
        do {
            return try ResultDocument(json: JSONValue.parse(text))
        } catch {
            Terminal.error("\(path): error: not a result Rapport can render: \(error)")
            throw ExitCode(2)
        }
    }
}
