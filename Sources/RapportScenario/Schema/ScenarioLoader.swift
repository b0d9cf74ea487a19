import Foundation
import RapportModel
import Yams

/// Reads scenario files: YAML → checked `Scenario`, or every problem found, located.
public enum ScenarioLoader {
    /// Loads the scenario at `path`. `overrides` replace values by dotted path before checking,
    /// as `--set clients.arrivals.rate=120/week` does.
    public static func load(path: String, overrides: [(path: String, value: String)] = []) throws -> Scenario {
        let text = try ScenarioText.read(path)
        return try load(text: text, file: path, overrides: overrides)
    }

    /// Loads a scenario from `text`, naming it `file` in messages.
    public static func load(text: String, file: String, overrides: [(path: String, value: String)] = []) throws -> Scenario {
        // Checked before the text is split into lines: a gigabyte must cost no more than a byte count.
        guard text.utf8.count <= ScenarioText.byteLimit else {
            throw ScenarioError([Diagnostic(file: file, line: 0, column: 0, path: "",
                                            message: "the file is larger than 4 MB; a scenario should be a page or two")])
        }
        let sink = DiagnosticSink(file: file, text: text)
        if let place = ComplexKeyGuard.place(in: text) {
            sink.add(.error, "", line: place.line, column: place.column,
                     "a mapping key here is a list or a mapping, in a file that uses aliases; scenario keys are names (an alias bomb as a key would hang the YAML parser)")
            throw sink.failure
        }
        let root: Node
        do {
            guard let parsed = try ScenarioYAML.compose(text) else {
                sink.error("", at: nil, "the file is empty; expected a scenario with at least clients: and therapists:")
                throw sink.failure
            }
            root = parsed
        } catch let error as YamlError {
            if let mark = Self.mark(of: error) {
                sink.add(.error, "", at: mark, Self.describe(error))
            } else {
                let place = ScenarioText.place(of: error, in: text)
                sink.add(.error, "", line: place?.line ?? 0, column: place?.column ?? 0, Self.describe(error))
            }
            throw sink.failure
        }
        var patched = root
        for override in overrides {
            if let replaced = NodeEditing.setting(override.path, to: override.value, in: patched) {
                patched = replaced
            } else {
                sink.error(override.path, at: nil, "--set names a path that is not in the scenario and cannot be added")
            }
        }
        if let node = NodeBudget.overrun(patched) {
            sink.error("", at: node.mark, "the file expands to more than \(NodeBudget.limit) values (aliases counted each time they are used); a scenario should be a page or two")
            throw sink.failure
        }
        DuplicateKeys.check(patched, into: sink)
        if sink.hasErrors { throw sink.failure }
        let scenario = ScenarioDecoder(sink: sink).decode(patched)
        guard !sink.hasErrors, let scenario else { throw sink.failure }
        var result = scenario
        result.warnings = sink.sorted.filter { $0.severity == .warning }
        return result
    }

    static func mark(of error: YamlError) -> Mark? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark
        case let .duplicatedKeysInMapping(_, context): return context.mark
        default: return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            var message = "YAML syntax: \(problem)"
            if let context { message += " (\(context.text))" }
            if problem.contains("mapping values are not allowed") {
                message += "; inside a value write parameters with '=', as in lognormal(median=8, sigma=1)"
            }
            return message
        case let .duplicatedKeysInMapping(duplicates, _):
            return "the key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appear\(duplicates.count == 1 ? "s" : "") more than once in one mapping"
        case let .reader(problem, _, value, _):
            let character = value == 0 ? "a NUL byte" : "the character U+" + String(format: "%04X", value)
            return "the file cannot be read as text: \(problem) (\(character))"
        default:
            return "YAML: \(error)"
        }
    }
}
