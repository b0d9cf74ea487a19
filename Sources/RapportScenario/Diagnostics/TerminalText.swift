/// Text from a user's files made safe to print on a terminal: control characters (ANSI and OSC
/// escape sequences, carriage returns, bells) are shown as `\x1b`-style escapes instead of being
/// obeyed, so a scenario or result cannot recolour, retitle or rewrite the user's terminal.
public enum TerminalText {
    /// `text` with every control character but newline and tab made visible.
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16)
                out.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" + hex : hex)).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
    }

    /// At most `limit` characters of `line` around `column` (1-based, in Unicode scalars as YAML
    /// counts them), with `…` where it was cut, and the column of the same character in the
    /// excerpt. Works without copying the rest of a long line.
    public static func excerpt(_ line: Substring, around column: Int, limit: Int = 160) -> (text: String, column: Int) {
        guard line.utf8.count > limit else { return (String(line), column) }
        let scalars = line.unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: max(0, column - 1 - limit / 2), limitedBy: scalars.endIndex) ?? scalars.endIndex
        let end = scalars.index(start, offsetBy: limit, limitedBy: scalars.endIndex) ?? scalars.endIndex
        let cutStart = start > scalars.startIndex, cutEnd = end < scalars.endIndex
        let text = (cutStart ? "…" : "") + String(scalars[start..<end]) + (cutEnd ? "…" : "")
        return (text, cutStart ? column - scalars.distance(from: scalars.startIndex, to: start) + 1 : column)
    }
}
