import ArgumentParser
import Foundation
import RapportExperiment
import RapportScenario

/// Every byte the CLI hands to the user goes through here, so a failed write (a full disk,
/// `> /dev/full`, a folder that cannot be written) exits 2 with a plain message instead of
/// passing for success.
enum Output {
    /// Writes `text` atomically to `path`, or to standard output when `path` is nil.
    static func write(_ text: String, to path: String?, announce: Bool = true) throws {
        guard let path else { return try print(text) }
        do {
            try AtomicFile.write(text, to: path)
        } catch let error as OutputError {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
        if announce { Terminal.error("wrote \(path)") }
    }

    /// Writes `text` to standard output, adding a final newline when it lacks one. On a terminal,
    /// control characters from the user's files are shown, not obeyed; into a pipe or a file the
    /// bytes pass unchanged (a CSV field may hold a carriage return).
    static func print(_ text: String) throws {
        let safe = isatty(STDOUT_FILENO) != 0 ? TerminalText.safe(text) : text
        let line = safe.hasSuffix("\n") ? safe : safe + "\n"
        do {
            try AtomicFile.writeAll(STDOUT_FILENO, Data(utf8: line), path: "standard output")
        } catch let error as OutputError {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
    }
}
