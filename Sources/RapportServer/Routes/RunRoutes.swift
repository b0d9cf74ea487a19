import Foundation
import Hummingbird
import RapportExperiment
import RapportReport

/// A run's page (live progress while it runs, the report once finished), its progress stream,
/// cancel and resume, and its downloads.
extension RapportWebApp {
    func addRunRoutes(to router: Router<WebContext>) {
        router.get("/runs/:id") { _, context in
            let run = try self.storedRun(context)
            if run.status == .finished, let json = run.resultJSON { return try self.resultPage(run, json: json) }
            let live = self.monitor.state(run.id!)
            let done = max(live?.done ?? 0, run.done)
            return self.pages.render("run", [
                "title": "Run \(run.id!)", "navHistory": true, "run": Self.historyRow(run),
                "id": run.id!, "status": (live?.status ?? run.status).rawValue,
                "done": done, "total": run.total, "percent": run.total > 0 ? done * 100 / run.total : 0,
                "active": run.status == .queued || run.status == .running,
                "resumable": run.status.isResumable, "failed": run.status == .failed, "error": run.error ?? "",
                "unit": run.kind == .sweep ? "points" : "replications",
            ])
        }

        // Server-sent events: the progress of one run, until it stops.
        router.get("/runs/:id/events") { _, context in
            let id = try Self.id(context)
            guard let first = try self.store.run(id) else { throw HTTPError(.notFound, message: "no such run") }
            let store = self.store, monitor = self.monitor
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init { writer in
                var last: RunMonitor.Live?
                // At most an hour of updates per connection; the page reconnects if it needs more.
                for tick in 0..<14_400 {
                    let state = monitor.state(id) ?? (try? store.run(id)).flatMap { $0 }.map {
                        RunMonitor.Live(status: $0.status, done: $0.done, total: $0.total, error: $0.error)
                    } ?? RunMonitor.Live(status: first.status, done: first.done, total: first.total)
                    if state != last || tick % 40 == 0 {
                        let data = JSONValue.object([("status", .string(state.status.rawValue)), ("done", .number(Double(state.done))),
                                                     ("total", .number(Double(state.total))), ("error", .string(state.error ?? ""))])
                        let line = data.rendered().replacingOccurrences(of: "\n", with: "")
                        try await writer.write(ByteBuffer(string: "event: progress\ndata: \(line)\n\n"))
                        last = state
                    }
                    if ![.queued, .running].contains(state.status) { break }
                    try await Task.sleep(for: .milliseconds(250))
                }
                try await writer.finish(nil)
            })
        }

        // Cancel keeps the finished replications, as Ctrl-C does; resume runs only the rest.
        router.post("/runs/:id/cancel") { _, context in
            let run = try self.storedRun(context)
            self.monitor.requestCancel(run.id!)
            if await self.queue.withdraw(run.id!) {
                try self.store.update(run.id!) { $0.status = .cancelled }
                self.monitor.set(run.id!, .init(status: .cancelled, done: run.done, total: run.total))
            }
            return Response.redirect(to: "/runs/\(run.id!)", type: .normal)
        }

        router.post("/runs/:id/resume") { _, context in
            let run = try self.storedRun(context)
            guard run.status.isResumable else { throw HTTPError(.conflict, message: "only a cancelled or interrupted run can be resumed; this one is \(run.status.rawValue)") }
            try self.store.update(run.id!) { $0.status = .queued }
            self.monitor.set(run.id!, .init(status: .queued, done: run.done, total: run.total))
            do { try await self.queue.submit(run.id!) } catch {
                try self.store.update(run.id!) { $0.status = .cancelled }
                throw HTTPError(.serviceUnavailable, message: "\(error)")
            }
            return Response.redirect(to: "/runs/\(run.id!)", type: .normal)
        }

        router.get("/runs/:id/download/:file") { _, context in
            let run = try self.storedRun(context)
            let file = try context.parameters.require("file")
            let base = "rapport-run-\(run.id!)"
            var headers = HTTPFields()
            if file == "scenario.yaml" {
                headers[.contentDisposition] = "attachment; filename=\"\(base)-scenario.yaml\""
                return Pages.response(run.scenarioText, type: "application/yaml; charset=utf-8", headers: headers)
            }
            guard let json = run.resultJSON else { throw HTTPError(.notFound, message: "this run has no result yet") }
            let (text, type, name) = try Self.download(file, json: json, kind: run.kind)
            headers[.contentDisposition] = "attachment; filename=\"\(base)\(name)\""
            return Pages.response(text, type: type, headers: headers)
        }
    }

    func storedRun(_ context: WebContext) throws -> StoredRun {
        guard let run = try store.run(try Self.id(context)) else { throw HTTPError(.notFound, message: "no such run") }
        return run
    }

    /// A finished result in a download format: (text, content type, file-name suffix).
    static func download(_ file: String, json: String, kind: StoredRun.Kind) throws -> (String, String, String) {
        if file == "result.json" { return (json, "application/json", ".json") }
        if kind == .sweep {
            let sweep = try SweepResult(json: JSONValue.parse(json))
            switch file {
            case "report.html": return (SweepReport.html(sweep), "text/html; charset=utf-8", ".html")
            case "report.md": return (SweepReport.markdown(sweep), "text/markdown; charset=utf-8", ".md")
            case "report.csv": return (SweepReport.csv(sweep), "text/csv; charset=utf-8", ".csv")
            default: throw HTTPError(.notFound, message: "no such download")
            }
        }
        let result = try RunResult(json: JSONValue.parse(json))
        switch file {
        case "report.html": return (HTMLReport.render(result), "text/html; charset=utf-8", ".html")
        case "report.md": return (MarkdownReport.render(result), "text/markdown; charset=utf-8", ".md")
        case "report.csv": return (CSVReport.metrics(result), "text/csv; charset=utf-8", ".csv")
        case "timeseries.csv": return (CSVReport.timeseries(result), "text/csv; charset=utf-8", "-timeseries.csv")
        default: throw HTTPError(.notFound, message: "no such download")
        }
    }

    func resultPage(_ run: StoredRun, json: String) throws -> Response {
        let parsed = try JSONValue.parse(json)
        let report = run.kind == .sweep ? SweepReport.body(try SweepResult(json: parsed)) : HTMLReport.body(try RunResult(json: parsed))
        return pages.render("result", [
            "title": "\(run.scenarioName) · run \(run.id!)", "navHistory": true, "run": Self.historyRow(run),
            "id": run.id!, "report": report, "reportStyle": HTMLReport.style, "isSweep": run.kind == .sweep,
            "scenarioHash": run.scenarioHash, "version": run.rapportVersion,
        ])
    }
}
