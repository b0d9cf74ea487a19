import ArgumentParser
import Foundation
import RapportExperiment

/// What `run` and `sweep` share when they keep finished work: resume from the checkpoint or start
/// a fresh one, and let Ctrl-C stop cleanly.
enum CheckpointStart {
    /// Opens the checkpoint at `path` for `identity`. With `resume`, returns the valid work already
    /// saved there; damaged entries are reported and run again. A path that is not a checkpoint
    /// exits 2, and so does one another run is using when the user named it (`chosen`); the
    /// default one in use, or an unwritable location, lets the run go on without a checkpoint.
    static func open(_ path: String, chosen: Bool, identity: Checkpoint.Identity, resume: Bool, unit: String, taskCount: Int,
                     isValid: (Int, JSONValue) -> String?) throws -> (Checkpoint, [Int: JSONValue]) {
        let store = Checkpoint(path: path)
        var saved: [Int: JSONValue] = [:]
        do {
            let opened = try store.open(identity: identity, resume: resume, taskCount: taskCount, isValid: isValid)
            saved = opened.entries
            if !opened.discarded.isEmpty {
                let shown = opened.discarded.prefix(3).joined(separator: "; ")
                let more = opened.discarded.count > 3 ? "; and \(opened.discarded.count - 3) more" : ""
                Terminal.error("warning: \(path): discarded \(opened.discarded.count) damaged entr\(opened.discarded.count == 1 ? "y" : "ies"), to be run again (\(shown)\(more))")
            }
            if resume { Terminal.error("resuming: \(saved.count) \(unit)(s) already finished in \(path)") }
        } catch let problem as Checkpoint.Problem {
            let busyDefault = problem.inUse && !chosen && !resume
            if (problem.refused && !busyDefault) || resume {
                Terminal.error("error: \(problem)")
                throw ExitCode(2)
            }
            Terminal.error("warning: \(problem); this run keeps no checkpoint, so an interrupted run will have to start again")
        }
        Interrupt.install()
        return (store, saved)
    }

    /// The message for Ctrl-C: what finished and what was really written to the checkpoint.
    static func interrupted(_ store: Checkpoint, finished: Int, of total: Int, unit: String) -> String {
        let kept: String
        if let failure = store.writeFailure {
            kept = "only \(store.savedCount) kept in \(store.path) (writing it failed: \(failure))"
        } else if !store.isOpen && store.savedCount == 0 {
            kept = "none kept (no checkpoint could be written)"
        } else {
            kept = "\(store.savedCount) kept in \(store.path)"
        }
        return "interrupted: \(finished) of \(total) \(unit)s finished, \(kept); run again with --resume to finish"
    }

    /// The checkpoint path: the one chosen, or the default; refused (exit 2) when it is the output
    /// or the scenario itself.
    static func path(chosen: String?, output: String?, scenario: String) throws -> String {
        let path = chosen ?? defaultPath(output: output, scenario: scenario)
        for (other, what) in [(output, "--output"), (scenario, "the scenario")] {
            if let other, samePath(path, other) {
                Terminal.error("error: --checkpoint \(path) is the same file as \(what); choose another checkpoint path")
                throw ExitCode(2)
            }
        }
        return path
    }

    /// Writes the finished run's output, then removes its checkpoint; when the output cannot be
    /// written, the checkpoint is kept for `--resume`.
    static func writing(_ store: Checkpoint, unit: String, _ write: () throws -> Void) throws {
        do {
            try write()
        } catch {
            if store.isOpen { Terminal.error("the finished \(unit)s stay in \(store.path); run again with --resume once the output can be written") }
            store.close()
            throw error
        }
        store.finish()
    }

    /// `OUTPUT.checkpoint`, or `SCENARIO.checkpoint` when the output is standard output or a
    /// device or pipe (`/dev/null.checkpoint` would be nobody's idea of a place).
    static func defaultPath(output: String?, scenario: String) -> String {
        var info = stat()
        if let output, stat(output, &info) != 0 || info.st_mode & S_IFMT == S_IFREG { return output + ".checkpoint" }
        return scenario + ".checkpoint"
    }

    /// Whether two paths name the same file (after resolving `.`, `..` and symbolic links).
    ///
    /// Two existing files are the same when they are one inode (a hard link too); an existing file
    /// and a path where nothing is, not even a dangling link, never are; two absent paths with
    /// different plain final names never are. Only what remains goes through URL's canonical form,
    /// whose first use costs two protocol-conformance scans (about 0.8 M instructions), which a run
    /// beside a fresh checkpoint no longer pays.
    static func samePath(_ a: String, _ b: String) -> Bool {
        var fileA = stat(), fileB = stat(), link = stat()
        let existsA = stat(a, &fileA) == 0, existsB = stat(b, &fileB) == 0
        if existsA && existsB { return fileA.st_dev == fileB.st_dev && fileA.st_ino == fileB.st_ino }
        let absentA = !existsA && lstat(a, &link) != 0, absentB = !existsB && lstat(b, &link) != 0
        if (existsA && absentB) || (absentA && existsB) { return false }
        if absentA && absentB {
            let names = [(a as NSString).lastPathComponent, (b as NSString).lastPathComponent]
            if names[0] != names[1] && !names.contains(where: { ["", ".", ".."].contains($0) }) { return false }
        }
        func canonical(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        return canonical(a) == canonical(b)
    }
}
