import Foundation
import Testing
import RapportExperiment
import RapportServer

/// The web app's run store: SQLite in WAL mode, provenance kept, and a `kill -9` in the middle
/// of a run loses nothing that was committed.
@Suite("Server run store")
struct ServerStoreTests {
    @Test("runs and scenarios round-trip with their provenance; the database is in WAL mode")
    func roundTrip() throws {
        let folder = try Fixtures.temporaryFolder("rapport-store")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try RunStore(directory: folder.path)
        #expect(try store.journalMode() == "wal")
        let scenario = try store.save(StoredScenario(name: "mine", text: "name: mine\n", basedOn: "baseline.yaml"))
        var run = StoredRun(scenarioID: scenario.id, scenarioName: "mine", scenarioFile: "mine.yaml", scenarioText: "name: mine\n",
                            scenarioHash: "abc", seed: UInt64.max, replications: 3, total: 6)
        run = try store.insert(run)
        try store.keep(unit: 2, json: "{}", of: run.id!)
        let back = try #require(try store.run(run.id!))
        #expect(back.seedValue == UInt64.max)
        #expect(back.done == 1)
        #expect(back.rapportVersion == RapportVersion.current)
        #expect(try store.history().first?.scenarioText == "")
        try store.finish(run.id!, resultJSON: "{\"x\": 1}", seconds: 1.5)
        let finished = try #require(try store.run(run.id!))
        #expect(finished.status == .finished && finished.durationSeconds == 1.5 && finished.done == 6)
        #expect(try store.units(of: run.id!).isEmpty)
        // Deleting a scenario keeps its runs (and their own copy of the text).
        try store.deleteScenario(scenario.id!)
        #expect(try store.run(run.id!)?.scenarioID == nil)
        #expect(try store.run(run.id!)?.scenarioText == "name: mine\n")
    }

    @Test("kill -9 during a run: the database stays sound, finished replications survive, and the resumed run equals an uninterrupted one")
    func killNine() async throws {
        let folder = try Fixtures.temporaryFolder("rapport-kill")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenarios = folder.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        let text = ServerHarness.queueScenario(replications: 400, arrivals: 20_000)
        try text.write(to: scenarios.appendingPathComponent("mmc.yaml"), atomically: true, encoding: .utf8)
        let data = folder.appendingPathComponent("data").path

        var server = try ServerHarness.start(data: data, scenarios: scenarios.path)
        let csrf = try await server.csrf()
        let location = try await server.post("/shipped/run", ["path": "mmc.yaml", "_csrf": csrf]).location
        #expect(location == "/runs/1")
        // Wait until some replications are committed, then kill the server without warning.
        // (Thread.sleep: a busy test runner can starve Task.sleep's wake-ups.)
        let watcher = try RunStore(directory: data)
        var kept = 0
        let deadline = Date().addingTimeInterval(120)
        while kept < 3, Date() < deadline {
            usleep(10_000)
            kept = try watcher.units(of: 1).count
        }
        server.kill9()
        #expect(kept >= 3, "the run did not get going, or finished before the kill")

        let store = try RunStore(directory: data)
        #expect(try store.integrityCheck() == "ok")
        let afterKill = try #require(try store.run(1))
        #expect(afterKill.status == .running)
        let survived = try store.units(of: 1).count
        #expect(survived >= kept && survived < 400)
        #expect(afterKill.done == survived)

        // A new server marks it interrupted; resuming runs only the rest.
        server = try ServerHarness.start(data: data, scenarios: scenarios.path)
        defer { server.stop() }
        #expect(try store.run(1)?.status == .interrupted)
        _ = try await server.post("/runs/1/resume", ["_csrf": try await server.csrf()])
        let finishBy = Date().addingTimeInterval(300)
        while try store.run(1)?.status != .finished, Date() < finishBy { usleep(50_000) }
        let resumed = try #require(try store.run(1)?.resultJSON)

        // The same scenario, seed and replications through `rapport run`, uninterrupted.
        let file = scenarios.appendingPathComponent("mmc.yaml").path
        let cli = try Fixtures.runCLI(["run", file, "--format", "json"])
        #expect(cli.status == 0, "\(cli.err)")
        let a = try RunResult(json: JSONValue.parse(resumed)), b = try RunResult(json: JSONValue.parse(cli.out))
        #expect(a.variants == b.variants)
        #expect(a.comparisons == b.comparisons)
    }
}

/// A `rapport serve` process on a free loopback port, and a small HTTP client for it.
struct ServerHarness {
    let process: Process
    let port: Int

    /// A quick M/M/c scenario; `replications` sets how long a run takes.
    static func queueScenario(replications: Int, arrivals: Int, name: String = "queue check") -> String {
        """
        name: \(name)
        mode: continuous
        horizon: 2000d
        warmup: 1d
        replications: \(replications)
        seed: 11
        stop_after_arrivals: \(arrivals)
        clients:
          arrivals:
            rate: 8/hour
          session_length: exponential(mean=1h)
          patience: none
        therapists:
          - group: servers
            count: 10

        """
    }

    static func start(data: String, scenarios: String, extra: [String] = []) throws -> ServerHarness {
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.rapportBinary)
        process.arguments = ["serve", "--port", String(port), "--data", data, "--scenarios", scenarios] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let harness = ServerHarness(process: process, port: port)
        // Ready when it answers.
        for _ in 0..<1200 {
            if (try? harness.getSync("/history")) != nil { return harness }
            Thread.sleep(forTimeInterval: 0.05)
        }
        harness.stop()
        throw ServeError("rapport serve did not start on port \(port)")
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// A raw HTTP/1.1 exchange over a socket: (status, headers, body).
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String = "") throws -> (status: Int, headers: [String: String], body: String) {
        try RawHTTP.exchange(port: port, method: method, path: path, headers: headers, body: body)
    }

    func getSync(_ path: String) throws -> String { try request("GET", path).body }

    func get(_ path: String) async throws -> (status: Int, headers: [String: String], body: String) { try request("GET", path) }

    func csrf() async throws -> String {
        let page = try getSync("/scenarios")
        guard let range = page.range(of: #"csrf-token" content="([0-9a-f]+)""#, options: .regularExpression) else { throw ServeError("no CSRF token in the page") }
        return String(page[range].dropFirst(#"csrf-token" content=""#.count).dropLast())
    }

    @discardableResult
    func post(_ path: String, _ form: [String: String]) async throws -> (status: Int, location: String?, body: String) {
        let body = form.map { "\($0.key)=\(RawHTTP.formEncode($0.value))" }.joined(separator: "&")
        let r = try request("POST", path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body)
        return (r.status, r.headers["location"], r.body)
    }
}

/// Just enough HTTP/1.1 over a blocking socket for tests (Connection: close, whole response).
enum RawHTTP {
    static func formEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    static func exchange(port: Int, method: String, path: String, headers: [String: String], body: String) throws -> (status: Int, headers: [String: String], body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeError("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServeError("connection refused") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        let bytes = Array((head + "\r\n" + body).utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { break }
            sent += n
        }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw ServeError("no HTTP response") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var payload = String(text[split.upperBound...])
        if fields["transfer-encoding"] == "chunked" { payload = dechunk(payload) }
        return (status, fields, payload)
    }

    static func dechunk(_ s: String) -> String {
        var out = "", rest = Substring(s)
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let bytes = Array(rest[start...].utf8)
            out += String(decoding: bytes.prefix(size), as: UTF8.self)
            rest = Substring(String(decoding: bytes.dropFirst(size + 2), as: UTF8.self))
        }
        return out
    }
}
