import Foundation
import RapportModel
import RapportRandom

/// Finished replications saved as they complete, one JSON line each, so an interrupted run can
/// resume and still give byte-identical results.
///
/// The first line identifies the run (a hash of the scenario text and overrides, the seed and
/// the replication count); a checkpoint from a different run is refused. A line cut short by
/// the interruption is ignored.
public final class Checkpoint: @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var handle: FileHandle?

    /// The identity a checkpoint must match to be resumed.
    public struct Identity: Equatable, Sendable {
        public var scenarioHash: UInt64
        public var seed: UInt64
        public var replications: Int
        public init(scenarioText: String, overrides: [String], seed: UInt64, replications: Int) {
            scenarioHash = StreamSeed.fnv1a(scenarioText + "\u{0}" + overrides.joined(separator: "\u{0}"))
            self.seed = seed
            self.replications = replications
        }
        var json: JSONValue {
            .object([("checkpoint_version", .number(1)), ("scenario_hash", .string(String(scenarioHash, radix: 16))),
                     ("seed", .string(String(seed))), ("replications", .number(Double(replications)))])
        }
    }

    public init(path: String) { self.path = path }

    /// Replications already finished under `identity`, by task index; empty when there is no
    /// checkpoint. Throws when the checkpoint belongs to another run.
    public func load(expecting identity: Identity) throws -> [Int: ReplicationResult] {
        try loadEntries(expecting: identity).mapValues(ReplicationResult.init(json:))
    }

    /// Entries already saved under `identity`, as JSON, by task index (for any kind of task).
    public func loadEntries(expecting identity: Identity) throws -> [Int: JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard let header = lines.first, let parsed = try? JSONValue.parse(String(header)), parsed == identity.json else {
            throw ResultFileError("\(path) was written by a different run (scenario, seed or replications changed); delete it to start afresh")
        }
        var finished: [Int: JSONValue] = [:]
        for line in lines.dropFirst() {
            guard let entry = try? JSONValue.parse(String(line)), let task = entry["task"]?.double, let result = entry["result"] else { continue }
            finished[Int(task)] = result
        }
        return finished
    }

    /// Starts appending; writes the header when the file is new.
    public func open(identity: Identity) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data((Self.line(identity.json)).utf8))
        }
        handle = FileHandle(forWritingAtPath: path)
        handle?.seekToEndOfFile()
    }

    /// Appends one finished replication; safe from any thread.
    public func append(task: Int, result: ReplicationResult) {
        append(task: task, entry: result.json())
    }

    /// Appends one finished task of any kind; safe from any thread.
    public func append(task: Int, entry: JSONValue) {
        let text = Self.line(.object([("task", .number(Double(task))), ("result", entry)]))
        lock.lock(); defer { lock.unlock() }
        handle?.write(Data(text.utf8))
    }

    /// Closes the file and removes it: the run it protected has finished.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(atPath: path)
    }

    public func close() {
        lock.lock(); defer { lock.unlock() }
        try? handle?.close()
        handle = nil
    }

    /// One JSON value on one line.
    static func line(_ value: JSONValue) -> String {
        value.rendered().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") + "\n"
    }
}
