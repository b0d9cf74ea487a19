import Yams

/// One node of the scenario with its path, read with checks that report into the sink instead of
/// throwing, so a single pass finds every problem.
struct Field {
    let node: Node
    let path: String
    let sink: DiagnosticSink

    var mark: Mark? { node.mark }

    func error(_ message: String) { sink.error(path, at: mark, message) }
    func warning(_ message: String) { sink.warning(path, at: mark, message) }

    /// How the node reads in a message: its text if a scalar, else its kind.
    var found: String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "nothing" : "'\(s.string)'"
        case .mapping(let m): return m.count == 0 ? "an empty mapping" : "a mapping"
        case .sequence(let s): return s.count == 0 ? "an empty list" : "a list"
        case .alias: return "an alias"
        }
    }

    func expected(_ what: String) { error("expected \(what), found \(found)") }

    var scalarText: String? {
        if case .scalar(let s) = node { return s.string }
        return nil
    }

    func child(_ node: Node, _ suffix: String) -> Field { Field(node: node, path: path + suffix, sink: sink) }

    /// Reads a mapping, reporting keys outside `keys` with a suggestion.
    func mapping(keys: [String]) -> MappingReader? {
        guard case .mapping(let m) = node else { expected("a mapping with keys such as \(keys.prefix(3).joined(separator: ", "))"); return nil }
        var entries: [(key: String, keyMark: Mark?, value: Field)] = []
        for (keyNode, valueNode) in m {
            guard let key = keyNode.string else { continue }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            if !keys.contains(key) {
                sink.error(childPath, at: keyNode.mark, "unknown key '\(key)'"
                    + Suggestions.hint(for: key, in: keys, otherwise: "; expected one of \(keys.joined(separator: ", "))"))
                continue
            }
            entries.append((key, keyNode.mark, Field(node: valueNode, path: childPath, sink: sink)))
        }
        return MappingReader(field: self, entries: entries)
    }

    /// Reads a list.
    func sequence() -> [Field]? {
        guard case .sequence(let s) = node else { expected("a list"); return nil }
        // By index (Int) rather than `s.enumerated()`, whose generic wrapper costs a
        // protocol-conformance scan on first use.
        return (s.startIndex..<s.endIndex).map { child(s[$0], "[\($0 - s.startIndex)]") }
    }

    func string() -> String? {
        guard let text = scalarText, !text.isEmpty else { expected("text"); return nil }
        return text
    }

    func bool() -> Bool? {
        switch scalarText?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: expected("true or false"); return nil
        }
    }

    func number(_ requirement: NumberRequirement = .any) -> Double? {
        guard let text = scalarText, let value = Double(text.removingDigitSeparators()), value.isFinite else {
            expected(requirement.phrase)
            return nil
        }
        guard requirement.accepts(value) else { expected(requirement.phrase); return nil }
        return value
    }

    func integer(_ requirement: NumberRequirement = .any) -> Int? {
        guard let value = number(requirement) else { return nil }
        guard value == value.rounded(), abs(value) < 1e15 else { expected("a whole number"); return nil }
        return Int(value)
    }

    func probability() -> Double? { number(.probability) }

    /// A duration with a unit, in days.
    func duration(positive: Bool = true) -> Double? {
        guard let text = scalarText, let days = Units.days(text) else {
            expected("a duration with a unit, such as 50m, 3h, 14d, 6w or 2y")
            return nil
        }
        if positive && days <= 0 { expected("a duration > 0"); return nil }
        if !positive && days < 0 { expected("a duration >= 0"); return nil }
        return days
    }

    /// A rate such as `110/week`, per day.
    func rate() -> Double? {
        guard let text = scalarText, let perDay = Units.perDay(text) else {
            expected("a rate such as 110/week, 20/day or 8/hour")
            return nil
        }
        if perDay < 0 { expected("a rate >= 0"); return nil }
        return perDay
    }
}

/// What a number must satisfy, with the phrase used when it does not.
enum NumberRequirement {
    case any, positive, nonNegative, probability, atLeast(Double), range(Double, Double)

    var phrase: String {
        switch self {
        case .any: "a number"
        case .positive: "a number > 0"
        case .nonNegative: "a number >= 0"
        case .probability: "a probability between 0 and 1"
        case .atLeast(let low): "a number >= \(Units.format(low))"
        case .range(let low, let high): "a number from \(Units.format(low)) to \(Units.format(high))"
        }
    }

    func accepts(_ value: Double) -> Bool {
        switch self {
        case .any: true
        case .positive: value > 0
        case .nonNegative: value >= 0
        case .probability: value >= 0 && value <= 1
        case .atLeast(let low): value >= low
        case .range(let low, let high): value >= low && value <= high
        }
    }
}

/// The entries of one mapping, by key.
struct MappingReader {
    let field: Field
    let entries: [(key: String, keyMark: Mark?, value: Field)]

    subscript(key: String) -> Field? { entries.first { $0.key == key }?.value }

    /// The value at `key`, reporting it missing otherwise.
    func required(_ key: String, _ what: String) -> Field? {
        if let value = self[key] { return value }
        field.error("missing '\(key)' (\(what))")
        return nil
    }
}
