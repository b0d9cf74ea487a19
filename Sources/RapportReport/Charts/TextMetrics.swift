/// Estimated text widths, for layout decisions made without a font engine.
///
/// The per-character advances are those of DejaVu Sans, the widest common fallback for
/// `system-ui, sans-serif`; estimating with the widest likely font means labels laid out here
/// still fit when a narrower one (Helvetica, Segoe UI, Roboto) is actually used.
enum TextMetrics {
    /// Estimated rendered width of `text` at `fontSize`.
    static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += advance(scalar)
        }
        return ems * fontSize * (bold ? 1.08 : 1)
    }

    private static func advance(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "i", "j", "l", "'", "|", "!", ".", ",", ":", ";": return 0.29
        case " ", "f", "t", "r", "I", "(", ")", "[", "]", "/", "\\", "-": return 0.37
        case "m": return 0.98
        case "w": return 0.82
        case "M", "W", "%", "…", "—": return 0.96
        case "\u{2212}", "+", "=", "<", ">", "~": return 0.84
        case "0"..."9": return 0.64
        case "A"..."Z": return 0.72
        case "a"..."z": return 0.61
        default:
            // East Asian wide characters take a full em; other scripts roughly a capital.
            if scalar.value >= 0x1100 && (scalar.value <= 0x115F || (0x2E80...0xFFDC).contains(scalar.value)) {
                return 1.0
            }
            return 0.72
        }
    }

    /// `text` shortened with an ellipsis so it fits `maxWidth`; unchanged if it already fits.
    static func truncate(_ text: String, maxWidth: Double, fontSize: Double, bold: Bool = false) -> String {
        if width(text, fontSize: fontSize, bold: bold) <= maxWidth { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingTrailingSpaces() + "…"
            if width(candidate, fontSize: fontSize, bold: bold) <= maxWidth { return candidate }
        }
        return "…"
    }

    /// Greedy word wrap into at most `maxLines` lines; the last line is truncated if the text
    /// doesn't fit. Empty text gives no lines, so callers reserve no space for it.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int, bold: Bool = false) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !words.isEmpty, maxLines > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || width(candidate, fontSize: fontSize, bold: bold) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        lines.append(current)
        if lines.count > maxLines {
            // The last permitted line takes everything left over, then gets truncated.
            let rest = lines[(maxLines - 1)...].joined(separator: " ")
            lines = Array(lines[..<(maxLines - 1)]) + [rest]
        }
        return lines.map { truncate($0, maxWidth: maxWidth, fontSize: fontSize, bold: bold) }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
