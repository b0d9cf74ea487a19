import Foundation
import RapportRandom
import Synchronization

/// Calibrates a scenario by simulation: a space-filling design, approximate Bayesian computation
/// on it, then Nelder–Mead from the best design point.
///
/// 1. **Design.** `designSize` Sobol points over the parameters' ranges (a uniform prior), each
///    simulated with the same seeds; they run as one `ExperimentBatch`, in parallel.
/// 2. **Accepted set (ABC rejection).** Every design point whose targets are all within their
///    tolerances. It is a sample of the parameter sets consistent with the observations, which
///    `rapport run --uncertainty` draws in turn, and it shows which parameters stay loose.
/// 3. **Polish.** GSL's `nmsimplex2` from the best design point, on the root-mean-square gap in
///    tolerances, for at most `polishBudget` more candidates; common random numbers make that
///    objective deterministic. The best candidate seen is the point estimate.
/// 4. **Profile.** Each parameter moved by `profileStep` of its range either way from the point
///    estimate (one batch): how far the targets move tells which ones they cannot pin down.
///
/// Candidates are identified by their (rounded) values; one already simulated (by this run, a
/// checkpoint or a shard) is never run again, and the whole search is byte-identical whatever
/// `jobs` is, however it was interrupted, and however the design was sharded.
public struct Calibrator: Sendable {
    public var problem: CalibrationProblem
    public var jobs: Int
    /// Candidates already simulated (from a checkpoint or shards), by their values.
    public var known: [[Double]: CalibrationEvaluation] = [:]
    /// Called with each newly simulated candidate and its checkpoint index; thread-safe.
    public var onEvaluation: (@Sendable (Int, CalibrationEvaluation) -> Void)?
    /// (simulated runs done, most this search can take); thread-safe.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Set to stop (Ctrl-C): simulated candidates are kept, nothing new starts.
    public var shouldStop: (@Sendable () -> Bool)?

    public init(problem: CalibrationProblem, jobs: Int? = nil) {
        self.problem = problem
        self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Checkpoint indices run from 0 to below this: the design, then the later candidates in the
    /// order the search asks for them.
    public var indexLimit: Int { problem.designSize + problem.polishBudget + 4 * problem.parameters.count + 8 }

    /// The whole calibration; nil when stopped first.
    public func run() -> CalibrationResult? {
        guard let design = runDesign(Array(0..<problem.designSize)) else { return nil }
        return finish(design: design)
    }

    /// Simulates the design points at `indices` (a shard runs a slice); nil when stopped first.
    public func runDesign(_ indices: [Int]) -> [CalibrationEvaluation]? {
        let design = problem.unitDesign
        let session = Session(calibrator: self, plannedRuns: indices.count * problem.replications)
        return session.evaluate(indices.map { problem.values(unit: design[$0]) }, indices: indices)
    }

    /// Everything after the design: the accepted set, the polish, the profile and the result;
    /// nil when stopped first.
    public func finish(design: [CalibrationEvaluation]) -> CalibrationResult? {
        let targets = problem.targets
        let d = problem.parameters.count
        var cache = known
        for e in design { cache[e.values] = e }
        let session = Session(calibrator: self, plannedRuns: (problem.polishBudget + 2 * d + 2) * problem.replications, cache: cache)
        let distances = design.map { $0.distance(targets) }
        let bestDesign = distances.indices.min { (distances[$0], $0) < (distances[$1], $1) } ?? 0
        var trace: [CalibrationEvaluation] = []
        var next = problem.designSize
        var outcome: Minimiser.Outcome?
        if problem.polishBudget > 0 {
            let start = problem.unit(values: design[bestDesign].values)
            // 10% of each range, pointing inwards so the first simplex stays inside the box.
            let steps = start.map { $0 > 0.9 ? -0.1 : 0.1 }
            outcome = Minimiser.nelderMead(start: start, steps: steps, tolerance: 0.002, maxEvaluations: problem.polishBudget) { x in
                guard x.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { return .infinity }
                defer { next += 1 }
                guard let e = session.evaluate([problem.values(unit: x)], indices: [next])?.first else { return .infinity }
                trace.append(e)
                return e.distance(targets)
            }
        }
        guard session.completed else { return nil }
        let candidates = design + trace
        let scores = candidates.map { $0.distance(targets) }
        let best = candidates[scores.indices.min { (scores[$0], $0) < (scores[$1], $1) } ?? bestDesign]
        // The profile: each parameter moved down and up from the point estimate, in one batch.
        let centre = problem.unit(values: best.values)
        var profilePoints: [[Double]] = []
        for p in 0..<d {
            for sign in [-1.0, 1.0] {
                var x = centre
                x[p] = min(1, max(0, x[p] + sign * CalibrationProblem.profileStep))
                profilePoints.append(problem.values(unit: x))
            }
        }
        let profileIndices = profilePoints.indices.map { next + $0 }
        guard let profile = session.evaluate(profilePoints, indices: profileIndices) else { return nil }
        return CalibrationResult(problem: problem, design: design, trace: trace, best: best, profile: profile,
                                 polishConverged: outcome?.converged ?? false,
                                 simulatedRuns: session.distinctEvaluations * problem.replications)
    }

    /// One search's state: the candidates known so far and the runs counted for the progress bar.
    private final class Session: @unchecked Sendable {
        let calibrator: Calibrator
        let plannedRuns: Int
        private let lock = NSLock()
        private var cache: [[Double]: CalibrationEvaluation]
        private var runsDone = 0
        private(set) var completed = true

        init(calibrator: Calibrator, plannedRuns: Int, cache: [[Double]: CalibrationEvaluation]? = nil) {
            self.calibrator = calibrator
            self.plannedRuns = plannedRuns
            self.cache = cache ?? calibrator.known
        }

        /// Distinct candidates this search has used (simulated now or found already simulated).
        var distinctEvaluations: Int { lock.withLock { cache.count } }

        /// The candidates' evaluations in order, simulating (as one batch) those not known yet;
        /// nil when a stop left some unfinished.
        func evaluate(_ points: [[Double]], indices: [Int]) -> [CalibrationEvaluation]? {
            guard completed else { return nil }
            let problem = calibrator.problem
            var unknown: [Int] = []
            for (i, point) in points.enumerated() where lock.withLock({ cache[point] }) == nil && !unknown.contains(where: { points[$0] == point }) {
                unknown.append(i)
            }
            let missing = unknown
            if !missing.isEmpty {
                var batch = ExperimentBatch(experiments: missing.map { problem.experiment(values: points[$0]) }, jobs: calibrator.jobs)
                batch.shouldStop = calibrator.shouldStop
                let onEvaluation = calibrator.onEvaluation, progress = calibrator.progress, planned = plannedRuns
                batch.onEvaluation = { [self] position, result in
                    let i = missing[position]
                    let evaluation = problem.evaluation(values: points[i], result: result)
                    let done = lock.withLock {
                        cache[points[i]] = evaluation
                        runsDone += problem.replications
                        return runsDone
                    }
                    onEvaluation?(indices[i], evaluation)
                    progress?(min(done, planned), planned)
                }
                let results = batch.run()
                if results.contains(where: { $0 == nil }) { completed = false; return nil }
            }
            return lock.withLock { points.map { cache[$0]! } }
        }
    }
}
