import Foundation
import Hummingbird
import RapportExperiment

/// The editor: a form for the leader's levers, the YAML for everything else, and live checking
/// with the same located errors as `rapport validate`.
extension RapportWebApp {
    func addEditorRoutes(to router: Router<WebContext>) {
        router.get("/scenarios/:id") { _, context in
            let scenario = try self.userScenario(context)
            return self.editorPage(scenario, text: scenario.text)
        }

        // Save, apply the levers, run or sweep: one form, the button says which.
        router.post("/scenarios/:id") { request, context in
            var scenario = try self.userScenario(context)
            let form = try await FormFields.of(request, context: context)
            let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty { scenario.name = String(name.prefix(200)) }
            var text = form["text"] ?? scenario.text
            let action = form["action"] ?? "save"
            if action == "levers" { text = Self.levers(from: form).applied(to: text) }
            scenario.text = text
            if let base = form["base"] {
                // Opened on another version than the stored one: another tab saved in between.
                // Nothing is written; the page shows this edit and the stored one side by side.
                let outcome = try self.store.save(scenario, ifVersion: base)
                guard outcome.saved else { return self.editorPage(scenario, text: text, status: .conflict, conflict: outcome.scenario) }
                scenario = outcome.scenario
            } else {
                scenario = try self.store.save(scenario)
            }
            let file = ScenarioCheck.fileName(for: scenario.name)
            switch action {
            case "run":
                let outcome = ScenarioCheck.check(text, file: file)
                guard outcome.ok else { return self.editorPage(scenario, text: text, status: .unprocessableContent) }
                let run = try await self.submit(text: text, file: file, name: scenario.name, scenarioID: scenario.id)
                return Response.redirect(to: "/runs/\(run)", type: .normal)
            case "sweep":
                let path = (form["sweep_path"] ?? "").trimmingCharacters(in: .whitespaces)
                let values = (form["sweep_values"] ?? "").trimmingCharacters(in: .whitespaces)
                guard !path.isEmpty, !values.isEmpty else { throw HTTPError(.badRequest, message: "a sweep needs a setting and its values, such as clients.arrivals.rate and 120/week,150/week") }
                let run = try await self.submit(text: text, file: file, name: scenario.name, scenarioID: scenario.id, sweep: [(path, values)])
                return Response.redirect(to: "/runs/\(run)", type: .normal)
            case "levers":
                return self.editorPage(scenario, text: text)
            default:
                return Response.redirect(to: "/scenarios/\(scenario.id!)", type: .normal)
            }
        }

        // Live checking while typing.
        router.post("/api/validate") { request, context in
            let form = try await FormFields.of(request, context: context)
            let outcome = ScenarioCheck.check(form["text"] ?? "", file: ScenarioCheck.fileName(for: form["name"] ?? "scenario"))
            return Pages.response(outcome.json.rendered(), type: "application/json")
        }

        // The levers written into the YAML, and the result checked.
        router.post("/api/levers") { request, context in
            let form = try await FormFields.of(request, context: context)
            let text = Self.levers(from: form).applied(to: form["text"] ?? "")
            let outcome = ScenarioCheck.check(text, file: ScenarioCheck.fileName(for: form["name"] ?? "scenario"))
            let json = JSONValue.object([("text", .string(text)), ("check", outcome.json)])
            return Pages.response(json.rendered(), type: "application/json")
        }
    }

    func userScenario(_ context: WebContext) throws -> StoredScenario {
        guard let scenario = try store.scenario(try Self.id(context)) else { throw HTTPError(.notFound, message: "no such scenario") }
        return scenario
    }

    static func levers(from form: FormFields) -> Levers {
        var levers = Levers()
        levers.demand = form["demand"] ?? ""
        var i = 0
        while let count = form["count_\(i)"] {
            levers.groups.append(.init(name: form["group_\(i)"] ?? "", count: count))
            i += 1
        }
        levers.quota = form["quota"] ?? levers.quota
        levers.quotaLevel = form["quota_level"] ?? ""
        levers.quotaFill = form["quota_fill"] ?? ""
        levers.thresholdError = form["threshold_error"] ?? ""
        levers.matching = form["matching"] ?? levers.matching
        levers.tolerance = form["tolerance"] ?? ""
        levers.horizon = form["horizon"] ?? ""
        levers.replications = form["replications"] ?? ""
        return levers
    }

    /// The editor on `text`. With `conflict` (the stored scenario another tab saved), the page
    /// keeps this tab's unsaved text in the editor, shows the stored text beside it, and takes the
    /// stored version as its base, so saving again replaces it knowingly.
    func editorPage(_ scenario: StoredScenario, text: String, status: HTTPResponse.Status = .ok, conflict: StoredScenario? = nil) -> Response {
        let file = ScenarioCheck.fileName(for: scenario.name)
        let outcome = ScenarioCheck.check(text, file: file)
        let levers = Levers(yaml: text)
        let runs = ((try? store.history()) ?? []).filter { $0.scenarioID == scenario.id }.prefix(10).map(Self.historyRow)
        return pages.render("editor", [
            "title": scenario.name, "navScenarios": true,
            "id": scenario.id ?? 0, "name": scenario.name, "file": file, "text": text, "basedOn": scenario.basedOn ?? "",
            "ok": outcome.ok, "summary": outcome.summary, "diagnostics": outcome.listed,
            "demand": levers.demand,
            "groups": levers.groups.enumerated().map { ["index": $0.offset, "name": $0.element.name, "count": $0.element.count] },
            "quotas": Levers.quotaRegimes.map { ["value": $0, "selected": $0 == levers.quota] },
            "quotaLevel": levers.quotaLevel, "quotaFill": levers.quotaFill, "thresholdError": levers.thresholdError,
            "matchings": Levers.matchingPolicies.map { ["value": $0, "selected": $0 == levers.matching] },
            "tolerance": levers.tolerance, "horizon": levers.horizon, "replications": levers.replications,
            "runs": Array(runs), "hasRuns": !runs.isEmpty,
            "base": (conflict ?? ((try? store.scenario(scenario.id ?? 0)) ?? nil) ?? scenario).version,
            "conflict": conflict != nil, "conflictName": conflict?.name ?? "", "conflictText": conflict?.text ?? "",
            "conflictAt": conflict.map { DisplayFormat.clock($0.updatedAt) } ?? "",
        ], status: status)
    }
}
