import Foundation
import Synchronization

/// Ctrl-C: the first press lets running replications finish and keeps them; a second press
/// exits at once. Either way, what was checkpointed is not lost.
enum Interrupt {
    static let requested = Atomic<Bool>(false)

    static func install() {
        // A parent (a test runner, a CI shell) may have blocked these; a blocked Ctrl-C would
        // never reach us.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        // The first signal asks for a clean stop after the work in flight; a second one means it.
        signal(SIGINT) { _ in
            if Interrupt.requested.exchange(true, ordering: .relaxed) { _exit(130) }
        }
        signal(SIGTERM) { _ in
            if Interrupt.requested.exchange(true, ordering: .relaxed) { _exit(130) }
        }
    }

    static var isRequested: Bool { requested.load(ordering: .relaxed) }
}
