import ArgumentParser
import Foundation
import RapportExperiment
import RapportModel
import RapportReport
import RapportScenario

extension ReportFormat: ArgumentChoice {}

/// `rapport run FILE`: simulate every variant and report.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario's variants and report the results.",
        discussion: "Example: rapport run scenarios/baseline.yaml --format html --output reports/baseline.html")

    // The options of ScenarioOptions, RunOptions and OutputOptions, declared here rather than as
    // option groups (see Options.swift): same names, help and checks, in the same order. Each
    // option spells its flag: ArgumentParser would otherwise derive it from the property's name (a
    // snake-case conversion, about 10,000 instructions) each time it reflects the command, four
    // times a run.
    @Argument(help: ScenarioOptions.fileHelp) var file: String
    @Option(name: .customLong("set"), help: ScenarioOptions.setHelp) var overrides: [String] = []
    @Option(name: .customLong("replications"), help: RunOptions.replicationsHelp) var replications: Int?
    @Option(name: .customLong("seed"), help: RunOptions.seedHelp) var seed: UInt64?
    @Option(name: .customLong("jobs"), help: RunOptions.jobsHelp) var jobs: Int?
    @Option(name: .customLong("format"), help: OutputOptions.formatHelp) var format: ReportFormat = .text
    @Option(name: .shortAndLong, help: OutputOptions.outputHelp) var output: String?
    @Option(name: .customLong("table"), help: OutputOptions.tableHelp) var table: CSVTable?

    @Flag(name: .customLong("resume"), help: "Continue an interrupted run from its checkpoint; the result is identical to an uninterrupted run.")
    var resume = false

    @Option(name: .customLong("checkpoint"), help: "Where finished replications are kept until the run completes (default: the output path, or the scenario's, plus .checkpoint).")
    var checkpoint: String?

    @Option(name: .customLong("export-events"), help: ArgumentHelp("Also write the first replication as a platform extract (referrals.csv, therapists.csv) into this folder; one subfolder per variant when there are several.", valueName: "DIR"))
    var exportEvents: String?

    @Option(name: .customLong("uncertainty"), help: ArgumentHelp("Decision robustness: N plausible worlds (outer draws of the uncertain parameters), each with every variant and its inner replications; without N, the scenario's uncertainty.draws (default 50).", valueName: "N"))
    var uncertainty: String?

    @Option(name: .customLong("shard"), help: ArgumentHelp("With --uncertainty: run only shard i of n (0 <= i < n), every n-th draw, as JSON for `rapport merge`.", valueName: "i/n"))
    var shard: String?

    func validate() throws {
        // In the order ArgumentParser checked the groups.
        try ScenarioOptions.check(overrides: overrides)
        try RunOptions.check(replications: replications, seed: seed, jobs: jobs)
        try OutputOptions.check(format: format, table: table)
        if let uncertainty { _ = try UncertaintyRunner.draws(uncertainty) }
        if let shard {
            guard uncertainty != nil else { throw ValidationError("--shard goes with --uncertainty (a sweep shards with `rapport sweep --shard`)") }
            _ = try Sweep.parseShard(shard)
        }
        if uncertainty != nil && exportEvents != nil { throw ValidationError("--export-events goes with a plain run, not --uncertainty") }
        if uncertainty != nil && table != nil { throw ValidationError("--table goes with a plain run; an uncertainty run's CSV is one table") }
    }

    func run() throws {
        if let uncertainty { return try UncertaintyRunner.run(self, draws: uncertainty) }
        let loaded = try loadScenario()
        if let exportEvents { try EventExportWriter.write(loaded, seed: seed, to: exportEvents) }
        var experiment = Experiment(scenario: loaded, replications: replications, seed: seed, jobs: jobs)
        let path = try CheckpointStart.path(chosen: checkpoint, output: output, scenario: file)
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let identity = Checkpoint.Identity(scenarioText: text, overrides: overrides, seed: experiment.seed,
                                           replications: experiment.replications)
        let (store, saved) = try CheckpointStart.open(path, chosen: checkpoint != nil, identity: identity, resume: resume, unit: "replication",
                                                      taskCount: experiment.taskCount, isValid: { ReplicationResult.problem(in: $1) })
        // Nothing saved (a fresh run) keeps the empty dictionary: building one would instantiate
        // its generic storage, whose first use costs a conformance scan.
        if !saved.isEmpty { experiment.finished = saved.mapValues(ReplicationResult.init(json:)) }
        experiment.onReplication = { task, result in store.append(task: task, result: result) }
        experiment.shouldStop = { Interrupt.isRequested }
        let results = ProgressRun.showingProgress(experiment).runReplications()
        let done = results.compactMap { $0 }.count
        guard done == results.count else {
            Terminal.error(CheckpointStart.interrupted(store, finished: done, of: results.count, unit: "replication"))
            store.close()
            throw ExitCode(130)
        }
        try CheckpointStart.writing(store, unit: "replication") {
            try ReportWriter.write(experiment.summarise(results.map { $0! }), format: format, to: output, table: table)
        }
    }

    /// Loads the scenario with its overrides, printing every problem and exiting 2 if it cannot be used.
    func loadScenario() throws -> Scenario {
        try CLIScenario.load(file, overrides: ScenarioOptions.parsed(overrides))
    }
}

/// Writes a rendered report to a file (atomically) or standard output.
enum ReportWriter {
    static func write(_ result: RunResult, format: ReportFormat, to path: String?, table: CSVTable? = nil) throws {
        var files = ReportRenderer.render(result, as: format)
        if let table {
            // One table, under the name given (or on standard output).
            files = files.filter { $0.suffix == table.suffix }.map { ("", $0.text) }
        }
        try write(files, to: path)
    }

    /// Rendered files (main first, then companions by suffix), to `path` and its companions or,
    /// without a path, the main one to standard output.
    static func write(_ files: [(suffix: String, text: String)], to path: String?) throws {
        guard let path else { return try Output.print(files[0].text) }
        for file in files {
            try Output.write(file.text, to: file.suffix.isEmpty ? path : Self.companion(of: path, suffix: file.suffix))
        }
    }

    /// `out/run.csv` + `-timeseries` → `out/run-timeseries.csv`.
    static func companion(of path: String, suffix: String) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let base = url.deletingPathExtension().lastPathComponent
        let name = ext.isEmpty ? base + suffix : "\(base)\(suffix).\(ext)"
        return (path as NSString).deletingLastPathComponent.isEmpty ? name
            : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
    }
}

/// Runs an experiment with a progress bar on standard error when it is a terminal.
enum ProgressRun {
    static func run(_ experiment: Experiment) -> RunResult {
        showingProgress(experiment).run()
    }

    /// The experiment with a progress callback when standard error is a terminal.
    static func showingProgress(_ experiment: Experiment) -> Experiment {
        var experiment = experiment
        // The bar fills by task; the count is in replications, each one run of every variant.
        let variants = max(1, experiment.scenario.variants.count)
        experiment.progress = ProgressBar.callback(unit: "replications" + (variants == 1 ? "" : " of \(variants) variants"), per: variants)
        return experiment
    }
}

/// A progress bar on standard error, drawn only when it is a terminal (never in logs or pipes).
enum ProgressBar {
    /// A thread-safe (done, total) callback that redraws the bar, counting `per` tasks as one
    /// `unit`; nil when standard error is not a terminal.
    static func callback(unit: String, per: Int = 1) -> (@Sendable (Int, Int) -> Void)? {
        guard Terminal.stderrIsTerminal else { return nil }
        let per = max(1, per)
        return { done, total in
            let width = 30
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data(utf8: "\r\(bar) \(done / per)/\(total / per) \(unit)"))
            if done == total { FileHandle.standardError.write(Data(utf8: "\r\u{1B}[K")) }
        }
    }
}
