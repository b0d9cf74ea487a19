/// One problem found in a scenario file, located by line and column.
///
/// Its description reads like a compiler message, with the offending line and a caret:
///
/// ```
/// quota.yaml:12:5: error: therapists[1].sustainable_level: expected a number > 0, found -1
///     sustainable_level: -1
///     ^
/// ```
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
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
    /// The text of the offending line (at most 160 characters around the column), for the caret display.
    public var sourceLine: String?
    /// Where the caret goes in `sourceLine` (differs from `column` when a long line was cut).
    public var caretColumn: Int

    public init(severity: Severity = .error, file: String, line: Int, column: Int, path: String,
                message: String, sourceLine: String? = nil, caretColumn: Int? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        if let sourceLine, let caretColumn {
            self.sourceLine = sourceLine
            self.caretColumn = caretColumn
        } else if let sourceLine {
            let (text, caret) = TerminalText.excerpt(Substring(sourceLine), around: column)
            self.sourceLine = text
            self.caretColumn = caret
        } else {
            self.sourceLine = nil
            self.caretColumn = column
        }
    }

    /// The one-line form, `file:line:col: error: path: message`.
    public var headline: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        let subject = path.isEmpty ? "" : "\(path): "
        return TerminalText.safe("\(place): \(severity.rawValue): \(subject)\(message)")
    }

    public var description: String {
        guard let sourceLine, line > 0 else { return headline }
        // Tabs keep their width under the caret; other characters take one column.
        let caretIndent = String(sourceLine.prefix(max(0, caretColumn - 1)).map { $0 == "\t" ? "\t" : " " })
        return "\(headline)\n    \(TerminalText.safe(sourceLine))\n    \(caretIndent)^"
    }
}

/// A scenario that could not be loaded, with every problem found in one pass.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var diagnostics: [Diagnostic]
    /// Errors found beyond those kept in `diagnostics` (a file with thousands of the same mistake).
    public var moreErrors: Int

    /// Problems printed in full; the rest are counted.
    public static let printedLimit = 50

    public init(_ diagnostics: [Diagnostic], moreErrors: Int = 0) {
        self.diagnostics = diagnostics
        self.moreErrors = moreErrors
    }

    public var description: String {
        let shown = diagnostics.prefix(Self.printedLimit)
        let hidden = diagnostics.count - shown.count + moreErrors
        let errors = diagnostics.filter { $0.severity == .error }.count + moreErrors
        var lines = shown.map(\.description)
        if hidden > 0 { lines.append("… and \(hidden) more problem\(hidden == 1 ? "" : "s") not shown") }
        lines.append(errors == 1 ? "1 error" : "\(errors) errors")
        return lines.joined(separator: "\n")
    }
}
