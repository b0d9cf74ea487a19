import Foundation
import RapportModel
import RapportRandom

/// Finished tasks saved as they complete, one JSON line each, so an interrupted run can resume and
/// still give byte-identical results.
///
/// The first line identifies the run (a hash of the scenario text and overrides, the seed and the
/// replication count); a checkpoint from a different run is refused. A line cut short by the
/// interruption is ignored.
///
/// Safety, because a checkpoint path is user input:
/// - only a regular file whose first line is a checkpoint header (or a file this object created)
///   is ever truncated or removed; a folder, a scenario or a report at the path is refused;
/// - the file is locked (`flock`) while a run uses it, so a second run naming the same checkpoint
///   is refused instead of losing the first run's work when one of them finishes;
/// - every saved entry is counted only once it is really written, so an interrupted run never
///   claims to have kept what the disk refused.
public final class Checkpoint: @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var fd: Int32 = -1
    /// Valid entries on disk: those read back on resume plus those appended since.
    public private(set) var savedCount = 0
    /// Why an append failed, if one did (entries after it are not kept).
    public private(set) var writeFailure: String?

    /// The identity a checkpoint must match to be resumed.
    public struct Identity: Equatable, Sendable {
        public var scenarioHash: UInt64
        public var seed: UInt64
        public var replications: Int
        public init(scenarioText: String, overrides: [String], seed: UInt64, replications: Int) {
            // The text, then each override, each after a NUL (joined by hand: `joined(separator:)`
            // on [String] is not specialised, and its first use costs a conformance scan).
            var hashed = scenarioText
            for override in overrides { hashed += "\u{0}" + override }
            if overrides.isEmpty { hashed += "\u{0}" }
            scenarioHash = StreamSeed.fnv1a(hashed)
            self.seed = seed
            self.replications = replications
        }
        /// The header line's value.
        public var json: JSONValue {
            .object([(Checkpoint.headerKey, .number(1)), ("scenario_hash", .string(String(scenarioHash, radix: 16))),
                     ("seed", .string(String(seed))), ("replications", .number(Double(replications))),
                     (Checkpoint.numbersKey, .string(RandomStream.numbers))])
        }
    }

    /// Why a checkpoint cannot be used. `refused` problems stop the command (exit 2); the others
    /// mean the run can go on without a checkpoint.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
        public var refused: Bool
        /// Another run holds the checkpoint's lock.
        public var inUse = false
    }

    /// What `open` found: valid saved entries by task index, and how many lines were discarded.
    public struct Opened: Sendable {
        public var entries: [Int: JSONValue]
        public var discarded: [String]
    }

    static let headerKey = "checkpoint_version"
    /// The header's record of the random numbers (`RandomStream.numbers`); checkpoints written
    /// before it was recorded drew from GSL's Mersenne Twister.
    static let numbersKey = "random_numbers"

    public init(path: String) { self.path = path }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Opens and locks the checkpoint. With `resume`, returns the valid entries already saved
    /// (task in `0..<taskCount`, accepted by `isValid`); otherwise starts the file afresh.
    public func open(identity: Identity, resume: Bool, taskCount: Int,
                     isValid: (Int, JSONValue) -> String?) throws -> Opened {
        let (descriptor, created) = try openLocked()
        fd = descriptor
        let text = Self.readAll(descriptor)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if !created {
            guard let first = lines.first, Self.isHeader(String(first)) else {
                Glibc.close(descriptor); fd = -1
                throw Problem(description: "\(path) is not a Rapport checkpoint, and Rapport replaces only its own checkpoints; choose another --checkpoint", refused: true)
            }
        }
        var opened = Opened(entries: [:], discarded: [])
        if resume && !created {
            let header = try? JSONValue.parse(String(lines[0]))
            let numbers = header?[Self.numbersKey]?.string ?? "gsl-mt19937"
            guard numbers == RandomStream.numbers else {
                Glibc.close(descriptor); fd = -1
                throw Problem(description: "\(path) was written by another version of Rapport, whose random numbers (\(numbers)) differ from this one's (\(RandomStream.numbers)): resuming would mix the two; delete it to start afresh", refused: true)
            }
            guard header == identity.json else {
                Glibc.close(descriptor); fd = -1
                throw Problem(description: "\(path) was written by a different run (scenario, seed or replications changed); delete it to start afresh", refused: true)
            }
            let body = Array(lines.dropFirst())
            for (number, line) in body.enumerated() where !line.isEmpty {
                let lineNumber = number + 2
                guard let entry = try? JSONValue.parse(String(line)) else {
                    // The last line may be cut short by the interruption; anything else is damage.
                    if number != body.count - 1 { opened.discarded.append("line \(lineNumber): not JSON") }
                    continue
                }
                guard let task = entry["task"]?.exactInteger, task >= 0, task < taskCount else {
                    opened.discarded.append("line \(lineNumber): no task index from 0 to \(taskCount - 1)")
                    continue
                }
                guard let result = entry["result"] else {
                    opened.discarded.append("line \(lineNumber): task \(task) has no result")
                    continue
                }
                if let problem = isValid(task, result) {
                    opened.discarded.append("line \(lineNumber): task \(task): \(problem)")
                    continue
                }
                opened.entries[task] = result
            }
            savedCount = opened.entries.count
        } else {
            guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
                throw unavailable(String(cString: strerror(errno)))
            }
            do {
                try AtomicFile.writeAll(descriptor, Data(utf8: Self.line(identity.json)), path: path)
            } catch let error as OutputError {
                throw unavailable(error.reason)
            }
        }
        lseek(descriptor, 0, SEEK_END)
        return opened
    }

    /// Opens the file at `path` (creating it exclusively when absent) and takes its lock.
    private func openLocked() throws -> (Int32, Bool) {
        for _ in 0..<8 {
            var info = stat()
            var created = false
            var descriptor: Int32
            if lstat(path, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFREG else {
                    let what = info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file"
                    throw Problem(description: "\(path) is \(what); --checkpoint must name a file of its own", refused: true)
                }
                descriptor = Glibc.open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
            } else {
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
                created = true
                if descriptor < 0 && errno == EEXIST { continue }   // someone else made it: look again
            }
            guard descriptor >= 0 else { throw unavailable(String(cString: strerror(errno))) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                Glibc.close(descriptor)
                throw Problem(description: "\(path) is in use by another Rapport run; give this run its own --checkpoint (or --output)", refused: true, inUse: true)
            }
            // The run that held the lock may have finished and removed the file meanwhile.
            var held = stat(), current = stat()
            if fstat(descriptor, &held) == 0, lstat(path, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                return (descriptor, created)
            }
            Glibc.close(descriptor)
        }
        throw unavailable("the file keeps changing under us")
    }

    private func unavailable(_ reason: String) -> Problem {
        Problem(description: "cannot keep a checkpoint at \(path) (\(reason))", refused: false)
    }

    /// Appends one finished task; safe from any thread. Returns whether it was written.
    @discardableResult
    public func append(task: Int, entry: JSONValue) -> Bool {
        let text = Self.line(.object([("task", .number(Double(task))), ("result", entry)]))
        lock.lock(); defer { lock.unlock() }
        guard fd >= 0, writeFailure == nil else { return false }
        do {
            try AtomicFile.writeAll(fd, Data(utf8: text), path: path)
            savedCount += 1
            return true
        } catch let error as OutputError {
            writeFailure = error.reason
            return false
        } catch {
            writeFailure = "\(error)"
            return false
        }
    }

    /// Appends one finished replication; safe from any thread.
    @discardableResult
    public func append(task: Int, result: ReplicationResult) -> Bool {
        append(task: task, entry: result.json())
    }

    /// Whether a checkpoint is being kept at all.
    public var isOpen: Bool { fd >= 0 }

    /// Removes the checkpoint (the run it protected has finished) and releases the lock. Only the
    /// very file this object opened and checked is removed.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        guard fd >= 0 else { return }
        var held = stat(), current = stat()
        if fstat(fd, &held) == 0, lstat(path, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev {
            unlink(path)
        }
        Glibc.close(fd)
        fd = -1
    }

    /// Releases the file, keeping it for a later --resume.
    public func close() {
        lock.lock(); defer { lock.unlock() }
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Whether `line` is a checkpoint's first line.
    static func isHeader(_ line: String) -> Bool {
        guard let parsed = try? JSONValue.parse(line), parsed[headerKey] != nil else { return false }
        return true
    }

    private static func readAll(_ fd: Int32) -> String {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        lseek(fd, 0, SEEK_SET)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data.append(buffer, count: n)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// One JSON value on one line.
    public static func line(_ value: JSONValue) -> String {
        value.renderedOnOneLine() + "\n"
    }
}

extension JSONValue {
    /// The value as an integer when it is a whole number that fits, else nil.
    public var exactInteger: Int? {
        guard case .number(let v) = self, v.isFinite, v == v.rounded(), abs(v) < 9.0e15 else { return nil }
        return Int(v)
    }
}
