import Foundation
import RapportExperiment
import RapportScenario
import Yams

/// Checking scenario text exactly as `rapport validate` does, for the editor.
enum ScenarioCheck {
    /// The outcome: the loaded scenario, or the located problems (warnings come with either).
    struct Outcome {
        var scenario: Scenario?
        var diagnostics: [Diagnostic]
        var ok: Bool { scenario != nil }

        /// The one-line verdict `rapport validate` prints.
        var summary: String {
            if let s = scenario {
                return "ok (\(s.variants.count) variant\(s.variants.count == 1 ? "" : "s"): \(s.variants.map(\.name).joined(separator: ", ")))"
            }
            let errors = diagnostics.filter { $0.severity == .error }.count
            return errors == 1 ? "1 error" : "\(errors) errors"
        }

        /// For the editor's script: the verdict and each problem at its line.
        var json: JSONValue {
            .object([
                ("ok", .bool(ok)), ("summary", .string(summary)),
                ("diagnostics", .array(diagnostics.map { d in
                    .object([("severity", .string(d.severity.rawValue)), ("line", .number(Double(d.line))),
                             ("column", .number(Double(d.column))), ("path", .string(d.path)),
                             ("message", .string(d.message)), ("text", .string(d.description))])
                })),
            ])
        }

        /// For the templates.
        var listed: [[String: Any]] {
            diagnostics.map { ["severity": $0.severity.rawValue, "line": $0.line, "text": $0.description] }
        }
    }

    static func check(_ text: String, overrides: [(path: String, value: String)] = [], file: String) -> Outcome {
        do {
            let scenario = try ScenarioLoader.load(text: text, file: file, overrides: overrides)
            return Outcome(scenario: scenario, diagnostics: scenario.warnings)
        } catch let error as ScenarioError {
            return Outcome(scenario: nil, diagnostics: error.diagnostics)
        } catch {
            return Outcome(scenario: nil, diagnostics: [Diagnostic(file: file, line: 0, column: 0, path: "", message: "\(error)")])
        }
    }

    /// A file name for messages: the scenario's name in lower case with dashes, plus `.yaml`.
    static func fileName(for name: String) -> String {
        let slug = name.lowercased().unicodeScalars.map { $0.isASCII && CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        return (slug.isEmpty ? "scenario" : String(slug.prefix(60))) + ".yaml"
    }

    /// The `name:` and `description:` a file declares, without checking the rest.
    static func title(of text: String) -> (name: String?, description: String?) {
        guard let root = (try? Yams.compose(yaml: text)) ?? nil else { return (nil, nil) }
        return (root["name"]?.string, root["description"]?.string)
    }
}
