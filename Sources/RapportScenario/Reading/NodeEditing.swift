import Yams

/// Edits of the YAML tree before it is checked: variant overrides and `--set` values.
enum NodeEditing {
    /// Paths whose value names one choice (a policy), so a variant replaces it whole: merging
    /// `{best-fit: …}` with `{batch-optimal: …}` would name two.
    static let replacedWhole = ["policy.matching", "policy.quota"]

    /// `base` with `override` laid over it: mappings merge key by key, anything else is replaced.
    static func merged(_ base: Node, _ override: Node, path: String = "") -> Node {
        guard case .mapping(var baseMap) = base, case .mapping(let overMap) = override,
              !replacedWhole.contains(path) else { return override }
        for (key, value) in overMap {
            let childPath = path.isEmpty ? (key.string ?? "") : "\(path).\(key.string ?? "")"
            if let existing = baseMap[key] {
                baseMap[key] = merged(existing, value, path: childPath)
            } else {
                baseMap[key] = value
            }
        }
        return .mapping(baseMap)
    }

    /// `root` with the value at dotted `path` (`a.b[2].c`) set to the scalar `value`; nil when a
    /// step of the path goes through something that is not a mapping or list.
    static func setting(_ path: String, to value: String, in root: Node) -> Node? {
        let steps = parse(path)
        guard !steps.isEmpty else { return nil }
        // Nodes built here resolve tags as the document's own nodes do (see ScenarioYAML).
        let untagged = root.tag.copy(with: .implicit)
        return set(steps[...], value: choice(value, at: path, tag: untagged), in: root, tag: untagged)
    }

    /// A policy switched from the command line: `--set policy.quota=fixed-quota:6` means
    /// `quota: {fixed-quota: 6}`, as `policy.quota=competition` means `quota: competition`.
    private static func choice(_ value: String, at path: String, tag untagged: Tag) -> Node {
        let plain = Node(value, untagged, .plain)
        guard replacedWhole.contains(path), let colon = value.firstIndex(of: ":"),
              !value[..<colon].isEmpty, !value[..<colon].contains(" ") else { return plain }
        let argument = value[value.index(after: colon)...].trimmingWhitespace()
        guard !argument.isEmpty else { return plain }
        let inner = (try? ScenarioYAML.compose(argument)) ?? nil
        return .mapping(Node.Mapping([(Node(String(value[..<colon]), untagged, .plain), inner ?? Node(argument, untagged, .plain))]))
    }

    private enum Step { case key(String), index(Int) }

    private static func parse(_ path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]"),
                  let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                indices.insert(i, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { steps.append(.key(String(name))) }
            steps.append(contentsOf: indices.map { .index($0) })
        }
        return steps
    }

    private static func set(_ steps: ArraySlice<Step>, value: Node, in node: Node, tag untagged: Tag) -> Node? {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch (step, node) {
        case let (.key(key), .mapping(map)):
            var copy = map
            let child = map[key] ?? Node.mapping(Node.Mapping([], untagged))
            guard let replaced = set(rest, value: value, in: child, tag: untagged) else { return nil }
            copy[key] = replaced
            return .mapping(copy)
        case let (.index(i), .sequence(seq)):
            guard i >= 0, i < seq.count else { return nil }
            var items = Array(seq)
            guard let replaced = set(rest, value: value, in: items[i], tag: untagged) else { return nil }
            items[i] = replaced
            return .sequence(Node.Sequence(items, untagged))
        default:
            return nil
        }
    }
}
