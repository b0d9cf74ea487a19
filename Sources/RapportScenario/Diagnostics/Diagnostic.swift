/// One problem found in a scenario file, located by line and column.
///
/// Its description reads like a compiler message, with the offending line and a caret:
///
/// ```
/// quota.yaml:12:5: error: therapists[1].sustainable_level: expected a number > 0, found -1
///     sustainable_level: -1
///     ^
/// ```
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// The file as the user named it.
    public var file: String
    /// 1-based line; 0 when the problem has no single place (a missing section, say).
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// Where in the scenario, e.g. `therapists[1].count`.
    public var path: String
    /// What was expected and what was found.
    public var message: String
    /// The text of the offending line, for the caret display.
    public var sourceLine: String?

    public init(severity: Severity = .error, file: String, line: Int, column: Int, path: String,
                message: String, sourceLine: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.sourceLine = sourceLine
    }

    /// The one-line form, `file:line:col: error: path: message`.
    public var headline: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        let subject = path.isEmpty ? "" : "\(path): "
        return "\(place): \(severity.rawValue): \(subject)\(message)"
    }

    public var description: String {
        guard let sourceLine, line > 0 else { return headline }
        let caretIndent = String(repeating: " ", count: max(0, column - 1))
        return "\(headline)\n    \(sourceLine)\n    \(caretIndent)^"
    }
}

/// A scenario that could not be loaded, with every problem found in one pass.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let summary = errors == 1 ? "1 error" : "\(errors) errors"
        return (diagnostics.map(\.description) + [summary]).joined(separator: "\n")
    }
}
