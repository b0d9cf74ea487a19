import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import RapportServer

/// `rapport serve` as a server: the token, CSRF, escaping, body limits, bad requests, a full queue.
@Suite("Server security")
struct ServerSecurityTests {
    static func app(_ folder: URL, host: String = "127.0.0.1", token: String? = nil, capacity: Int = 64) async throws -> RapportWebApp {
        try await RapportWebApp(configuration: ServeConfiguration(
            host: host, port: 0, dataDirectory: folder.path, token: token,
            scenariosDirectory: Fixtures.path("scenarios"), runSlots: 1, queueCapacity: capacity))
    }

    static func csrf(_ body: String) -> String {
        guard let r = body.range(of: #"csrf-token" content="[0-9a-f]+"#, options: .regularExpression) else { return "" }
        return String(body[r].split(separator: "\"").last ?? "")
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\(RawHTTP.formEncode($0.value))" }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test("any host but loopback needs a token; without it a request gets 401")
    func token() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-sec")
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect(throws: ServeError.self) { _ = try await Self.app(folder, host: "0.0.0.0") }
        await #expect(throws: ServeError.self) { _ = try await Self.app(folder, host: "0.0.0.0", token: "short") }
        let secret = "a-long-enough-secret-token"
        let app = try await Self.app(folder, host: "0.0.0.0", token: secret)
        try await Application(router: app.router()).test(.router) { client in
            try await client.execute(uri: "/scenarios", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/assets/app.js", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/scenarios", method: .get, headers: [.authorization: "Bearer wrong-token-of-some-length"]) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/scenarios", method: .get, headers: [.authorization: "Bearer \(secret)"]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/history?token=\(secret)", method: .get) { response in
                #expect(response.status == .found)
                #expect(response.headers[.location] == "/history")
                #expect(response.headers[.setCookie]?.contains("HttpOnly") == true)
            }
            try await client.execute(uri: "/history", method: .get, headers: [.cookie: "rapport_token=\(secret)"]) { #expect($0.status == .ok) }
        }
    }

    @Test("state changes need POST with the page's CSRF token and a same-site origin; bodies are size-limited")
    func csrfAndLimits() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-sec")
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = try await Self.app(folder)
        try await Application(router: app.router()).test(.router) { client in
            let token = try await client.execute(uri: "/scenarios", method: .get) { Self.csrf(String(buffer: $0.body)) }
            #expect(token.count == 64)
            try await client.execute(uri: "/scenarios/new", method: .post, headers: Self.formHeaders, body: Self.form(["from": "baseline.yaml"])) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/scenarios/new", method: .post, headers: Self.formHeaders, body: Self.form(["from": "baseline.yaml", "_csrf": "0" + token.dropFirst()])) {
                #expect($0.status == .forbidden)
            }
            var crossSite = Self.formHeaders
            crossSite[.origin] = "http://evil.example"
            try await client.execute(uri: "/scenarios/new", method: .post, headers: crossSite, body: Self.form(["from": "baseline.yaml", "_csrf": token])) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/scenarios/new", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/scenarios/1/delete", method: .delete) { #expect($0.status == .methodNotAllowed) }
            let big = String(repeating: "a", count: ServeConfiguration.maxBodyBytes + 10)
            try await client.execute(uri: "/api/validate", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-CSRF-Token")!: token],
                                     body: ByteBuffer(string: "text=" + big)) { #expect($0.status == .contentTooLarge) }
            try await client.execute(uri: "/scenarios/new", method: .post, headers: Self.formHeaders, body: Self.form(["from": "baseline.yaml", "_csrf": token])) {
                #expect($0.status == .seeOther)
                #expect($0.headers[.location] == "/scenarios/1")
            }
            try await client.execute(uri: "/scenarios/new", method: .post, headers: Self.formHeaders, body: Self.form(["from": "../../etc/passwd", "_csrf": token])) {
                #expect($0.status == .badRequest)
            }
        }
    }

    @Test("every user string is escaped: a scenario named <script> shows as text on every page")
    func escaping() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-sec")
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = try await Self.app(folder)
        let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"
        try await Application(router: app.router()).test(.router) { client in
            let token = try await client.execute(uri: "/scenarios", method: .get) { Self.csrf(String(buffer: $0.body)) }
            try await client.execute(uri: "/scenarios/new", method: .post, headers: Self.formHeaders, body: Self.form(["from": "validation/erlang-c.yaml", "_csrf": token]))
            let text = try String(contentsOfFile: Fixtures.path("scenarios/validation/erlang-c.yaml"), encoding: .utf8)
                .replacingOccurrences(of: "replications: 10", with: "replications: 2") + "\n# \(hostile)\n"
            try await client.execute(uri: "/scenarios/1", method: .post, headers: Self.formHeaders,
                                     body: Self.form(["name": hostile, "text": text, "_csrf": token, "action": "save"]))
            for page in ["/scenarios", "/scenarios/1"] {
                try await client.execute(uri: page, method: .get) { response in
                    let body = String(buffer: response.body)
                    #expect(!body.contains("<script>alert"), "\(page)")
                    #expect(!body.contains("<img src=x"), "\(page)")
                    #expect(body.contains("&lt;script&gt;"), "\(page)")
                }
            }
            try await client.execute(uri: "/api/validate", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-CSRF-Token")!: token],
                                     body: Self.form(["text": "name: \(hostile)\nhorizon: <b>\n"])) { response in
                let body = String(buffer: response.body)
                // JSON, never sniffed as HTML; the scripts put its strings into the page as text.
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(body.contains("\"ok\": false"))
            }
        }
    }

    @Test("bad requests get error pages, not crashes; a failing run shows its error; a full queue refuses politely")
    func badRequests() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-sec")
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = try await Self.app(folder, capacity: 1)
        // A run whose stored text cannot be loaded fails on its own; the server carries on.
        let broken = try app.store.insert(StoredRun(scenarioID: nil, scenarioName: "broken", scenarioFile: "broken.yaml",
                                                    scenarioText: "horizon: [", scenarioHash: "0", seed: 1, replications: 1, total: 1))
        try await app.queue.submit(broken.id!)
        for _ in 0..<200 where try app.store.run(broken.id!)?.status != .failed { try await Task.sleep(for: .milliseconds(10)) }
        try await Application(router: app.router()).test(.router) { client in
            for uri in ["/runs/abc", "/runs/999", "/runs/999/events", "/scenarios/0", "/assets/..%2F..%2Fetc%2Fpasswd", "/nowhere", "/compare?a=1&b=999"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
            }
            try await client.execute(uri: "/runs/\(broken.id!)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("The run failed"))
                #expect(String(buffer: response.body).contains("broken.yaml:2:1: error: YAML syntax"))
            }
            let token = try await client.execute(uri: "/scenarios", method: .get) { Self.csrf(String(buffer: $0.body)) }
            // A scenario with errors is refused before anything is queued.
            try await client.execute(uri: "/scenarios/new", method: .post, headers: Self.formHeaders, body: Self.form(["from": "validation/erlang-c.yaml", "_csrf": token]))
            try await client.execute(uri: "/scenarios/1", method: .post, headers: Self.formHeaders,
                                     body: Self.form(["text": "horizon: -1w\n", "_csrf": token, "action": "run"])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("horizon: expected a duration"))
            }
            // One slot, one place in the queue: a burst of submissions is partly refused with 503.
            let slow = ServerHarness.queueScenario(replications: 40, arrivals: 200_000)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<4 {
                let status = try await client.execute(uri: "/scenarios/1", method: .post, headers: Self.formHeaders,
                                                      body: Self.form(["text": slow, "_csrf": token, "action": "run"])) { $0.status }
                statuses.append(status)
            }
            #expect(statuses.contains(.seeOther))
            #expect(statuses.contains(.serviceUnavailable))
            try await client.execute(uri: "/history", method: .get) { #expect($0.status == .ok) }
            // Cancel what is running so the test ends quickly.
            for id in 1...8 { try await client.execute(uri: "/runs/\(id)/cancel", method: .post, headers: Self.formHeaders, body: Self.form(["_csrf": token])) }
        }
    }
}
