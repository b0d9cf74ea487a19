import Foundation
import Yams

/// One step of a path into a YAML document.
public enum PathStep: Sendable, Equatable {
    case key(String)
    case index(Int)
}

/// Sets one value in YAML text, keeping everything else as the user wrote it: a value on one line
/// is spliced in place, a block value over several lines is replaced on its key's line, a missing
/// key is inserted as block YAML; only what none of these can do re-emits the file.
public enum YAMLTextEdit {
    /// `text` with the value at `path` replaced by `value` (YAML in flow style); nil when the text
    /// is not YAML or the path crosses something that is not a mapping or list.
    public static func setting(_ path: [PathStep], to value: String, in text: String) -> String? {
        guard let root = (try? Yams.compose(yaml: text)) ?? nil else { return nil }
        if let node = find(path, in: root), let spliced = splice(node, with: value, in: text) { return spliced }
        if find(path, in: root) != nil, let replaced = replaceBlock(path, with: value, in: text, root: root) { return replaced }
        if find(path, in: root) == nil, let inserted = insert(path, value: value, in: text, root: root) { return inserted }
        guard let replacement = (try? Yams.compose(yaml: value)) ?? nil,
              let edited = set(path[...], to: replacement, in: root),
              let emitted = try? Yams.serialize(node: edited) else { return nil }
        return emitted
    }

    /// Adds a key the file does not have yet as new lines of block YAML: inside the deepest
    /// block mapping on the path that exists (before its first key, at its indentation), or at the
    /// end of the file for a new top-level section. Nil when that mapping is written in flow style.
    static func insert(_ path: [PathStep], value: String, in text: String, root: Node) -> String? {
        var depth = 0
        while depth < path.count, find(Array(path[..<(depth + 1)]), in: root) != nil { depth += 1 }
        let keys = path[depth...].compactMap { step -> String? in if case .key(let k) = step { return k }; return nil }
        guard keys.count == path.count - depth, !keys.isEmpty, let parent = find(Array(path[..<depth]), in: root),
              case .mapping(let map) = parent else { return nil }
        func block(_ indent: String) -> [String] {
            keys.enumerated().map { i, key in
                indent + String(repeating: "  ", count: i) + key + ":" + (i == keys.count - 1 ? " " + value : "")
            }
        }
        var lines = text.components(separatedBy: "\n")
        if depth == 0 {
            while lines.last?.isEmpty == true { lines.removeLast() }
            return (lines + block("") + [""]).joined(separator: "\n")
        }
        guard let first = map.keys.first?.mark, first.line >= 1, first.line <= lines.count else { return nil }
        let line = Array(lines[first.line - 1])
        let column = first.column - 1
        // A flow mapping's first key sits after "{" on its line; only block mappings take new lines.
        guard column <= line.count, line[..<column].allSatisfy({ $0 == " " || $0 == "-" }) else { return nil }
        let indent = String(repeating: " ", count: column)
        // In a list item ("- group: x") the new key goes after the dash's line, inside the item.
        let inItem = line[..<column].contains("-")
        lines.insert(contentsOf: block(indent), at: inItem ? first.line : first.line - 1)
        return lines.joined(separator: "\n")
    }

    /// Replaces a value written as a block over several lines (`quota:` with `fixed-quota:` and
    /// its settings indented below) by `value` on the key's line, so the rest of the file, its
    /// comments included, stays as written. Full-line comments inside the old block stay where
    /// they were; only the old value's own lines go. Nil when the value is not a block under a key.
    static func replaceBlock(_ path: [PathStep], with value: String, in text: String, root: Node) -> String? {
        guard case .key(let name)? = path.last, let parent = find(Array(path.dropLast()), in: root),
              case .mapping(let map) = parent, let node = find(path, in: root), let valueMark = node.mark,
              let keyMark = map.first(where: { $0.key.string == name })?.key.mark else { return nil }
        switch node {
        case .mapping, .sequence: break
        default: return nil
        }
        var lines = text.components(separatedBy: "\n")
        let keyLine = keyMark.line - 1, keyColumn = keyMark.column - 1
        guard keyLine >= 0, keyLine < lines.count, valueMark.line - 1 > keyLine else { return nil }
        // The key's line must end after the colon (a comment may follow): the value starts below.
        let head = Array(lines[keyLine])
        guard keyColumn + name.count < head.count, let colon = head[(keyColumn + name.count)...].firstIndex(of: ":") else { return nil }
        let rest = String(head[(colon + 1)...]).trimmingWhitespace()
        guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
        func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        func isComment(_ line: String) -> Bool { line.trimmingWhitespace().hasPrefix("#") }
        func isBlank(_ line: String) -> Bool { line.trimmingWhitespace().isEmpty }
        // The block: the lines below the key indented deeper than it (or, for a list, its dashes
        // at the key's own indentation), with blank and comment lines among them.
        var end = keyLine + 1, lastContent = keyLine
        while end < lines.count {
            let line = lines[end]
            if isBlank(line) || isComment(line) { end += 1; continue }
            let deeper = indentation(line) > keyColumn
            let dash = { if case .sequence = node { return indentation(line) == keyColumn && line.dropFirst(keyColumn).hasPrefix("-") }; return false }()
            guard deeper || dash else { break }
            lastContent = end
            end += 1
        }
        guard lastContent > keyLine else { return nil }
        let kept = lines[(keyLine + 1)...lastContent].filter(isComment)
        lines[keyLine] = String(head[...colon]) + " " + value + (rest.isEmpty ? "" : "  " + rest)
        lines.replaceSubrange((keyLine + 1)...lastContent, with: kept)
        let edited = lines.joined(separator: "\n")
        // Only an edit that reads back as intended is kept.
        guard let check = (try? Yams.compose(yaml: edited)) ?? nil, let set = find(path, in: check),
              let wanted = (try? Yams.compose(yaml: value)) ?? nil, set == wanted else { return nil }
        return edited
    }

    static func find(_ path: [PathStep], in root: Node) -> Node? {
        var node: Node? = root
        for step in path {
            switch step {
            case .key(let k): node = node?[k]
            case .index(let i):
                guard case .sequence(let seq)? = node, i < seq.count else { return nil }
                node = seq[i]
            }
        }
        return node
    }

    /// Replaces a value written on one line (a plain or quoted scalar, or a flow mapping) in place.
    static func splice(_ node: Node, with value: String, in text: String) -> String? {
        guard let mark = node.mark else { return nil }
        var lines = text.components(separatedBy: "\n")
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let line = Array(lines[mark.line - 1].unicodeScalars)
        let start = mark.column - 1
        guard start >= 0, start < line.count else { return nil }
        guard let end = valueEnd(line, from: start, node: node) else { return nil }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: line[..<start])
        out.append(contentsOf: value.unicodeScalars)
        out.append(contentsOf: line[end...])
        lines[mark.line - 1] = String(out)
        return lines.joined(separator: "\n")
    }

    /// Where the value that starts at `start` ends on its line, or nil if it goes on past it.
    private static func valueEnd(_ line: [Unicode.Scalar], from start: Int, node: Node) -> Int? {
        let first = line[start]
        if first == "{" || first == "[" {
            var depth = 0, i = start, quote: Unicode.Scalar? = nil
            while i < line.count {
                let c = line[i]
                if let q = quote { if c == q { quote = nil } }
                else if c == "\"" || c == "'" { quote = c }
                else if c == "{" || c == "[" { depth += 1 }
                else if c == "}" || c == "]" { depth -= 1; if depth == 0 { return i + 1 } }
                i += 1
            }
            return nil
        }
        guard case .scalar = node else { return nil }
        if first == "\"" || first == "'" {
            var i = start + 1
            while i < line.count {
                if line[i] == "\\", first == "\"" { i += 2; continue }
                if line[i] == first { return i + 1 }
                i += 1
            }
            return nil
        }
        if first == "|" || first == ">" { return nil }
        // A plain scalar runs to a comment (" #"), a flow separator or the end of the line. It is
        // inside a flow collection (`{rate: 45/week}`) when a bracket before it is still open; then
        // `,`, `}` and `]` end it too.
        var open = 0, quote: Unicode.Scalar? = nil
        for c in line[..<start] {
            if let q = quote { if c == q { quote = nil } }
            else if c == "\"" || c == "'" { quote = c }
            else if c == "{" || c == "[" { open += 1 }
            else if c == "}" || c == "]" { open -= 1 }
        }
        var end = line.count
        for i in start..<line.count {
            if line[i] == "#" && i > start && line[i - 1] == " " { end = i; break }
            if open > 0 && (line[i] == "," || line[i] == "}" || line[i] == "]") { end = i; break }
        }
        while end > start, line[end - 1] == " " || line[end - 1] == "\t" { end -= 1 }
        return end
    }

    private static func set(_ path: ArraySlice<PathStep>, to value: Node, in node: Node) -> Node? {
        guard let step = path.first else { return value }
        switch (step, node) {
        case let (.key(k), .mapping(map)):
            var copy = map
            guard let child = set(path.dropFirst(), to: value, in: map[k] ?? .mapping(.init([]))) else { return nil }
            copy[k] = child
            return .mapping(copy)
        case let (.index(i), .sequence(seq)) where i < seq.count:
            var nodes = Array(seq)
            guard let child = set(path.dropFirst(), to: value, in: nodes[i]) else { return nil }
            nodes[i] = child
            return .sequence(.init(nodes))
        default:
            return nil
        }
    }
}
