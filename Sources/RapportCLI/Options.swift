import ArgumentParser
import Foundation
import RapportExperiment
import RapportModel
import RapportReport
import RapportScenario

// The three option groups below are shared by several commands. `rapport run` and `rapport
// report`, the quick commands CI pipelines and sweeps call most, declare the same options
// themselves, with the same help and the same checks (the static members here): ArgumentParser pays
// four first-time protocol-conformance scans of the whole binary for every group type (about 1.1 M
// instructions each), on every run.

/// Where the scenario comes from, and values to override in it.
struct ScenarioOptions: ParsableArguments {
    static let fileHelp: ArgumentHelp = "The scenario file (YAML)."
    static let setHelp = ArgumentHelp("Override a value: --set clients.arrivals.rate=120/week (repeatable).", valueName: "path=value")

    @Argument(help: ScenarioOptions.fileHelp)
    var file: String

    @Option(name: .customLong("set"), help: ScenarioOptions.setHelp)
    var overrides: [String] = []

    func validate() throws { try Self.check(overrides: overrides) }

    static func check(overrides: [String]) throws {
        for o in overrides where !o.contains("=") {
            throw ValidationError("--set expects path=value, found '\(o)'")
        }
    }

    var parsedOverrides: [(path: String, value: String)] { Self.parsed(overrides) }

    /// `path=value` texts split at their first `=`.
    static func parsed(_ overrides: [String]) -> [(path: String, value: String)] {
        overrides.map { o in
            let parts = o.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// Loads the scenario, printing every problem and exiting 2 if it cannot be used.
    func load() throws -> Scenario {
        try CLIScenario.load(file, overrides: parsedOverrides)
    }
}

/// Replications, seed and parallelism.
struct RunOptions: ParsableArguments {
    static let replicationsHelp: ArgumentHelp = "Replications per variant (default: the scenario's)."
    static let seedHelp: ArgumentHelp = "Master seed (default: the scenario's)."
    static let jobsHelp: ArgumentHelp = "Worker threads (default: all cores). Results do not depend on it."

    @Option(help: RunOptions.replicationsHelp)
    var replications: Int?

    @Option(help: RunOptions.seedHelp)
    var seed: UInt64?

    @Option(help: RunOptions.jobsHelp)
    var jobs: Int?

    func validate() throws { try Self.check(replications: replications, seed: seed, jobs: jobs) }

    static func check(replications: Int?, seed: UInt64?, jobs: Int?) throws {
        if let r = replications, r < 1 || r > ScenarioLimits.maxReplications {
            throw ValidationError("--replications must be from 1 to \(ScenarioLimits.maxReplications), found \(r)")
        }
        if let j = jobs, j < 1 || j > 1024 { throw ValidationError("--jobs must be from 1 to 1024, found \(j)") }
        try SeedOption.check(seed)
    }
}

/// The one rule for a metric named on the command line: it must be one Rapport reports.
enum MetricOption {
    static func check(_ name: String, flag: String) throws {
        guard !MetricRegistry.isKnown(name) else { return }  // per-step names (metric.step) too
        throw ValidationError("unknown metric '\(name)' in \(flag)" + Suggestions.hint(for: name, in: MetricRegistry.names, otherwise: "; `rapport metrics` lists them"))
    }
}

/// The one rule for `--seed`, wherever it appears.
enum SeedOption {
    static func check(_ seed: UInt64?) throws {
        if let seed, seed > ScenarioLimits.maxSeed {
            throw ValidationError("--seed must be from 0 to \(ScenarioLimits.maxSeed) (2^53 − 1, the largest a JSON result stores exactly), found \(seed)")
        }
    }
}

/// Output format and destination.
struct OutputOptions: ParsableArguments {
    static let formatHelp: ArgumentHelp = "Output format: text, json, markdown, csv or html."
    static let outputHelp: ArgumentHelp = "Write the report here (atomically) instead of to standard output."
    static let tableHelp: ArgumentHelp = "With --format csv: which table, metrics or timeseries (default: metrics on standard output; both files with --output)."

    @Option(help: OutputOptions.formatHelp)
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: OutputOptions.outputHelp)
    var output: String?

    @Option(help: OutputOptions.tableHelp)
    var table: CSVTable?

    func validate() throws { try Self.check(format: format, table: table) }

    static func check(format: ReportFormat, table: CSVTable?) throws {
        if table != nil && format != .csv { throw ValidationError("--table goes with --format csv") }
    }
}

/// An option whose value is one of a fixed set of names (`--format json`): the enum's raw values.
///
/// ArgumentParser already derives the list of values, their help and the default's text for any
/// `CaseIterable`, `RawRepresentable` argument, but through unspecialised generic code (a key path,
/// a dictionary built by `reduce`) whose first use costs protocol-conformance scans of the whole
/// binary, about 0.4 M instructions each, on every run. These are the same values, written for
/// `String` raw values, so the compiler specialises them for each enum.
public protocol ArgumentChoice: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ArgumentChoice {
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    /// None: ArgumentParser shows a value's description only where it differs from the value.
    public static var allValueDescriptions: [String: String] { [:] }
    public var defaultValueDescription: String { rawValue }
}

/// The two tidy CSV tables.
enum CSVTable: String, ArgumentChoice {
    case metrics, timeseries
    var suffix: String { self == .metrics ? "" : "-timeseries" }
}

enum CLIScenario {
    static func load(_ file: String, overrides: [(path: String, value: String)] = [], showWarnings: Bool = true) throws -> Scenario {
        do {
            let scenario = try ScenarioLoader.load(path: file, overrides: overrides)
            if showWarnings { for warning in scenario.warnings { Terminal.error(warning.description) } }
            return scenario
        } catch let error as ScenarioError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}

/// Standard error, unbuffered.
public enum Terminal {
    /// Writes `text` to standard error, made safe for a terminal, on a line of its own.
    public static func error(_ text: String) {
        let safe = TerminalText.safe(text)
        FileHandle.standardError.write(Data(utf8: safe.hasSuffix("\n") ? safe : safe + "\n"))
    }

    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}
