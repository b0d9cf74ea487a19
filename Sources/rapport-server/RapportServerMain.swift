import ArgumentParser
import Foundation
import RapportCLI
import RapportServer

/// The `rapport-server` executable: the web app that `rapport serve` hands over to, with the
/// options `rapport` has already checked (`Serve.arguments`). It is a program of its own so that
/// the web app's libraries cost nothing to the other commands (see `ServerHandOff`).
@main
struct RapportServerMain {
    static func main() async {
        do {
            let serve = try Serve.parse(Array(CommandLine.arguments.dropFirst()))
            try await run(serve)
        } catch {
            RapportCommand.exitReporting(error)
        }
    }

    /// Starts the app and serves until the process is stopped.
    static func run(_ serve: Serve) async throws {
        let configuration = ServeConfiguration(
            host: serve.host, port: serve.port, dataDirectory: serve.data,
            token: serve.token ?? ProcessInfo.processInfo.environment["RAPPORT_TOKEN"],
            scenariosDirectory: serve.scenarios ?? ShippedScenarios.defaultDirectory(),
            runSlots: serve.slots, queueCapacity: serve.queue)
        let app: RapportWebApp
        do {
            app = try await RapportWebApp(configuration: configuration)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
        let host = serve.host
        Terminal.error("rapport serve: http://\(host.contains(":") ? "[\(host)]" : host):\(serve.port)/ · data in \(app.store.path)")
        try await app.application().runService()
    }
}
