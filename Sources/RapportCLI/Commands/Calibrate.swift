import ArgumentParser
import Foundation
import RapportExperiment
import RapportReport
import RapportScenario

/// `rapport calibrate FILE --target …`: tune the uncertain parameters to observed values.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Tune uncertain parameters until the model reproduces observed values (targets).",
        discussion: """
        Searches the uncertain parameters (default: every one in the registry with a finite range) by \
        simulation with common random numbers: a Sobol design over their ranges, approximate Bayesian \
        computation keeping every design point that meets all targets within their tolerances, then \
        GSL's Nelder–Mead from the best point. Prints the fitted values, each target against the \
        calibrated model, and which parameters the targets could not pin down.
        Example: rapport calibrate scenarios/data/synthetic-platform.yaml --target 'burnout_risk_share=0.40±0.05' \
        --target 'quits_per_fte_year=0.27±0.03' --output calibrated.yaml --json calibration.json
        Sharded: rapport calibrate FILE … --shard $SLURM_ARRAY_TASK_ID/4 --json part-$SLURM_ARRAY_TASK_ID.json
                 rapport merge part-*.json --output calibration.json --calibrated calibrated.yaml
        """)

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(help: ArgumentHelp("An observed value to reproduce: metric=value±tolerance (or +-); repeatable.", valueName: "target"))
    var target: [String] = []

    @Option(help: ArgumentHelp("A parameter to search, with the registry's range or your own (repeatable); default: every uncertain one with a finite range.", valueName: "name[=low:high]"))
    var parameter: [String] = []

    @Option(help: "The variant to calibrate (default: the first).")
    var variant: String?

    @Option(name: .shortAndLong, help: "Write the calibrated scenario here (atomically; an existing file is replaced only if rapport calibrate wrote it).")
    var output: String?

    @Option(help: "Write the calibration as JSON here (for `rapport report`); with --shard, the part for `rapport merge`.")
    var json: String?

    @Option(help: "Points of the space-filling design (default: 8 per parameter, at least 32).")
    var budget: Int?

    @Option(help: "Most candidates Nelder–Mead may add after the design (default: 5 per parameter, at least 20; 0 skips it).")
    var polish: Int?

    @OptionGroup var runOptions: RunOptions

    @Flag(help: "Continue an interrupted calibration from its checkpoint; candidates already simulated are not run again.")
    var resume = false

    @Option(help: ArgumentHelp("Run only shard i of n of the design (0 <= i < n) and write it with --json for `rapport merge`.", valueName: "i/n"))
    var shard: String?

    func validate() throws {
        guard !target.isEmpty else { throw ValidationError("give at least one --target, such as 'burnout_risk_share=0.40±0.05'") }
        do {
            _ = try Self.parse(targets: target, parameters: parameter)
        } catch let error as CalibrationInputError {
            throw ValidationError(error.description)
        }
        if let shard {
            _ = try Sweep.parseShard(shard)
            if json == nil { throw ValidationError("--shard writes its part with --json PART.json, for `rapport merge`") }
            if output != nil { throw ValidationError("--shard runs part of the design; the calibrated scenario comes from `rapport merge … --calibrated FILE`") }
        }
        if output == nil && json == nil && shard == nil {
            Terminal.error("note: neither --output nor --json given; the calibration is only printed")
        }
        for path in [output, json].compactMap({ $0 }) where CheckpointStart.samePath(path, file) {
            throw ValidationError("\(path) is the scenario itself; Rapport never replaces the input; choose another path")
        }
        if let output, let json, CheckpointStart.samePath(output, json) { throw ValidationError("--output and --json name the same file") }
    }

    /// Targets and parameters from their command-line texts; every parameter of the registry
    /// with a finite range when none is named.
    static func parse(targets: [String], parameters: [String]) throws -> ([CalibrationTarget], [CalibrationParameter]) {
        var problems: [String] = []
        var parsedTargets: [CalibrationTarget] = []
        var parsedParameters: [CalibrationParameter] = []
        for t in targets {
            do { parsedTargets.append(try CalibrationTarget(parsing: t)) } catch let e as CalibrationInputError { problems.append(e.description) }
        }
        for p in parameters {
            do { parsedParameters.append(try CalibrationParameter(parsing: p)) } catch let e as CalibrationInputError { problems.append(e.description) }
        }
        guard problems.isEmpty else { throw CalibrationInputError(problems.joined(separator: "\n")) }
        return (parsedTargets, parameters.isEmpty ? CalibrationParameter.defaults : parsedParameters)
    }

    func run() throws {
        let scenario = try CLIScenario.load(file)
        let (targets, parameters) = try Self.parse(targets: target, parameters: parameter)
        let problem = try CalibrationCommand.problem(scenario: scenario, variant: variant, targets: targets, parameters: parameters,
                                                     budget: budget, polish: polish, runOptions: runOptions)
        if let output { try CalibrationCommand.checkReplaceable(output) }
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let settings = CalibrationSettings(file: file, scenarioText: text, problem: problem, variant: variant)
        var calibrator = Calibrator(problem: problem, jobs: runOptions.jobs)
        let identity = Checkpoint.Identity(scenarioText: text, overrides: settings.identityWords + [shard ?? ""],
                                           seed: problem.seed, replications: problem.replications)
        let (store, saved) = try CheckpointStart.open(CheckpointStart.defaultPath(output: json ?? output, scenario: file), chosen: false,
                                                      identity: identity, resume: resume, unit: "candidate", taskCount: calibrator.indexLimit) { _, entry in
            (try? CalibrationEvaluation(json: entry, parameters: parameters.count, targets: targets.count)) == nil ? "not a calibration candidate" : nil
        }
        for entry in saved.values {
            if let e = try? CalibrationEvaluation(json: entry, parameters: parameters.count, targets: targets.count) { calibrator.known[e.values] = e }
        }
        calibrator.onEvaluation = { index, evaluation in store.append(task: index, entry: evaluation.json) }
        calibrator.shouldStop = { Interrupt.isRequested }
        calibrator.progress = ProgressBar.callback(unit: "simulated runs")
        if let shard {
            let (i, n) = try Sweep.parseShard(shard)
            let indices = (0..<problem.designSize).filter { $0 % n == i }
            guard let evaluations = calibrator.runDesign(indices) else { throw CalibrationCommand.interrupted(store) }
            let part = CalibrationPart(settings: settings, shard: "\(i)/\(n)", evaluations: Dictionary(uniqueKeysWithValues: zip(indices, evaluations)))
            try Output.write(part.json().rendered(), to: json)
            store.finish()
            return
        }
        guard let result = calibrator.run() else { throw CalibrationCommand.interrupted(store) }
        try CalibrationCommand.write(result, scenarioText: text, json: json, calibrated: output)
        store.finish()
    }
}

/// What `rapport calibrate` and `rapport merge` of calibration parts share.
enum CalibrationCommand {
    static func problem(scenario: Scenario, variant: String?, targets: [CalibrationTarget], parameters: [CalibrationParameter],
                        budget: Int?, polish: Int?, runOptions: RunOptions) throws -> CalibrationProblem {
        do {
            return try CalibrationProblem(scenario: scenario, variant: variant, targets: targets, parameters: parameters,
                                          designSize: budget ?? max(32, 8 * parameters.count), polishBudget: polish ?? max(20, 5 * parameters.count),
                                          replications: runOptions.replications, seed: runOptions.seed, jobs: runOptions.jobs)
        } catch let error as CalibrationInputError {
            for line in error.description.split(separator: "\n") { Terminal.error("error: \(line)") }
            throw ExitCode(2)
        }
    }

    /// Refuses, before anything runs, to replace a file rapport calibrate did not write.
    static func checkReplaceable(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let regular = info.st_mode & S_IFMT == S_IFREG || info.st_mode & S_IFMT == S_IFLNK
        let first = regular ? (try? String(contentsOfFile: path, encoding: .utf8))?.prefix(CalibratedScenarioWriter.marker.count) : nil
        guard first.map(String.init) == CalibratedScenarioWriter.marker else {
            Terminal.error("error: \(path) exists and was not written by rapport calibrate; Rapport replaces only its own calibrated scenarios; choose another --output")
            throw ExitCode(2)
        }
    }

    static func interrupted(_ store: Checkpoint) -> ExitCode {
        Terminal.error("interrupted: \(store.savedCount) simulated candidate(s) kept in \(store.path); run again with --resume to continue")
        store.close()
        return ExitCode(130)
    }

    /// Prints the table and writes the JSON and the calibrated scenario.
    static func write(_ result: CalibrationResult, scenarioText: String, json: String?, calibrated: String?) throws {
        try Output.print(CalibrationReport.text(result))
        if let json { try Output.write(result.json().rendered(), to: json) }
        if let calibrated {
            try checkReplaceable(calibrated)
            let yaml: String
            do {
                yaml = try CalibratedScenarioWriter.yaml(original: scenarioText, result: result)
            } catch let error as CalibrationInputError {
                Terminal.error("error: \(error)")
                throw ExitCode(2)
            }
            try Output.write(yaml, to: calibrated)
        }
    }
}

/// `rapport merge` of calibration parts: the whole design from the shards, then the rest of the
/// search exactly as an unsharded `rapport calibrate` runs it.
enum CalibrationMerge {
    static func run(_ parts: [CalibrationPart], output: String?, calibrated: String?, jobs: Int?) throws {
        let (settings, design) = try CalibrationPart.merge(parts)
        if let calibrated { try CalibrationCommand.checkReplaceable(calibrated) }
        guard let text = try? String(contentsOfFile: settings.file, encoding: .utf8),
              CalibrationSettings.hash(text) == settings.scenarioHash else {
            Terminal.error("error: \(settings.file) is missing or has changed since the parts were run; merge needs the same scenario file")
            throw ExitCode(2)
        }
        let scenario = try CLIScenario.load(settings.file, showWarnings: false)
        let (targets, parameters): ([CalibrationTarget], [CalibrationParameter])
        do {
            (targets, parameters) = try Calibrate.parse(targets: settings.targets, parameters: settings.parameters)
        } catch let error as CalibrationInputError {
            throw ResultFileError("the parts' settings: \(error)")
        }
        var options = try RunOptions.parse(["--replications", "\(settings.replications)", "--seed", "\(settings.seed)"])
        options.jobs = jobs
        let problem = try CalibrationCommand.problem(scenario: scenario, variant: settings.variant, targets: targets, parameters: parameters,
                                                     budget: settings.designSize, polish: settings.polishBudget, runOptions: options)
        var calibrator = Calibrator(problem: problem, jobs: jobs)
        calibrator.progress = ProgressBar.callback(unit: "simulated runs")
        guard let result = calibrator.finish(design: design) else { throw ExitCode(130) }
        try CalibrationCommand.write(result, scenarioText: text, json: output, calibrated: calibrated)
    }
}
