import Foundation
import Synchronization

/// Ctrl-C: the first press lets running replications finish and keeps them; they are not lost.
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
        signal(SIGINT) { _ in Interrupt.requested.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in Interrupt.requested.store(true, ordering: .relaxed) }
    }

    static var isRequested: Bool { requested.load(ordering: .relaxed) }
}
