import ArgumentParser
import Foundation
import RapportExperiment
import RapportReport

/// `rapport report RESULTS.json`: render a saved result again, without re-running it.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a saved JSON result in another format without re-running it.",
        discussion: "Example: rapport report reports/baseline.json --format html --output reports/baseline.html")

    @Argument(help: "A result written by `rapport run --format json`.")
    var results: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        if let json = ResultFile.json(results), UncertaintyResult.isUncertainty(json) {
            do {
                try UncertaintyOutput.write(try UncertaintyResult(json: json), format: output.format, to: output.output)
            } catch let error as ResultFileError {
                Terminal.error("\(results): error: \(error)")
                throw ExitCode(2)
            }
            return
        }
        if let sweep = ResultFile.sweep(results) {
            try ReportWriter.write(sweep, format: output.format, to: output.output)
            return
        }
        let result = try ResultFile.read(results)
        try ReportWriter.write(result, format: output.format, to: output.output, table: output.table)
    }
}

/// Reading result files, with clear errors.
enum ResultFile {
    /// The file's JSON, or nil when it cannot be read as JSON.
    static func json(_ path: String) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONValue.parse(String(decoding: data, as: UTF8.self))
    }

    /// The file as a sweep (from `rapport sweep` or `merge`), or nil when it is not one.
    static func sweep(_ path: String) -> SweepResult? {
        guard let data = FileManager.default.contents(atPath: path), let json = try? JSONValue.parse(String(decoding: data, as: UTF8.self)),
              json["grid"] != nil else { return nil }
        return try? SweepResult(json: json)
    }

    static func read(_ path: String) throws -> RunResult {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            Terminal.error("error: cannot read \(path)")
            throw ExitCode(2)
        }
        do {
            return try RunResult(json: JSONValue.parse(text))
        } catch {
            Terminal.error("\(path): error: not a Rapport result: \(error)")
            throw ExitCode(2)
        }
    }
}
