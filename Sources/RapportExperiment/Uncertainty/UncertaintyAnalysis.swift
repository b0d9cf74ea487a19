import Foundation
import RapportModel
import RapportScenario

/// Runs a probabilistic sensitivity analysis: for each outer draw (plausible world) of the
/// design, every variant with the draw's parameter values and its inner replications, all under
/// common random numbers; then the robustness statistics across worlds.
///
/// A shard `i/n` runs draws i, i + n, i + 2n, …; merging all shards gives exactly the unsharded
/// result, and so does any number of jobs, since every draw depends only on (seed, draw index).
public struct UncertaintyAnalysis: Sendable {
    public var design: UncertaintyDesign
    /// Worker threads, shared by every draw's replications.
    public var jobs: Int
    /// Draws already on hand (from a checkpoint), by index.
    public var finished: [Int: UncertaintyResult.Draw] = [:]
    /// Called with (replications done, replications in all the draws to run); thread-safe.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Called with each newly finished draw, e.g. to checkpoint it.
    public var onDraw: (@Sendable (UncertaintyResult.Draw) -> Void)?
    /// Set to stop (Ctrl-C): the draw in progress is abandoned, finished ones are kept.
    public var shouldStop: (@Sendable () -> Bool)?

    public init(design: UncertaintyDesign, jobs: Int? = nil) {
        self.design = design
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The draws shard `index` of `count` runs.
    public func draws(shard index: Int, of count: Int) -> [Int] {
        Array(stride(from: index, to: design.draws, by: count))
    }

    /// Metrics the analysis keeps: those with a direction of "better", in registry order.
    static let metrics = MetricRegistry.all.filter { $0.better != .neither }.map(\.name)

    /// Draw `index` as one experiment: every variant with the draw's values, `design.replications`
    /// times, from the draw's own seed.
    public func experiment(draw index: Int) -> Experiment {
        Experiment(scenario: design.scenario(draw: index), replications: design.replications, seed: design.innerSeed(draw: index))
    }

    /// The world a finished experiment of draw `index` describes.
    func draw(_ index: Int, _ result: RunResult) -> UncertaintyResult.Draw {
        UncertaintyResult.Draw(
            index: index, seed: result.seed,
            parameters: design.values(draw: index).map { .init($0.parameter, $0.value) },
            metrics: Self.metrics.compactMap { metric in
                let values = result.variants.map { $0.metrics[metric]?.mean ?? .nan }
                return values.contains(where: \.isFinite) ? (metric, values) : nil
            })
    }

    /// Runs the shard's draws not already finished, as one `ExperimentBatch` (every draw's
    /// (variant, replication) tasks on one pool of workers). Nil when stopped before all finished.
    public func run(shard: (index: Int, count: Int) = (0, 1)) -> UncertaintyResult? {
        let indices = draws(shard: shard.index, of: shard.count)
        let toRun = indices.filter { finished[$0] == nil }
        var batch = ExperimentBatch(experiments: toRun.map { experiment(draw: $0) }, jobs: jobs)
        batch.progress = progress
        batch.shouldStop = shouldStop
        let onDraw = onDraw
        let analysis = self
        batch.onEvaluation = { position, result in onDraw?(analysis.draw(toRun[position], result)) }
        let results = batch.run()
        guard results.allSatisfy({ $0 != nil }) else { return nil }
        var done = indices.compactMap { finished[$0] }
        for (position, result) in results.enumerated() { done.append(draw(toRun[position], result!)) }
        return result(draws: done, shard: shard.count == 1 ? nil : "\(shard.index)/\(shard.count)")
    }

    /// How the warm-up was chosen: with `warmup: auto`, in each world from its own pilot run.
    var warmupNote: String {
        design.scenario.warmupIsAuto
            ? "warm-up auto: chosen in each world by MSER-5 on a pilot run of the first variant"
            : Experiment.warmupNote(design.scenario)
    }

    /// The result holding `draws`.
    public func result(draws: [UncertaintyResult.Draw], shard: String?) -> UncertaintyResult {
        UncertaintyResult(
            scenario: design.scenario.name, file: design.scenario.file, seed: design.seed, totalDraws: design.draws,
            replications: design.replications, variants: design.scenario.variants.map(\.name),
            parameters: design.parameters.map { .init(name: $0.name, source: $0.source.words, meaning: $0.registry.meaning) },
            kept: design.kept.map { "\($0.variant): \($0.parameter)" },
            warmupNote: warmupNote, shard: shard, draws: draws.sorted { $0.index < $1.index })
    }
}
