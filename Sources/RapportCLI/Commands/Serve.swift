import ArgumentParser

/// `rapport serve`: the local web app for leadership.
///
/// `rapport` checks the options, then hands over to `rapport-server` (see `ServerHandOff`), which
/// parses the same options with this type and runs the app.
public struct Serve: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the web app: scenarios, an editor, runs with live progress, reports, history and comparisons.",
        discussion: """
        Open http://127.0.0.1:8080 in a browser. Runs are kept in DIR/rapport.sqlite with their provenance.
        It listens on 127.0.0.1 only, unless --host says otherwise; any other host needs --token, and
        every request must then carry it (open http://HOST:PORT/?token=TOKEN once in the browser).
        """)

    @Option(help: "Port to listen on.")
    public var port: Int = 8080

    @Option(help: "Address to listen on. Anything but 127.0.0.1, localhost or ::1 needs --token.")
    public var host: String = "127.0.0.1"

    @Option(help: "Folder for the run database (created if missing).")
    public var data: String = "rapport-data"

    @Option(help: "A secret of 16 characters or more that every request must carry (default: $RAPPORT_TOKEN).")
    public var token: String?

    @Option(help: "Folder of shipped scenarios (default: ./scenarios, or the repository's).")
    public var scenarios: String?

    @Option(help: "Runs computing at once; the rest wait in a queue. Each running run shares the cores.")
    public var slots: Int = 1

    @Option(help: "Runs allowed to wait; past this a submission is refused until some finish.")
    public var queue: Int = 64

    public init() {}

    public func validate() throws {
        if !(1...64).contains(slots) { throw ValidationError("--slots must be from 1 to 64, found \(slots)") }
        if !(1...10_000).contains(queue) { throw ValidationError("--queue must be from 1 to 10000, found \(queue)") }
    }

    public func run() throws {
        try ServerHandOff.exec(arguments)
    }

    /// The options as `rapport-server` reads them back: every value given, in full. A token from
    /// `$RAPPORT_TOKEN` stays in the environment, off the command line.
    public var arguments: [String] {
        var arguments = ["--port", String(port), "--host", host, "--data", data]
        if let token { arguments += ["--token", token] }
        if let scenarios { arguments += ["--scenarios", scenarios] }
        return arguments + ["--slots", String(slots), "--queue", String(queue)]
    }
}
