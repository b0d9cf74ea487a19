import Foundation
import Hummingbird
import RapportExperiment

/// The scenarios page: the shipped ones (run as they are, or copy into the editor) and the
/// user's own.
extension RapportWebApp {
    func addScenarioRoutes(to router: Router<WebContext>) {
        router.get("/scenarios") { _, _ in
            let shippedRows: [[String: Any]] = self.shipped.entries.map { entry in
                let title = ScenarioCheck.title(of: entry.text)
                return ["path": entry.path, "name": title.name ?? entry.path, "description": title.description ?? ""]
            }
            let userRows: [[String: Any]] = try self.store.scenarios().map { s in
                ["id": s.id ?? 0, "name": s.name, "basedOn": s.basedOn ?? "", "updated": DisplayFormat.date(s.updatedAt)]
            }
            return self.pages.render("scenarios", [
                "title": "Scenarios", "navScenarios": true, "shipped": shippedRows, "user": userRows,
                "hasUser": !userRows.isEmpty, "hasShipped": !shippedRows.isEmpty,
            ])
        }

        // A new scenario of the user's: a copy of a shipped one or of one of theirs.
        router.post("/scenarios/new") { request, context in
            let form = try await FormFields.of(request, context: context)
            var text = "", basedOn: String?
            if let path = form["from"], let entry = self.shipped.entry(path) {
                text = entry.text
                basedOn = path
            } else if let copy = form["copy"].flatMap(Int64.init), let original = try self.store.scenario(copy) {
                text = original.text
                basedOn = original.basedOn
            } else {
                throw HTTPError(.badRequest, message: "choose a scenario to start from")
            }
            let name = (ScenarioCheck.title(of: text).name ?? "scenario") + " (my copy)"
            let saved = try self.store.save(StoredScenario(name: name, text: text, basedOn: basedOn))
            return Response.redirect(to: "/scenarios/\(saved.id!)", type: .normal)
        }

        router.post("/scenarios/:id/delete") { _, context in
            try self.store.deleteScenario(try Self.id(context))
            return Response.redirect(to: "/scenarios", type: .normal)
        }

        // Running a shipped scenario as it is.
        router.post("/shipped/run") { request, context in
            let form = try await FormFields.of(request, context: context)
            guard let path = form["path"], let entry = self.shipped.entry(path) else {
                throw HTTPError(.notFound, message: "no shipped scenario has that name")
            }
            let name = ScenarioCheck.title(of: entry.text).name ?? path
            let run = try await self.submit(text: entry.text, file: path, name: name, scenarioID: nil)
            return Response.redirect(to: "/runs/\(run)", type: .normal)
        }
    }

    /// Checks the scenario and queues a run of it; returns the run's id. A scenario with errors is
    /// refused before anything is stored (422 with the errors).
    func submit(text: String, file: String, name: String, scenarioID: Int64?, sweep: [(path: String, value: String)] = []) async throws -> Int64 {
        let outcome = ScenarioCheck.check(text, file: file)
        guard let scenario = outcome.scenario else {
            throw HTTPError(.unprocessableContent, message: "the scenario has errors; fix them first:\n" + outcome.diagnostics.map(\.description).joined(separator: "\n"))
        }
        var total = scenario.variants.count * scenario.replications
        var kind = StoredRun.Kind.run
        if !sweep.isEmpty {
            kind = .sweep
            let grid = SweepGrid(scenario: scenario, sets: sweep)
            guard grid.count <= 200 else { throw HTTPError(.unprocessableContent, message: "a sweep of \(grid.count) points is more than this app runs (200); use rapport sweep with shards") }
            for index in 0..<grid.count {
                let check = ScenarioCheck.check(text, overrides: grid.point(index), file: file)
                guard check.ok else {
                    throw HTTPError(.unprocessableContent, message: "sweep point \(index + 1) cannot run:\n" + check.diagnostics.map(\.description).joined(separator: "\n"))
                }
            }
            total = grid.count
        }
        let identity = Checkpoint.Identity(scenarioText: text, overrides: sweep.map { "\($0.path)=\($0.value)" }, seed: scenario.seed,
                                           replications: scenario.replications)
        let run = try store.insert(StoredRun(
            kind: kind, scenarioID: scenarioID, scenarioName: name, scenarioFile: file, scenarioText: text,
            scenarioHash: String(identity.scenarioHash, radix: 16), sweepSpec: sweep.map { "\($0.path)=\($0.value)" }.joined(separator: "\n"),
            seed: scenario.seed, replications: scenario.replications, total: total))
        let id = run.id!
        monitor.set(id, .init(status: .queued, done: 0, total: total))
        do {
            try await queue.submit(id)
        } catch {
            try store.update(id) { $0.status = .failed; $0.error = "\(error)" }
            throw HTTPError(.serviceUnavailable, message: "\(error)")
        }
        return id
    }
}

/// Dates and durations as the pages show them.
enum DisplayFormat {
    static func date(_ date: Date?) -> String {
        guard let date else { return "" }
        return utc("yyyy-MM-dd HH:mm:ss 'UTC'", date)
    }

    /// "14:03:27 UTC", as the editor says when another tab saved.
    static func clock(_ date: Date) -> String { utc("HH:mm:ss 'UTC'", date) }

    private static func utc(_ pattern: String, _ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = pattern
        return f.string(from: date)
    }

    static func seconds(_ s: Double) -> String {
        s < 60 ? String(format: "%.1f s", s) : String(format: "%d min %02d s", Int(s) / 60, Int(s) % 60)
    }
}
