import Yams

/// Collects every problem found while reading one file, so all are reported in one pass.
final class DiagnosticSink {
    let file: String
    private let text: String
    /// The file's lines, split when a problem first needs its line shown: splitting by Character
    /// costs a few hundred instructions a character, and most files have nothing to show.
    /// By Character: "\r\n" is one Character, so a CRLF file splits into the same lines YAML sees.
    private lazy var lines: [Substring] = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
    private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []
    /// Errors beyond `keptLimit`, counted but not kept: a file with 20,000 bad entries must not
    /// cost 20,000 messages of memory and time.
    private(set) var moreErrors = 0
    static let keptLimit = 1_000
    /// Line spans of variants: a problem inside one has its path prefixed with the variant's.
    var pathPrefixes: [(lines: ClosedRange<Int>, prefix: String)] = []
    /// The variant being decoded, for checks of a whole configuration whose line is the base's
    /// (a load above capacity): their message names the variant it concerns.
    var variant: String?
    /// Whether the configuration being decoded is the base of a scenario with variants, which is
    /// checked but never run: its load says nothing about any variant's.
    var decodingBaseOfVariants = false

    init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    var hasErrors: Bool { moreErrors > 0 || diagnostics.contains { $0.severity == .error } }

    /// Errors so far, for a decoder that builds a part only when it read without a problem.
    var errorCount: Int { moreErrors + diagnostics.filter { $0.severity == .error }.count }

    /// Everything found, as the error a failed load throws.
    var failure: ScenarioError { ScenarioError(sorted, moreErrors: moreErrors) }

    func error(_ path: String, at mark: Mark?, _ message: String) {
        add(.error, path, at: mark, message)
    }

    func warning(_ path: String, at mark: Mark?, _ message: String) {
        add(.warning, path, at: mark, message)
    }

    func add(_ severity: Diagnostic.Severity, _ path: String, at mark: Mark?, _ message: String) {
        add(severity, path, line: mark?.line ?? 0, column: mark?.column ?? 0, message)
    }

    func add(_ severity: Diagnostic.Severity, _ path: String, line: Int, column: Int, _ message: String) {
        // Checked before any work on the line, so thousands of errors on one long line stay linear.
        guard diagnostics.count < Self.keptLimit else {
            if severity == .error { moreErrors += 1 }
            return
        }
        let source = line > 0 && line <= lines.count ? TerminalText.excerpt(lines[line - 1], around: column) : nil
        let prefix = pathPrefixes.last { $0.lines.contains(line) }?.prefix ?? ""
        let diagnostic = Diagnostic(severity: severity, file: file, line: line, column: column,
                                    path: prefix + path, message: message, sourceLine: source?.text, caretColumn: source?.column)
        if seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// Diagnostics in file order, with those that have no place last.
    var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            let lx = x.line == 0 ? Int.max : x.line, ly = y.line == 0 ? Int.max : y.line
            if lx != ly { return lx < ly }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}
