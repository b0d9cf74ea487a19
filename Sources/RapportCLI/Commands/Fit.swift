import ArgumentParser
import Foundation
import RapportExperiment
import RapportFit
import RapportReport

/// `rapport fit EXTRACT_DIR`: fit the model's inputs to a platform's own extract.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a scenario to a platform's extract (referrals.csv and therapists.csv).",
        discussion: """
        Reads EXTRACT_DIR/referrals.csv and EXTRACT_DIR/therapists.csv (columns in the README and in \
        schema/extract.schema.json), fits arrivals, client mixes, sessions needed, patience, no-shows, \
        dropout, sick leave, quits, the hiring lag and stated thresholds by maximum likelihood, and writes \
        a scenario whose comments say what was fitted from how many rows and how well.
        Example: rapport fit scenarios/data/synthetic-platform --output fitted.yaml --report fit.html
        """)

    @Argument(help: "The folder holding referrals.csv and therapists.csv.")
    var extract: String

    @Option(name: .shortAndLong, help: "Write the fitted scenario here (atomically); default: standard output.")
    var output: String?

    @Option(help: "Also write an HTML fit report with Q–Q plots and every test.")
    var report: String?

    @Option(help: "Confidence level of the intervals.")
    var confidence: Double = 0.95

    @Option(name: .customLong("as-of"), help: "The day the extract was taken (YYYY-MM-DD); default: its latest date.")
    var asOf: String?

    @Option(name: .customLong("max-refused"), help: "Refuse to fit when more than this share of rows is refused.")
    var maxRefused: Double = 0.05

    @Option(help: "The fitted scenario's name.")
    var name: String?

    func validate() throws {
        guard confidence > 0.5, confidence < 1 else { throw ValidationError("--confidence must be between 0.5 and 1, found \(confidence)") }
        guard maxRefused >= 0, maxRefused <= 1 else { throw ValidationError("--max-refused must be between 0 and 1, found \(maxRefused)") }
        if let asOf, CivilDate.parse(asOf) == nil { throw ValidationError("--as-of expects a date as YYYY-MM-DD, found '\(asOf)'") }
    }

    func run() throws {
        let reading: ExtractReading
        do {
            reading = try ExtractReader.read(directory: extract, lastDay: asOf.flatMap(CivilDate.parse))
        } catch let error as ExtractError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        for problem in reading.problems { Terminal.error(problem.description + "; row refused") }
        Terminal.error(reading.summary)
        let rows = reading.referralsUsed + reading.referralsRefused + reading.therapistsUsed + reading.therapistsRefused
        let refused = reading.referralsRefused + reading.therapistsRefused
        if rows > 0, Double(refused) / Double(rows) > maxRefused {
            Terminal.error("error: \(refused) of \(rows) rows were refused, more than --max-refused \(maxRefused); fix the extract or raise the limit")
            throw ExitCode(2)
        }
        guard reading.referralsUsed > 0, reading.therapistsUsed > 0 else {
            Terminal.error("error: nothing left to fit: referrals.csv and therapists.csv each need at least one usable row")
            throw ExitCode(2)
        }
        let fit = PlatformFit.fit(reading, source: (extract as NSString).lastPathComponent, confidence: confidence)
        let yaml = FittedScenarioWriter.yaml(fit, name: name)
        try write(yaml, to: output)
        if let report {
            try write(FitReportHTML.render(fit), to: report)
        }
        for note in fit.notes { Terminal.error("note: \(note)") }
    }

    private func write(_ text: String, to path: String?) throws {
        guard let path else { print(text, terminator: ""); return }
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            Terminal.error("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        Terminal.error("wrote \(path)")
    }
}
