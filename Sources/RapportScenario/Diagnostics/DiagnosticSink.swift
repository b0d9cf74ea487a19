import Yams

/// Collects every problem found while reading one file, so all are reported in one pass.
final class DiagnosticSink {
    let file: String
    private let lines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []
    /// Line spans of variants: a problem inside one has its path prefixed with the variant's.
    var pathPrefixes: [(lines: ClosedRange<Int>, prefix: String)] = []

    init(file: String, text: String) {
        self.file = file
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func error(_ path: String, at mark: Mark?, _ message: String) {
        add(.error, path, at: mark, message)
    }

    func warning(_ path: String, at mark: Mark?, _ message: String) {
        add(.warning, path, at: mark, message)
    }

    func add(_ severity: Diagnostic.Severity, _ path: String, at mark: Mark?, _ message: String) {
        let line = mark?.line ?? 0
        let source = line > 0 && line <= lines.count ? String(lines[line - 1]) : nil
        let prefix = pathPrefixes.last { $0.lines.contains(line) }?.prefix ?? ""
        let diagnostic = Diagnostic(severity: severity, file: file, line: line, column: mark?.column ?? 0,
                                    path: prefix + path, message: message, sourceLine: source)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
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
