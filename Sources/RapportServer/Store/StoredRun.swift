import Foundation
import GRDB
import RapportExperiment

/// One run as the store keeps it: its provenance (scenario text and hash, Rapport version, seed,
/// replications, when it ran and how long it took), its state, and its result once finished.
public struct StoredRun: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"

    /// Where a run is in its life.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for a free run slot.
        case queued
        case running
        case finished
        /// Stopped by the user; finished replications are kept and the run can be resumed.
        case cancelled
        /// The server stopped (or was killed) while it ran; finished replications are kept.
        case interrupted
        /// The scenario could not be run; `error` says why.
        case failed

        /// Whether the run can be continued from its kept replications.
        public var isResumable: Bool { self == .cancelled || self == .interrupted }
    }

    /// What the run computed.
    public enum Kind: String, Codable, Sendable {
        /// Every variant of the scenario (`rapport run`).
        case run
        /// A grid of settings (`rapport sweep`).
        case sweep
    }

    public var id: Int64?
    public var kind: Kind
    /// The user's scenario it came from, if any (nil for shipped scenarios or deleted ones).
    public var scenarioID: Int64?
    public var scenarioName: String
    /// The file name as shown in messages, e.g. `quota-vs-thresholds.yaml`.
    public var scenarioFile: String
    public var scenarioText: String
    /// FNV-1a of the scenario text, as checkpoints identify a scenario (hexadecimal).
    public var scenarioHash: String
    /// For sweeps: `path=v1,v2,…` per line.
    public var sweepSpec: String
    public var rapportVersion: String
    /// The master seed, as decimal text (a UInt64 does not fit SQLite's signed integers).
    public var seed: String
    public var replications: Int
    public var status: Status
    /// Replications (or sweep points) finished, and in all.
    public var done: Int
    public var total: Int
    public var submittedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Wall-clock seconds spent running (summed over resumptions).
    public var durationSeconds: Double
    public var error: String?
    /// The result as `rapport run --format json` writes it; nil until finished.
    public var resultJSON: String?

    public init(kind: Kind = .run, scenarioID: Int64?, scenarioName: String, scenarioFile: String, scenarioText: String,
                scenarioHash: String, sweepSpec: String = "", seed: UInt64, replications: Int, total: Int, submittedAt: Date = Date()) {
        self.kind = kind
        self.scenarioID = scenarioID
        self.scenarioName = scenarioName
        self.scenarioFile = scenarioFile
        self.scenarioText = scenarioText
        self.scenarioHash = scenarioHash
        self.sweepSpec = sweepSpec
        self.rapportVersion = RapportVersion.current
        self.seed = String(seed)
        self.replications = replications
        self.status = .queued
        self.done = 0
        self.total = total
        self.submittedAt = submittedAt
        self.durationSeconds = 0
    }

    public var seedValue: UInt64 { UInt64(seed) ?? 0 }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey {
        case id, kind, status, done, total, error, seed, replications
        case scenarioID = "scenario_id", scenarioName = "scenario_name", scenarioFile = "scenario_file"
        case scenarioText = "scenario_text", scenarioHash = "scenario_hash", sweepSpec = "sweep_spec"
        case rapportVersion = "rapport_version", submittedAt = "submitted_at", startedAt = "started_at"
        case finishedAt = "finished_at", durationSeconds = "duration_seconds", resultJSON = "result_json"
    }
}

/// A scenario the user saved from the editor.
public struct StoredScenario: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scenario"

    public var id: Int64?
    public var name: String
    public var text: String
    /// The shipped scenario it was created from, if any.
    public var basedOn: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(name: String, text: String, basedOn: String?, at date: Date = Date()) {
        self.name = name
        self.text = text
        self.basedOn = basedOn
        createdAt = date
        updatedAt = date
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Which saved state of the scenario an editor page was opened on: a hash of its name and
    /// text. A save that names another version than the stored one would overwrite an edit made
    /// elsewhere (another tab), so it is refused.
    public var version: String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in (name + "\u{0}" + text).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(hash, radix: 16)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, text
        case basedOn = "based_on", createdAt = "created_at", updatedAt = "updated_at"
    }
}
