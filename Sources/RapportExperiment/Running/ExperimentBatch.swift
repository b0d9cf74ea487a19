import Foundation
import RapportModel

/// Runs many independent experiments (sweep points, plan candidates, calibration evaluations) on
/// one pool of worker threads.
///
/// The work is split into (experiment, variant, replication) tasks, not whole experiments, so a
/// batch of small experiments keeps every core busy and no core idles at the end of one
/// experiment while another waits to start. Each task writes only its own slot, and an
/// experiment is summarised from its slots in task order, so the results are byte-identical
/// whatever `jobs` is and in whatever order the threads finish.
///
/// ```swift
/// var batch = ExperimentBatch(experiments: points.map { Experiment(scenario: $0, replications: 10) }, jobs: 4)
/// batch.onEvaluation = { index, result in checkpoint.append(task: index, entry: result.json()) }
/// let results = batch.run()   // [RunResult?], nil only for experiments a stop left unfinished
/// ```
public struct ExperimentBatch: Sendable {
    /// The experiments, each with its own scenario, replications and seed. Their own `jobs`,
    /// callbacks and `finished` are not used: the batch schedules every task.
    public var experiments: [Experiment]
    /// Worker threads.
    public var jobs: Int
    /// Called after each finished task with (done, total) counted in tasks over the whole batch,
    /// including those of experiments finished earlier; must be thread-safe.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Experiments already finished (from an interrupted batch), by index; they are not run again.
    public var finished: [Int: RunResult] = [:]
    /// Called once per experiment when its last task finishes, e.g. to checkpoint it; must be
    /// thread-safe. The order of calls depends on the threads; the results do not.
    public var onEvaluation: (@Sendable (Int, RunResult) -> Void)?
    /// Set to stop starting new tasks (Ctrl-C); finished experiments are kept.
    public var shouldStop: (@Sendable () -> Bool)?

    public init(experiments: [Experiment], jobs: Int? = nil) {
        self.experiments = experiments
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Tasks in the whole batch.
    public var taskCount: Int { experiments.reduce(0) { $0 + $1.taskCount } }

    /// Runs every experiment not already finished; returns each one's result in order, or nil
    /// for those a stop left unfinished.
    public func run() -> [RunResult?] {
        let state = BatchState(experiments: experiments, finished: finished)
        let total = state.total
        WorkerPool.drain(jobs: jobs, tasks: total, claim: state.claim, shouldStop: shouldStop) { task in
            let (experiment, local) = state.locate(task)
            let result = experiments[experiment].runTask(local)
            let (done, completed) = state.store(result, experiment: experiment, local: local)
            if let completed {
                let summary = experiments[experiment].summarise(completed)
                state.record(summary, experiment: experiment)
                onEvaluation?(experiment, summary)
            }
            progress?(done, total)
        }
        return state.results
    }
}

/// The batch's shared state, under a lock: which task is next, each experiment's slots until it
/// is complete (then they are released), and the summaries.
private final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    /// First global task index of each experiment.
    private let offsets: [Int]
    private let counts: [Int]
    let total: Int
    private var next = 0
    private var done = 0
    private var slots: [[ReplicationResult?]]
    private var remaining: [Int]
    private(set) var results: [RunResult?]

    init(experiments: [Experiment], finished: [Int: RunResult]) {
        counts = experiments.map(\.taskCount)
        var offsets: [Int] = [], running = 0
        for count in counts { offsets.append(running); running += count }
        self.offsets = offsets
        total = running
        let counts = self.counts
        results = experiments.indices.map { finished[$0] }
        slots = experiments.indices.map { finished[$0] == nil ? Array(repeating: nil, count: counts[$0]) : [] }
        remaining = experiments.indices.map { finished[$0] == nil ? counts[$0] : 0 }
        done = total - remaining.reduce(0, +)
    }

    /// The experiment a global task belongs to, and the task's index within it.
    func locate(_ task: Int) -> (Int, Int) {
        // The last offset at or below the task; experiments with no tasks share an offset.
        var low = 0, high = offsets.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if offsets[mid] <= task { low = mid } else { high = mid - 1 }
        }
        while counts[low] == 0 { low -= 1 }
        return (low, task - offsets[low])
    }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        while next < total {
            let task = next
            next += 1
            if results[locate(task).0] == nil { return task }
        }
        return nil
    }

    /// Stores one task's result. When it was the experiment's last, hands back all its results
    /// in task order and releases the slots.
    func store(_ result: ReplicationResult, experiment: Int, local: Int) -> (Int, [ReplicationResult]?) {
        lock.lock(); defer { lock.unlock() }
        slots[experiment][local] = result
        remaining[experiment] -= 1
        done += 1
        guard remaining[experiment] == 0 else { return (done, nil) }
        let complete = slots[experiment].map { $0! }
        slots[experiment] = []
        return (done, complete)
    }

    func record(_ summary: RunResult, experiment: Int) {
        lock.lock(); defer { lock.unlock() }
        results[experiment] = summary
    }
}
