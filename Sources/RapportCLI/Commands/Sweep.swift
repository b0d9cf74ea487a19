import ArgumentParser
import Foundation
import RapportExperiment
import RapportReport
import RapportScenario

/// `rapport sweep FILE`: run a grid of settings, whole or one shard at a time.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of scenario settings; shard it across machines and merge the parts.",
        discussion: """
        The grid comes from the scenario's sweep: section and from --set path=v1,v2,… flags.
        A shard runs every n-th point, starting at i (0-based), so a batch scheduler's array index
        maps straight onto it:
          rapport sweep FILE --shard $SLURM_ARRAY_TASK_ID/4 --output part-$SLURM_ARRAY_TASK_ID.json
          rapport merge part-*.json --output sweep.json
        """)

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Sweep a value: --set clients.arrivals.rate=100/week,120/week (repeatable).", valueName: "path=v1,v2,…"))
    var sets: [String] = []

    @Option(help: ArgumentHelp("Run only shard i of n (0 <= i < n).", valueName: "i/n"))
    var shard: String?

    @OptionGroup var runOptions: RunOptions

    @Option(name: .shortAndLong, help: "Write the sweep's JSON here (atomically).")
    var output: String?

    @Flag(help: "Continue an interrupted sweep from its checkpoint; finished points are not run again.")
    var resume = false

    func validate() throws {
        if let shard { _ = try Self.parseShard(shard) }
        for s in sets where !s.contains("=") { throw ValidationError("--set expects path=v1,v2,…, found '\(s)'") }
    }

    static func parseShard(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            throw ValidationError("--shard expects i/n with 0 <= i < n, such as 0/4; found '\(text)'")
        }
        return (i, n)
    }

    func run() throws {
        let parsedSets = sets.map { s -> (path: String, value: String) in
            let parts = s.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        let base = try CLIScenario.load(file)
        let grid = SweepGrid(scenario: base, sets: parsedSets)
        if let problem = grid.sizeProblem {
            Terminal.error("error: \(problem)")
            throw ExitCode(2)
        }
        let (shardIndex, shards) = try shard.map(Self.parseShard) ?? (0, 1)
        // Finished points are kept in a checkpoint as they complete, so Ctrl-C loses at most the
        // point in progress and --resume picks up from there.
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let identity = Checkpoint.Identity(scenarioText: text, overrides: sets + [shard ?? "", "\(runOptions.replications ?? 0)"],
                                           seed: runOptions.seed ?? base.seed, replications: runOptions.replications ?? base.replications)
        let checkpointPath = CheckpointStart.defaultPath(output: output, scenario: file)
        let (store, saved) = try CheckpointStart.open(checkpointPath, chosen: false, identity: identity, resume: resume, unit: "point",
                                                      taskCount: grid.count) { index, entry in
            do {
                return grid.problem(with: try SweepResult.point(json: entry), expectedIndex: index)
            } catch {
                return "\(error)"
            }
        }
        let done = saved.compactMapValues { try? SweepResult.point(json: $0) }
        // Every point of the shard is loaded (and so checked) before any runs; then all their
        // replications share one pool of workers, so small points keep every core busy.
        let indices = grid.points(shard: shardIndex, of: shards)
        var experiments: [Experiment] = []
        for index in indices {
            let scenario = try CLIScenario.load(file, overrides: grid.point(index), showWarnings: false)
            experiments.append(Experiment(scenario: scenario, replications: runOptions.replications, seed: runOptions.seed, jobs: runOptions.jobs))
        }
        var batch = ExperimentBatch(experiments: experiments, jobs: runOptions.jobs)
        for (position, index) in indices.enumerated() { batch.finished[position] = done[index]?.result }
        batch.shouldStop = { Interrupt.isRequested }
        batch.onEvaluation = { (position: Int, result: RunResult) in
            let index = indices[position]
            store.append(task: index, entry: SweepResult.json(.init(index: index, settings: grid.point(index), result: result)))
        }
        batch.progress = ProgressBar.callback(unit: "simulated runs")
        let results = batch.run()
        let finished = results.compactMap { $0 }.count
        guard !Interrupt.isRequested, finished == results.count else {
            Terminal.error(CheckpointStart.interrupted(store, finished: finished, of: results.count, unit: "point"))
            store.close()
            throw ExitCode(130)
        }
        let points = zip(indices, results).map { SweepResult.Point(index: $0, settings: grid.point($0), result: $1!) }
        let result = SweepResult(scenario: base.name, file: file, grid: grid, shard: shard == nil ? nil : "\(shardIndex)/\(shards)", points: points)
        try SweepOutput.write(result, to: output)
        store.finish()
    }
}

/// `rapport merge part-*.json`: reassemble a sharded sweep, calibration or uncertainty analysis, by the parts' kind.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge sweep, calibration or uncertainty shards into one result, identical to an unsharded run.")

    @Argument(help: "Parts written by `rapport sweep --shard`, `rapport calibrate --shard` or `rapport run --uncertainty N --shard`.")
    var parts: [String]

    @Option(name: .shortAndLong, help: "Write the merged JSON here (atomically).")
    var output: String?

    @Option(help: "Calibration parts: also write the calibrated scenario here.")
    var calibrated: String?

    @Option(help: "Calibration parts: worker threads for the search that follows the design (default: all cores).")
    var jobs: Int?

    func run() throws {
        do {
            let loaded = try parts.map { path -> JSONValue in
                guard let data = FileManager.default.contents(atPath: path) else { throw ResultFileError("cannot read \(path)") }
                do { return try JSONValue.parse(String(decoding: data, as: UTF8.self)) } catch { throw ResultFileError("\(path): not JSON: \(error)") }
            }
            if loaded.first?["kind"]?.string == CalibrationPart.kind {
                return try CalibrationMerge.run(try loaded.map(CalibrationPart.init(json:)), output: output, calibrated: calibrated, jobs: jobs)
            }
            if loaded.first?["kind"]?.string == UncertaintyResult.kind {
                return try Output.write(try UncertaintyResult.merge(try loaded.map(UncertaintyResult.init(json:))).json().rendered(), to: output)
            }
            try SweepOutput.write(try SweepResult.merge(try loaded.map(SweepResult.init(json:))), to: output)
        } catch let error as ResultFileError {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
    }
}

enum SweepOutput {
    static func write(_ result: SweepResult, to path: String?) throws {
        try Output.write(result.json().rendered(), to: path)
    }
}
