import Foundation
import Testing
import RapportServer

/// `rapport serve` as a server, over real HTTP: the token, CSRF, escaping, body limits, bad
/// requests, a failing run and a full queue.
@Suite("Server security")
struct ServerSecurityTests {
    static func start(_ folder: URL, _ extra: [String] = []) throws -> ServerHarness {
        try ServerHarness.start(data: folder.appendingPathComponent("data").path, scenarios: Fixtures.path("scenarios"), extra: extra)
    }

    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    static func encode(_ fields: [String: String]) -> String {
        fields.map { "\($0.key)=\(RawHTTP.formEncode($0.value))" }.joined(separator: "&")
    }

    @Test("any host but loopback needs a token; without it a request gets 401")
    func token() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-sec")
        defer { try? FileManager.default.removeItem(at: folder) }
        func configuration(_ host: String, _ token: String?) -> ServeConfiguration {
            ServeConfiguration(host: host, port: 0, dataDirectory: folder.path, token: token)
        }
        #expect(configuration("0.0.0.0", nil).problem?.contains("needs --token") == true)
        #expect(configuration("192.168.1.5", "").problem?.contains("needs --token") == true)
        #expect(configuration("0.0.0.0", "short").problem?.contains("at least 16") == true)
        #expect(configuration("127.0.0.1", nil).problem == nil)
        let refused = try Fixtures.runCLI(["serve", "--host", "0.0.0.0", "--port", "0", "--data", folder.path])
        #expect(refused.status == 2 && refused.err.contains("needs --token"))

        let secret = "a-long-enough-secret-token"
        let server = try Self.start(folder, ["--host", "0.0.0.0", "--token", secret])
        defer { server.stop() }
        #expect(try server.request("GET", "/scenarios").status == 401)
        #expect(try server.request("GET", "/assets/app.js").status == 401)
        #expect(try server.request("POST", "/shipped/run", body: "path=baseline.yaml").status == 401)
        #expect(try server.request("GET", "/scenarios", headers: ["Authorization": "Bearer wrong-token-of-some-length"]).status == 401)
        #expect(try server.request("GET", "/scenarios", headers: ["Authorization": "Bearer \(secret)"]).status == 200)
        let login = try server.request("GET", "/history?token=\(secret)")
        #expect(login.status == 302)
        #expect(login.headers["location"] == "/history")
        #expect(login.headers["set-cookie"]?.contains("HttpOnly") == true)
        #expect(try server.request("GET", "/history", headers: ["Cookie": "rapport_token=\(secret)"]).status == 200)
    }

    @Test("state changes need POST with the page's CSRF token and a same-site origin; bodies are size-limited")
    func csrfAndLimits() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-sec")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try Self.start(folder)
        defer { server.stop() }
        let token = try await server.csrf()
        #expect(token.count == 64)
        #expect(try server.request("POST", "/scenarios/new", headers: Self.form, body: Self.encode(["from": "baseline.yaml"])).status == 403)
        // A token wrong in its first character (which must differ from the real one's, or the
        // "wrong" token would be the right one one time in sixteen).
        let tampered = (token.first == "0" ? "1" : "0") + token.dropFirst()
        #expect(try server.request("POST", "/scenarios/new", headers: Self.form, body: Self.encode(["from": "baseline.yaml", "_csrf": tampered])).status == 403)
        var crossSite = Self.form
        crossSite["Origin"] = "http://evil.example"
        #expect(try server.request("POST", "/scenarios/new", headers: crossSite, body: Self.encode(["from": "baseline.yaml", "_csrf": token])).status == 403)
        #expect(try server.request("GET", "/scenarios/new").status == 404)
        #expect(try server.request("DELETE", "/scenarios/1/delete").status == 405)
        let big = "text=" + String(repeating: "a", count: ServeConfiguration.maxBodyBytes + 10)
        #expect(try server.request("POST", "/api/validate", headers: ["X-CSRF-Token": token], body: big).status == 413)
        let created = try server.request("POST", "/scenarios/new", headers: Self.form, body: Self.encode(["from": "baseline.yaml", "_csrf": token]))
        #expect(created.status == 303 && created.headers["location"] == "/scenarios/1")
        #expect(try server.request("POST", "/scenarios/new", headers: Self.form, body: Self.encode(["from": "../../etc/passwd", "_csrf": token])).status == 400)
    }

    @Test("every user string is escaped: a scenario named <script> shows as text on every page")
    func escaping() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-sec")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try Self.start(folder)
        defer { server.stop() }
        let token = try await server.csrf()
        let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"
        _ = try server.request("POST", "/scenarios/new", headers: Self.form, body: Self.encode(["from": "validation/erlang-c.yaml", "_csrf": token]))
        let text = ServerHarness.queueScenario(replications: 2, arrivals: 2_000, name: hostile) + "# \(hostile)\n"
        let saved = try server.request("POST", "/scenarios/1", headers: Self.form, body: Self.encode(["name": hostile, "text": text, "_csrf": token, "action": "run"]))
        #expect(saved.status == 303)
        let run = saved.headers["location"] ?? "/runs/1"
        for _ in 0..<600 where try !server.request("GET", run).body.contains("downloads") { usleep(50_000) }
        for page in ["/scenarios", "/scenarios/1", "/history", run, "/compare?a=1&b=1"] {
            let body = try server.request("GET", page).body
            #expect(!body.contains("<script>alert"), "\(page)")
            #expect(!body.contains("<img src=x"), "\(page)")
            #expect(body.contains("&lt;script&gt;") || body.contains("&amp;lt;script"), "\(page)")
        }
        let check = try server.request("POST", "/api/validate", headers: ["X-CSRF-Token": token, "Content-Type": "application/x-www-form-urlencoded"],
                                       body: Self.encode(["text": "name: \(hostile)\nhorizon: <b>\n"]))
        // JSON, never sniffed as HTML; the scripts put its strings into the page as text.
        #expect(check.headers["content-type"] == "application/json")
        #expect(check.headers["x-content-type-options"] == "nosniff")
        #expect(check.body.contains("\"ok\": false"))
    }

    @Test("bad requests get error pages, not crashes; a failing run shows its error; a full queue refuses politely")
    func badRequests() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-sec")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A stored run whose text cannot be loaded (as if the file were damaged): it fails on its own.
        let store = try RunStore(directory: folder.appendingPathComponent("data").path)
        try store.insert(StoredRun(scenarioID: nil, scenarioName: "broken", scenarioFile: "broken.yaml",
                                   scenarioText: "horizon: [", scenarioHash: "0", seed: 1, replications: 1, total: 1))
        let server = try Self.start(folder, ["--queue", "1"])
        defer { server.stop() }
        let token = try await server.csrf()
        #expect(try server.request("POST", "/runs/1/resume", headers: Self.form, body: Self.encode(["_csrf": token])).status == 303)
        for _ in 0..<400 where try store.run(1)?.status != .failed { usleep(20_000) }
        let failed = try server.request("GET", "/runs/1").body
        #expect(failed.contains("The run failed") && failed.contains("broken.yaml:2:1: error: YAML syntax"))
        for uri in ["/runs/abc", "/runs/999", "/runs/999/events", "/scenarios/0", "/assets/..%2F..%2Fetc%2Fpasswd", "/nowhere", "/compare?a=1&b=999"] {
            #expect(try server.request("GET", uri).status == 404, "\(uri)")
        }
        #expect(try server.request("GARBAGE", "/").status >= 400)
        // A scenario with errors is refused before anything is queued.
        _ = try server.request("POST", "/scenarios/new", headers: Self.form, body: Self.encode(["from": "validation/erlang-c.yaml", "_csrf": token]))
        let refused = try server.request("POST", "/scenarios/1", headers: Self.form, body: Self.encode(["text": "horizon: -1w\n", "_csrf": token, "action": "run"]))
        #expect(refused.status == 422 && refused.body.contains("horizon: expected a duration"))
        // One slot, one place in the queue: a burst of submissions is partly refused with 503.
        let slow = ServerHarness.queueScenario(replications: 40, arrivals: 200_000)
        var statuses: [Int] = []
        for _ in 0..<4 {
            statuses.append(try server.request("POST", "/scenarios/1", headers: Self.form, body: Self.encode(["text": slow, "_csrf": token, "action": "run"])).status)
        }
        #expect(statuses.contains(303))
        #expect(statuses.contains(503))
        #expect(try server.request("GET", "/history").status == 200)
    }
}
