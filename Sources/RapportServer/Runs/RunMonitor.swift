import Foundation

/// What this process knows about runs in flight: progress for the live page, and cancel requests.
/// The store holds the durable state; this holds what changes many times a second.
public final class RunMonitor: @unchecked Sendable {
    /// A run's live state.
    public struct Live: Sendable, Equatable {
        public var status: StoredRun.Status
        public var done: Int
        public var total: Int
        public var error: String?
    }

    private let lock = NSLock()
    private var live: [Int64: Live] = [:]
    private var cancels: Set<Int64> = []

    public init() {}

    public func set(_ id: Int64, _ state: Live) {
        lock.withLock { live[id] = state }
    }

    public func progress(_ id: Int64, done: Int) {
        lock.withLock {
            guard var state = live[id] else { return }
            state.done = max(state.done, done)
            live[id] = state
        }
    }

    public func state(_ id: Int64) -> Live? {
        lock.withLock { live[id] }
    }

    /// Asks a queued or running run to stop; finished replications are kept.
    public func requestCancel(_ id: Int64) {
        _ = lock.withLock { cancels.insert(id) }
    }

    public func isCancelRequested(_ id: Int64) -> Bool {
        lock.withLock { cancels.contains(id) }
    }

    /// Forgets a run's cancel request once it has stopped, so a resume can run it again.
    public func clearCancel(_ id: Int64) {
        _ = lock.withLock { cancels.remove(id) }
    }
}
