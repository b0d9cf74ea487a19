import ArgumentParser
import Foundation
import RapportServer

/// `rapport serve`: the local web app for leadership.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the web app: scenarios, an editor, runs with live progress, reports, history and comparisons.",
        discussion: """
        Open http://127.0.0.1:8080 in a browser. Runs are kept in DIR/rapport.sqlite with their provenance.
        It listens on 127.0.0.1 only, unless --host says otherwise; any other host needs --token, and
        every request must then carry it (open http://HOST:PORT/?token=TOKEN once in the browser).
        """)

    @Option(help: "Port to listen on.")
    var port: Int = 8080

    @Option(help: "Address to listen on. Anything but 127.0.0.1, localhost or ::1 needs --token.")
    var host: String = "127.0.0.1"

    @Option(help: "Folder for the run database (created if missing).")
    var data: String = "rapport-data"

    @Option(help: "A secret of 16 characters or more that every request must carry (default: $RAPPORT_TOKEN).")
    var token: String?

    @Option(help: "Folder of shipped scenarios (default: ./scenarios, or the repository's).")
    var scenarios: String?

    @Option(help: "Runs computing at once; the rest wait in a queue. Each running run shares the cores.")
    var slots: Int = 1

    @Option(help: "Runs allowed to wait; past this a submission is refused until some finish.")
    var queue: Int = 64

    func validate() throws {
        if !(1...64).contains(slots) { throw ValidationError("--slots must be from 1 to 64, found \(slots)") }
        if !(1...10_000).contains(queue) { throw ValidationError("--queue must be from 1 to 10000, found \(queue)") }
    }

    func run() async throws {
        let configuration = ServeConfiguration(
            host: host, port: port, dataDirectory: data,
            token: token ?? ProcessInfo.processInfo.environment["RAPPORT_TOKEN"],
            scenariosDirectory: scenarios ?? ShippedScenarios.defaultDirectory(),
            runSlots: slots, queueCapacity: queue)
        let app: RapportWebApp
        do {
            app = try await RapportWebApp(configuration: configuration)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
        Terminal.error("rapport serve: http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ · data in \(app.store.path)")
        try await app.application().runService()
    }
}
