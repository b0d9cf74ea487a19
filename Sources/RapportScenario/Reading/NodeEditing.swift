import Yams

/// Edits of the YAML tree before it is checked: variant overrides and `--set` values.
enum NodeEditing {
    /// Paths whose value names one choice (a policy), so a variant replaces it whole: merging
    /// `{best-fit: …}` with `{batch-optimal: …}` would name two.
    static let replacedWhole: Set<String> = ["policy.matching", "policy.quota"]

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
        return set(steps[...], value: choice(value, at: path), in: root)
    }

    /// A policy switched from the command line: `--set policy.quota=fixed-quota:6` means
    /// `quota: {fixed-quota: 6}`, as `policy.quota=competition` means `quota: competition`.
    private static func choice(_ value: String, at path: String) -> Node {
        let plain = Node(value, .implicit, .plain)
        guard replacedWhole.contains(path), let colon = value.firstIndex(of: ":"),
              !value[..<colon].isEmpty, !value[..<colon].contains(" ") else { return plain }
        let argument = value[value.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !argument.isEmpty else { return plain }
        let inner = (try? Yams.compose(yaml: argument)) ?? nil
        return .mapping(Node.Mapping([(Node(String(value[..<colon]), .implicit, .plain), inner ?? Node(argument, .implicit, .plain))]))
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

    private static func set(_ steps: ArraySlice<Step>, value: Node, in node: Node) -> Node? {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch (step, node) {
        case let (.key(key), .mapping(map)):
            var copy = map
            let child = map[key] ?? Node.mapping(Node.Mapping([]))
            guard let replaced = set(rest, value: value, in: child) else { return nil }
            copy[key] = replaced
            return .mapping(copy)
        case let (.index(i), .sequence(seq)):
            guard i >= 0, i < seq.count else { return nil }
            var items = Array(seq)
            guard let replaced = set(rest, value: value, in: items[i]) else { return nil }
            items[i] = replaced
            return .sequence(Node.Sequence(items))
        default:
            return nil
        }
    }
}
