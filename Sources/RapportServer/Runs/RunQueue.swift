import Foundation

/// Runs submitted from the web, at most `slots` at a time, the rest waiting in order.
///
/// A flood of submissions cannot exhaust the machine: at most `slots` runs compute at once, and
/// at most `capacity` wait; past that a submission is refused (the page says so) instead of
/// piling up. Each running run gets an equal share of the cores.
public actor RunQueue {
    /// Thrown when `capacity` runs are already waiting.
    public struct Full: Error, CustomStringConvertible {
        public let capacity: Int
        public var description: String { "the run queue is full (\(capacity) runs waiting); try again when some have finished" }
    }

    public nonisolated let slots: Int
    public nonisolated let capacity: Int
    private let executor: RunExecutor
    private var waiting: [Int64] = []
    private var active = 0

    public init(executor: RunExecutor, slots: Int, capacity: Int) {
        self.executor = executor
        self.slots = max(1, slots)
        self.capacity = max(1, capacity)
    }

    /// Queues a stored run; it starts as soon as a slot is free.
    public func submit(_ id: Int64) throws {
        guard waiting.count < capacity else { throw Full(capacity: capacity) }
        waiting.append(id)
        executor.monitor.clearCancel(id)
        pump()
    }

    /// Runs waiting, and running.
    public var counts: (waiting: Int, running: Int) { (waiting.count, active) }

    /// Takes a run out of the queue if it has not started; returns whether it was waiting.
    public func withdraw(_ id: Int64) -> Bool {
        guard let i = waiting.firstIndex(of: id) else { return false }
        waiting.remove(at: i)
        return true
    }

    private func pump() {
        while active < slots, !waiting.isEmpty {
            let id = waiting.removeFirst()
            active += 1
            let executor = executor
            let jobs = max(1, ProcessInfo.processInfo.activeProcessorCount / slots)
            Task.detached {
                await executor.execute(id, jobs: jobs)
                await self.finished()
            }
        }
    }

    private func finished() {
        active -= 1
        pump()
    }
}
