import Dispatch
import Foundation
import RapportModel
import RapportScenario

/// Runs every replication of every variant of a scenario, in parallel, and summarises them.
///
/// Work is split into (variant, replication) tasks; each writes only its own slot of the
/// results, so the outcome is byte-identical whatever the number of jobs.
public struct Experiment: Sendable {
    public var scenario: Scenario
    public var replications: Int
    public var seed: UInt64
    /// Worker threads; defaults to the machine's cores.
    public var jobs: Int
    /// Called after each finished replication with (done, total); must be thread-safe.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Replication results already on hand (from an interrupted run), by task index.
    public var finished: [Int: ReplicationResult] = [:]
    /// Called with each newly finished task, e.g. to checkpoint it; must be thread-safe.
    public var onReplication: (@Sendable (Int, ReplicationResult) -> Void)?
    /// Set to stop starting new replications (Ctrl-C); finished ones are kept.
    public var shouldStop: (@Sendable () -> Bool)?

    /// How the warm-up was chosen, for reports.
    public private(set) var warmupNote: String

    public init(scenario: Scenario, replications: Int? = nil, seed: UInt64? = nil, jobs: Int? = nil) {
        self.scenario = scenario
        self.replications = replications ?? scenario.replications
        self.seed = seed ?? scenario.seed
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        warmupNote = Self.warmupNote(scenario)
        if scenario.warmupIsAuto { chooseWarmup() }
    }

    /// `warmup: auto`: a pilot of the first variant with no warm-up, then MSER-5 on its weekly
    /// waitlist and on its weekly mean exhaustion (each averaged over replications). The cut is the
    /// later of the two, since exhaustion builds for months after the waitlist settles. Every
    /// variant gets the same cut, so comparisons stay paired.
    private mutating func chooseWarmup() {
        guard let first = scenario.variants.first, first.config.mode == .weekly else {
            warmupNote = "warm-up auto: not applicable in continuous mode; no warm-up"
            return
        }
        var pilot = self
        pilot.scenario.warmupIsAuto = false
        pilot.scenario.variants = [first]
        pilot.progress = nil
        let results = pilot.runReplications().compactMap { $0 }
        var cuts: [(series: String, weeks: Int)] = []
        for (name, words) in [("waitlist", "waitlist"), ("exhaustion_mean", "exhaustion")] {
            let runs = results.compactMap { $0.series[name] }
            let weeks = runs.map(\.count).min() ?? 0
            guard !runs.isEmpty, weeks > 0 else { continue }
            let mean = (0..<weeks).map { w in runs.reduce(0) { $0 + $1[w] } / Double(runs.count) }
            guard mean.allSatisfy(\.isFinite) else { continue }
            cuts.append((words, MSER.truncation(mean)))
        }
        let cut = cuts.map(\.weeks).max() ?? 0
        for i in scenario.variants.indices { scenario.variants[i].config.warmup = Double(cut * 7) }
        scenario.warmupIsAuto = false
        let detail = cuts.map { "\($0.series) \($0.weeks)" }.joined(separator: ", ")
        warmupNote = "warm-up auto (MSER-5 on the weekly waitlist and mean exhaustion of a pilot run, the later cut: \(detail)): \(cut) week\(cut == 1 ? "" : "s") cut"
    }

    /// Number of (variant, replication) tasks.
    public var taskCount: Int { scenario.variants.count * replications }

    /// Runs all tasks not already finished; returns every task's result in task order, or nil
    /// for tasks not run because of a stop.
    public func runReplications() -> [ReplicationResult?] {
        let total = taskCount
        let box = ResultBox(count: total, finished: finished)
        WorkerPool.drain(jobs: jobs, tasks: total, claim: box.claim, shouldStop: shouldStop) { task in
            let result = runTask(task)
            let done = box.store(result, at: task)
            onReplication?(task, result)
            progress?(done, total)
        }
        return box.results
    }

    /// Runs one (variant, replication) task: task `t` is replication `t % replications` of
    /// variant `t / replications`. Depends only on the task, never on the thread.
    public func runTask(_ task: Int) -> ReplicationResult {
        Replication.run(scenario.variants[task / replications].config, seed: seed, index: task % replications)
    }

    /// Runs and summarises.
    public func run() -> RunResult {
        let results = runReplications()
        return summarise(results.map { $0 ?? ReplicationResult() })
    }

    /// Builds the run's result from every task's replication result, in task order.
    public func summarise(_ results: [ReplicationResult]) -> RunResult {
        var variantResults: [VariantResult] = []
        for (v, variant) in scenario.variants.enumerated() {
            let slice = Array(results[(v * replications)..<((v + 1) * replications)])
            variantResults.append(ResultSummariser.summarise(name: variant.name, slice))
        }
        var result = RunResult(
            scenario: scenario.name, file: scenario.file, seed: seed, replications: replications,
            warmupNote: warmupNote,
            variants: variantResults, comparisons: ResultSummariser.compare(variantResults),
            assumptions: AssumptionList.describe(scenario))
        result.warnings = scenario.warnings.map { ($0.path.isEmpty ? "" : "\($0.path): ") + $0.message }
        return result
    }

    static func warmupNote(_ scenario: Scenario) -> String {
        guard let config = scenario.variants.first?.config else { return "" }
        if config.warmup <= 0 { return "no warm-up: results count from day 0" }
        return "fixed warm-up of \(RapportScenario.Units.formatDays(config.warmup)): results before it are discarded"
    }
}

/// Runs claimed tasks on up to `jobs` worker threads until none is left: the one scheduling loop
/// behind `Experiment` and `ExperimentBatch`. Once `shouldStop` says so, claimed tasks are
/// skipped, so the work in flight finishes and nothing new starts.
enum WorkerPool {
    static func drain(jobs: Int, tasks: Int, claim: @Sendable () -> Int?, shouldStop: (@Sendable () -> Bool)?, _ work: @Sendable (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: min(max(1, jobs), max(1, tasks))) { _ in
            while let task = claim() {
                if shouldStop?() == true { continue }
                work(task)
            }
        }
    }
}

/// Hands out task indices and collects results, under a lock.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done: Int
    private(set) var results: [ReplicationResult?]

    init(count: Int, finished: [Int: ReplicationResult]) {
        results = Array(repeating: nil, count: count)
        for (i, r) in finished where i < count { results[i] = r }
        done = results.filter { $0 != nil }.count
    }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        while next < results.count, results[next] != nil { next += 1 }
        guard next < results.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: ReplicationResult, at index: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        results[index] = result
        done += 1
        return done
    }
}
