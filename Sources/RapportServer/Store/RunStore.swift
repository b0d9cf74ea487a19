import Foundation
import GRDB
import RapportExperiment

/// The web app's database: the user's scenarios, and every run with its provenance and result.
///
/// SQLite through GRDB in WAL mode: every change is one transaction, so a `kill -9` at any
/// moment leaves either the state before a change or the state after it, never half of one.
/// Finished replications are committed as they complete, so a killed or cancelled run keeps them.
public final class RunStore: Sendable {
    let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the store in `directory`.
    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("rapport.sqlite")
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        // A DatabasePool always runs in WAL mode; FULL makes a commit durable across power loss,
        // not only across a killed process.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "scenario") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("text", .text).notNull()
                t.column("based_on", .text)
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("scenario_id", .integer).references("scenario", onDelete: .setNull)
                t.column("scenario_name", .text).notNull()
                t.column("scenario_file", .text).notNull()
                t.column("scenario_text", .text).notNull()
                t.column("scenario_hash", .text).notNull()
                t.column("sweep_spec", .text).notNull()
                t.column("rapport_version", .text).notNull()
                t.column("seed", .text).notNull()
                t.column("replications", .integer).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("done", .integer).notNull()
                t.column("total", .integer).notNull()
                t.column("submitted_at", .datetime).notNull()
                t.column("started_at", .datetime)
                t.column("finished_at", .datetime)
                t.column("duration_seconds", .double).notNull()
                t.column("error", .text)
                t.column("result_json", .text)
            }
            // One row per finished replication (or sweep point): what a cancel or a crash keeps.
            try db.create(table: "unit") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("task", .integer).notNull()
                t.column("json", .text).notNull()
                t.primaryKey(["run_id", "task"])
            }
        }
        return migrator
    }

    // MARK: Scenarios

    public func scenarios() throws -> [StoredScenario] {
        try pool.read { db in try StoredScenario.order(Column("updated_at").desc).fetchAll(db) }
    }

    public func scenario(_ id: Int64) throws -> StoredScenario? {
        try pool.read { db in try StoredScenario.fetchOne(db, key: id) }
    }

    /// Inserts the scenario, or updates it when it has an id; returns it with its id.
    @discardableResult
    public func save(_ scenario: StoredScenario) throws -> StoredScenario {
        try pool.write { db in
            var copy = scenario
            copy.updatedAt = Date()
            if copy.id == nil { try copy.insert(db) } else { try copy.update(db) }
            return copy
        }
    }

    /// Saves an edit of a stored scenario only if the stored one is still at `version` (what the
    /// editor was opened on), checked and written in one transaction so two tabs saving at once
    /// cannot both pass. Returns the saved scenario, or the stored one unchanged when it moved on.
    public func save(_ scenario: StoredScenario, ifVersion version: String) throws -> (saved: Bool, scenario: StoredScenario) {
        try pool.write { db in
            guard let id = scenario.id, let stored = try StoredScenario.fetchOne(db, key: id) else {
                var copy = scenario
                copy.updatedAt = Date()
                try copy.insert(db)
                return (true, copy)
            }
            guard stored.version == version else { return (false, stored) }
            var copy = scenario
            copy.updatedAt = Date()
            try copy.update(db)
            return (true, copy)
        }
    }

    public func deleteScenario(_ id: Int64) throws {
        _ = try pool.write { db in try StoredScenario.deleteOne(db, key: id) }
    }

    // MARK: Runs

    @discardableResult
    public func insert(_ run: StoredRun) throws -> StoredRun {
        try pool.write { db in
            var copy = run
            try copy.insert(db)
            return copy
        }
    }

    public func run(_ id: Int64) throws -> StoredRun? {
        try pool.read { db in try StoredRun.fetchOne(db, key: id) }
    }

    /// Runs, newest first, without their (large) scenario text and result.
    public func history(limit: Int = 500) throws -> [StoredRun] {
        try pool.read { db in
            try StoredRun.select(StoredRun.listedColumns).order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// Runs with a result, newest first (for the compare picker).
    public func finishedRuns(kind: StoredRun.Kind = .run) throws -> [StoredRun] {
        try pool.read { db in
            try StoredRun.select(StoredRun.listedColumns)
                .filter(Column("status") == StoredRun.Status.finished.rawValue && Column("kind") == kind.rawValue)
                .order(Column("id").desc).fetchAll(db)
        }
    }

    /// Applies `change` to the stored run in one transaction; returns the updated run.
    @discardableResult
    public func update(_ id: Int64, _ change: @Sendable (inout StoredRun) -> Void) throws -> StoredRun? {
        try pool.write { db in
            guard var run = try StoredRun.fetchOne(db, key: id) else { return nil }
            change(&run)
            try run.update(db)
            return run
        }
    }

    /// Keeps one finished unit (replication or sweep point) and counts it, in one transaction.
    public func keep(unit task: Int, json: String, of runID: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO unit (run_id, task, json) VALUES (?, ?, ?)",
                           arguments: [runID, task, json])
            try db.execute(sql: "UPDATE run SET done = (SELECT COUNT(*) FROM unit WHERE run_id = ?) WHERE id = ?",
                           arguments: [runID, runID])
        }
    }

    /// The units kept for a run, by task index.
    public func units(of runID: Int64) throws -> [Int: String] {
        try pool.read { db in
            var out: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT task, json FROM unit WHERE run_id = ?", arguments: [runID]) {
                out[row["task"]] = row["json"]
            }
            return out
        }
    }

    /// Stores the result and drops the units it was built from, in one transaction.
    public func finish(_ id: Int64, resultJSON: String, seconds: Double) throws {
        try pool.write { db in
            guard var run = try StoredRun.fetchOne(db, key: id) else { return }
            run.status = .finished
            run.resultJSON = resultJSON
            run.done = run.total
            run.finishedAt = Date()
            run.durationSeconds += seconds
            try run.update(db)
            try db.execute(sql: "DELETE FROM unit WHERE run_id = ?", arguments: [id])
        }
    }

    /// Marks the runs the last process left queued or running as interrupted: a stop or a crash
    /// cut them off. Their finished units are kept, so they can be resumed. Returns how many.
    @discardableResult
    public func markAbandonedRuns() throws -> Int {
        try pool.write { db in
            try db.execute(sql: "UPDATE run SET status = ? WHERE status IN (?, ?)",
                           arguments: [StoredRun.Status.interrupted.rawValue, StoredRun.Status.queued.rawValue,
                                       StoredRun.Status.running.rawValue])
            return db.changesCount
        }
    }

    /// SQLite's own check of the file: "ok" when every page and index is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// The journal mode in force ("wal").
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}

extension StoredRun {
    /// Every column but the large ones, for lists; the large ones come back empty.
    static var listedColumns: [any SQLSelectable] {
        [
            Column("id"), Column("kind"), Column("scenario_id"), Column("scenario_name"), Column("scenario_file"),
            SQL("'' AS scenario_text"), Column("scenario_hash"), Column("sweep_spec"), Column("rapport_version"),
            Column("seed"), Column("replications"), Column("status"), Column("done"), Column("total"),
            Column("submitted_at"), Column("started_at"), Column("finished_at"), Column("duration_seconds"),
            Column("error"), SQL("NULL AS result_json"),
        ]
    }
}
