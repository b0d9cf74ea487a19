import Foundation
import Hummingbird
import RapportExperiment
import RapportReport

/// Past runs, and any two of them side by side.
extension RapportWebApp {
    func addHistoryRoutes(to router: Router<WebContext>) {
        router.get("/history") { _, _ in
            let rows = try self.store.history().map(Self.historyRow)
            let (waiting, running) = await self.queue.counts
            return self.pages.render("history", ["title": "History", "navHistory": true, "runs": rows, "hasRuns": !rows.isEmpty,
                                                 "waiting": waiting, "running": running])
        }

        router.get("/compare") { request, _ in
            let query = request.uri.queryParameters
            let finished = try self.store.finishedRuns()
            var data: [String: Any] = ["title": "Compare runs", "navCompare": true]
            let a = query["a"].flatMap { Int64(String($0)) }, b = query["b"].flatMap { Int64(String($0)) }
            data["choicesA"] = finished.map { ["id": $0.id!, "label": Self.label($0), "selected": $0.id == a] }
            data["choicesB"] = finished.map { ["id": $0.id!, "label": Self.label($0), "selected": $0.id == b] }
            data["enough"] = finished.count >= 2
            if let a, let b {
                guard let runA = try self.store.run(a), let runB = try self.store.run(b),
                      let jsonA = runA.resultJSON, let jsonB = runB.resultJSON, runA.kind == .run, runB.kind == .run else {
                    throw HTTPError(.notFound, message: "both runs must exist and be finished runs (not sweeps)")
                }
                let resultA = try RunResult(json: JSONValue.parse(jsonA)), resultB = try RunResult(json: JSONValue.parse(jsonB))
                let comparison = RunComparison(a: resultA, b: resultB, variantA: query["av"].map(String.init), variantB: query["bv"].map(String.init))
                data["comparison"] = comparison.rows
                data["hasComparison"] = true
                data["variantsA"] = resultA.variants.map { ["name": $0.name, "selected": $0.name == comparison.variantA.name] }
                data["variantsB"] = resultB.variants.map { ["name": $0.name, "selected": $0.name == comparison.variantB.name] }
                data["paired"] = comparison.paired
                data["pairing"] = comparison.pairingNote
                data["nameA"] = "run \(a) · \(comparison.variantA.name)"
                data["nameB"] = "run \(b) · \(comparison.variantB.name)"
                data["runA"] = Self.historyRow(runA)
                data["runB"] = Self.historyRow(runB)
            }
            return self.pages.render("compare", data)
        }
    }

    static func label(_ run: StoredRun) -> String {
        "#\(run.id!) \(run.scenarioName) (seed \(run.seed), \(run.replications) reps, \(DisplayFormat.date(run.submittedAt)))"
    }

    /// A run's provenance and state, as history, run and result pages list it.
    static func historyRow(_ run: StoredRun) -> [String: Any] {
        [
            "id": run.id ?? 0, "kind": run.kind.rawValue, "scenario": run.scenarioName, "file": run.scenarioFile,
            "hash": run.scenarioHash, "version": run.rapportVersion, "seed": run.seed, "replications": run.replications,
            "status": run.status.rawValue, "done": run.done, "total": run.total,
            "submitted": DisplayFormat.date(run.submittedAt), "started": DisplayFormat.date(run.startedAt),
            "finishedAt": DisplayFormat.date(run.finishedAt), "duration": DisplayFormat.seconds(run.durationSeconds),
            "isFinished": run.status == .finished, "error": run.error ?? "",
        ]
    }
}
