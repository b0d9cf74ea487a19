import Yams

/// Keys that read the same but differ in type (`1` and `'1'`, `true` and `'true'`): YAML sees
/// two keys, every reader of the scenario sees one name twice. Yams already refuses keys that are
/// equal; this pass refuses keys whose text is equal.
enum DuplicateKeys {
    static func check(_ root: Node, into sink: DiagnosticSink) {
        var stack = [root]
        while let node = stack.popLast() {
            switch node {
            case .mapping(let mapping):
                var seen: [String: Node] = [:]
                for (key, value) in mapping {
                    if let text = key.string {
                        if let first = seen[text] {
                            sink.error("", at: key.mark, "the key '\(text)' appears more than once in one mapping (written as \(Self.spelling(first)) and as \(Self.spelling(key))); keys are names, so write it once")
                        } else {
                            seen[text] = key
                        }
                    }
                    stack.append(value)
                }
            case .sequence(let items):
                stack.append(contentsOf: items)
            default:
                break
            }
        }
    }

    private static func spelling(_ key: Node) -> String {
        guard case .scalar(let scalar) = key else { return "a key" }
        switch scalar.style {
        case .singleQuoted: return "'\(scalar.string)'"
        case .doubleQuoted: return "\"\(scalar.string)\""
        default: return scalar.string
        }
    }
}
