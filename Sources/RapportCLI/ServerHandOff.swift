import ArgumentParser
import Foundation

/// `rapport serve` hands over to `rapport-server`, the executable beside `rapport` that holds the
/// web app.
///
/// The web app's libraries (SwiftNIO, Hummingbird, GRDB and SQLite, about 2,900 of the 8,800
/// protocol-conformance records a single binary had) cost every other command too: the Swift
/// runtime scans every record of the binary the first time it checks a type against a protocol,
/// about 30 times a run, and the dynamic loader binds SQLite's symbols at every start. Without
/// them `rapport --version` costs 8.8 M instructions instead of 13.3 M (Benchmarks/README.md).
/// `rapport serve` still parses and checks its options itself (help, errors and exit codes are
/// `rapport`'s), then replaces its process with the server's, which parses the same options.
enum ServerHandOff {
    static let executableName = "rapport-server"

    /// Where `rapport-server` must be: beside this executable, symbolic links resolved.
    static var serverPath: String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        return URL(fileURLWithPath: me).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(executableName).path
    }

    /// Replaces this process with `rapport-server ARGUMENTS`; returns only by throwing if it
    /// cannot. The server gets this process's `argv[0]`, so it finds the shipped scenarios from
    /// the same place as before, and its environment (`RAPPORT_TOKEN`).
    static func exec(_ arguments: [String]) throws -> Never {
        let path = serverPath
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Terminal.error("error: rapport serve runs the web app from \(executableName), which is not beside this rapport (\(path)); build it with `swift build -c release --product \(executableName)`")
            throw ExitCode(2)
        }
        let argv = [CommandLine.arguments.first ?? path] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        execv(path, &cArguments)
        let reason = String(cString: strerror(errno))
        Terminal.error("error: could not start \(path): \(reason)")
        throw ExitCode(2)
    }
}
