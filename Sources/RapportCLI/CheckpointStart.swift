import ArgumentParser
import Foundation
import RapportExperiment

/// What `run` and `sweep` share when they keep finished work: resume from the checkpoint or start
/// a fresh one, and let Ctrl-C stop cleanly.
enum CheckpointStart {
    /// Opens the checkpoint at `path` for `identity`. With `resume`, returns the work already
    /// saved there (a checkpoint from another run exits 2); otherwise discards any old one.
    static func open(_ path: String, identity: Checkpoint.Identity, resume: Bool, unit: String) throws -> (Checkpoint, [Int: JSONValue]) {
        let store = Checkpoint(path: path)
        var saved: [Int: JSONValue] = [:]
        if resume {
            do {
                saved = try store.loadEntries(expecting: identity)
            } catch {
                Terminal.error("error: \(error)")
                throw ExitCode(2)
            }
            Terminal.error("resuming: \(saved.count) \(unit)(s) already finished in \(path)")
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
        try store.open(identity: identity)
        Interrupt.install()
        return (store, saved)
    }
}
