import Dispatch
import Foundation
import RapportExperiment
import RapportModel
import RapportScenario

/// Carries out one stored run: loads its scenario text, simulates on a thread of its own (the
/// simulation blocks, so it stays off Swift's cooperative pool), keeps every finished replication
/// in the store, and records the result, or the error, or the cancel.
public struct RunExecutor: Sendable {
    public let store: RunStore
    public let monitor: RunMonitor

    public init(store: RunStore, monitor: RunMonitor) {
        self.store = store
        self.monitor = monitor
    }

    func execute(_ id: Int64, jobs: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                self.executeBlocking(id, jobs: jobs)
                continuation.resume()
            }
        }
    }

    private func executeBlocking(_ id: Int64, jobs: Int) {
        guard let run = try? store.run(id) else { return }
        let started = Date()
        do {
            if monitor.isCancelRequested(id) { throw Cancelled() }
            try store.update(id) { $0.status = .running; if $0.startedAt == nil { $0.startedAt = started } }
            monitor.set(id, .init(status: .running, done: run.done, total: run.total))
            let json: String
            switch run.kind {
            case .run: json = try simulate(run, jobs: jobs)
            case .sweep: json = try sweep(run, jobs: jobs)
            }
            let seconds = Date().timeIntervalSince(started)
            try store.finish(id, resultJSON: json, seconds: seconds)
            monitor.set(id, .init(status: .finished, done: run.total, total: run.total))
        } catch is Cancelled {
            let seconds = Date().timeIntervalSince(started)
            let kept = (try? store.update(id) { $0.status = .cancelled; $0.durationSeconds += seconds })??.done ?? 0
            monitor.set(id, .init(status: .cancelled, done: kept, total: run.total))
        } catch {
            let message = Self.describe(error)
            _ = try? store.update(id) { $0.status = .failed; $0.error = message; $0.finishedAt = Date() }
            monitor.set(id, .init(status: .failed, done: 0, total: run.total, error: message))
        }
    }

    struct Cancelled: Error {}

    static func describe(_ error: Error) -> String {
        if let e = error as? ScenarioError { return e.description }
        return String(describing: error)
    }

    /// Every variant, every replication; replications already kept (a resumed run) are not rerun.
    private func simulate(_ run: StoredRun, jobs: Int) throws -> String {
        let id = run.id!
        let scenario = try ScenarioLoader.load(text: run.scenarioText, file: run.scenarioFile)
        var experiment = Experiment(scenario: scenario, replications: run.replications, seed: run.seedValue, jobs: jobs)
        experiment.finished = try store.units(of: id).mapValues { try ReplicationResult(json: JSONValue.parse($0)) }
        let store = store, monitor = monitor
        experiment.onReplication = { task, result in
            try? store.keep(unit: task, json: result.json().rendered(), of: id)
        }
        experiment.progress = { done, _ in monitor.progress(id, done: done) }
        experiment.shouldStop = { monitor.isCancelRequested(id) }
        let results = experiment.runReplications()
        guard results.allSatisfy({ $0 != nil }) else { throw Cancelled() }
        return experiment.summarise(results.map { $0! }).json().rendered()
    }

    /// Every point of the grid; points already kept are not rerun.
    private func sweep(_ run: StoredRun, jobs: Int) throws -> String {
        let id = run.id!
        let sets = SweepSpec.parse(run.sweepSpec)
        let base = try ScenarioLoader.load(text: run.scenarioText, file: run.scenarioFile)
        let grid = SweepGrid(scenario: base, sets: sets)
        let kept = try store.units(of: id).mapValues { try SweepResult.point(json: JSONValue.parse($0)) }
        var points: [SweepResult.Point] = []
        for index in 0..<grid.count {
            if let point = kept[index] { points.append(point); continue }
            if monitor.isCancelRequested(id) { throw Cancelled() }
            let settings = grid.point(index)
            let scenario = try ScenarioLoader.load(text: run.scenarioText, file: run.scenarioFile, overrides: settings)
            var experiment = Experiment(scenario: scenario, replications: run.replications, seed: run.seedValue, jobs: jobs)
            let monitor = monitor
            experiment.shouldStop = { monitor.isCancelRequested(id) }
            let results = experiment.runReplications()
            guard results.allSatisfy({ $0 != nil }) else { throw Cancelled() }
            let point = SweepResult.Point(index: index, settings: settings, result: experiment.summarise(results.map { $0! }))
            try store.keep(unit: index, json: SweepResult.json(point).rendered(), of: id)
            monitor.progress(id, done: points.count + 1)
            points.append(point)
        }
        return SweepResult(scenario: base.name, file: run.scenarioFile, grid: grid, shard: nil, points: points).json().rendered()
    }
}

/// A sweep's settings as the store keeps them: one `path=v1,v2,…` per line.
public enum SweepSpec {
    public static func parse(_ text: String) -> [(path: String, value: String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]).trimmingCharacters(in: .whitespaces), String(parts[1]).trimmingCharacters(in: .whitespaces))
        }
    }
}
