import ArgumentParser
import Foundation
import RapportExperiment
import RapportReport
import RapportScenario

/// `rapport run FILE --uncertainty [N]`: a probabilistic sensitivity analysis of the scenario's
/// variants, whole or one shard at a time, with checkpoints and a progress bar.
enum UncertaintyRunner {
    /// The value `--uncertainty` takes when given without a number: the scenario's `draws:`.
    static let fromScenario = "scenario"

    /// `--uncertainty` followed by nothing or by another option means "the scenario's draws":
    /// ArgumentParser options always take a value, so the command line is completed here.
    static func completingBareOption(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (i, argument) in arguments.enumerated() {
            result.append(argument)
            guard argument == "--uncertainty" else { continue }
            let next = i + 1 < arguments.count ? arguments[i + 1] : nil
            if next == nil || (next!.hasPrefix("-") && Int(next!) == nil) { result.append(fromScenario) }
        }
        return result
    }

    /// The number of draws `--uncertainty` asks for, nil for the scenario's.
    static func draws(_ text: String) throws -> Int? {
        if text == fromScenario { return nil }
        guard let n = Int(text), (1...ScenarioLimits.maxUncertaintyDraws).contains(n) else {
            throw ValidationError("--uncertainty expects a number of draws from 1 to \(ScenarioLimits.maxUncertaintyDraws) (or nothing, for the scenario's draws:), found '\(text)'")
        }
        return n
    }

    static func run(_ command: Run, draws text: String) throws {
        let loaded = try command.loadScenario()
        let shard = try command.shard.map(Sweep.parseShard) ?? (0, 1)
        let design: UncertaintyDesign
        do {
            design = try UncertaintyDesign(scenario: loaded, draws: try draws(text), replications: command.replications,
                                           seed: command.seed)
        } catch let problem as UncertaintyDesign.Problem {
            Terminal.error("error: \(problem)")
            throw ExitCode(2)
        }
        if command.shard != nil && command.format != .json {
            Terminal.error("error: a shard is written as JSON for `rapport merge`; add --format json")
            throw ExitCode(2)
        }
        var analysis = UncertaintyAnalysis(design: design, jobs: command.jobs)
        let path = try CheckpointStart.path(chosen: command.checkpoint, output: command.output, scenario: command.file)
        let text = (try? String(contentsOfFile: command.file, encoding: .utf8)) ?? ""
        let identity = Checkpoint.Identity(
            scenarioText: text, overrides: command.overrides + ["--uncertainty", "\(design.draws)", command.shard ?? ""],
            seed: design.seed, replications: design.replications)
        let variants = design.scenario.variants.count
        let (store, saved) = try CheckpointStart.open(path, chosen: command.checkpoint != nil, identity: identity, resume: command.resume,
                                                      unit: "draw", taskCount: design.draws) { index, entry in
            guard let draw = try? UncertaintyResult.draw(json: entry) else { return "not an uncertainty draw" }
            guard draw.index == index, draw.metrics.allSatisfy({ $0.values.count == variants }) else { return "does not match this analysis" }
            return nil
        }
        analysis.finished = saved.compactMapValues { try? UncertaintyResult.draw(json: $0) }
        analysis.onDraw = { draw in store.append(task: draw.index, entry: UncertaintyResult.json(draw)) }
        analysis.shouldStop = { Interrupt.isRequested }
        analysis.progress = ProgressBar.callback(unit: "plausible worlds", per: variants * design.replications)
        let draws = analysis.draws(shard: shard.0, of: shard.1)
        guard let result = analysis.run(shard: shard) else {
            let finished = store.isOpen ? store.savedCount : analysis.finished.count
            Terminal.error(CheckpointStart.interrupted(store, finished: finished, of: draws.count, unit: "draw"))
            store.close()
            throw ExitCode(130)
        }
        try CheckpointStart.writing(store, unit: "draw") {
            try ReportWriter.write(ResultDocument.uncertainty(result).render(as: command.format), to: command.output)
        }
    }
}
