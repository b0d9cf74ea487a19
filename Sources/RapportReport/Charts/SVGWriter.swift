import Foundation

/// One attribute as written, in the order given: order is kept (rather than using a dictionary)
/// so the same chart always serialises to the same bytes.
typealias SVGAttribute = (name: String, value: String)

/// Builds SVG markup line by line.
///
/// Everything that reaches the output goes through `escape` or `number`, so chart code can't
/// accidentally emit unescaped user text or locale-dependent / run-dependent number spellings.
struct SVGWriter {
    private var lines: [String] = []
    private var depth = 0

    /// Opens a container element; pair with `close`.
    mutating func open(_ name: String, _ attributes: [SVGAttribute] = []) {
        emit("<\(name)\(Self.attributeList(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        emit("</\(name)>")
    }

    /// An element with no content, such as `<rect …/>`.
    mutating func element(_ name: String, _ attributes: [SVGAttribute]) {
        emit("<\(name)\(Self.attributeList(attributes))/>")
    }

    /// An element whose content is text; the text is escaped here.
    mutating func text(_ name: String, _ attributes: [SVGAttribute], _ content: String) {
        emit("<\(name)\(Self.attributeList(attributes))>\(Self.escape(content))</\(name)>")
    }

    /// The finished document, newline-terminated so files written from it diff cleanly.
    func finish() -> String {
        lines.joined(separator: "\n") + "\n"
    }

    private mutating func emit(_ line: String) {
        lines.append(String(repeating: "  ", count: max(0, depth)) + line)
    }

    private static func attributeList(_ attributes: [SVGAttribute]) -> String {
        var out = ""
        for attribute in attributes {
            out += " \(attribute.name)=\"\(escape(attribute.value))\""
        }
        return out
    }

    // MARK: - Escaping

    /// Escapes text for both element content and double- or single-quoted attributes.
    ///
    /// Characters that XML 1.0 forbids outright (most C0 controls, U+FFFE/U+FFFF) cannot be
    /// escaped at all, so they become spaces; otherwise a stray control character in a scenario
    /// name would make the whole report fail to parse.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    // MARK: - Numbers

    /// A coordinate or length: at most two decimals, trailing zeros dropped, never "-0", never
    /// "nan"/"inf". Two decimals is finer than any screen or printer resolves at chart sizes.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return NumberText.fixed(value, decimals: 2, trimTrailingZeros: true, minus: "-", grouping: false)
    }
}

/// Number spelling done by hand instead of `String(format:)`/`NumberFormatter`, whose output
/// depends on locale and platform; charts must be byte-identical on every machine.
enum NumberText {
    /// Largest magnitude (after scaling by the decimals) that UInt64 arithmetic spells exactly.
    private static let exactLimit = 9.0e15

    /// `value` rounded half away from zero to `decimals` places.
    static func fixed(
        _ value: Double, decimals: Int, trimTrailingZeros: Bool = false,
        minus: String = "\u{2212}", grouping: Bool = true
    ) -> String {
        guard value.isFinite else { return "–" }
        let places = min(max(decimals, 0), 12)
        var scale: Double = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < exactLimit else {
            // Beyond exact integer range: fall back to Swift's shortest round-trip spelling,
            // which is still deterministic. Values this large don't occur in practice.
            let plain = "\(abs(value))"
            return (value < 0 ? minus : "") + plain
        }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        let integerPart = units / divisor
        var fraction = places > 0 ? String(units % divisor) : ""
        if places > 0 {
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
        }
        if trimTrailingZeros {
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        var integerText = String(integerPart)
        if grouping && integerPart >= 10_000 {
            integerText = group(integerText)
        }
        let sign = (value < 0 && units != 0) ? minus : ""
        return sign + integerText + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Thousands separators, only from five digits up: "2500" reads fine, "25000" does not.
    private static func group(_ digits: String) -> String {
        var out: [Character] = []
        for (offset, character) in digits.reversed().enumerated() {
            if offset > 0 && offset % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return String(out.reversed())
    }

    /// Fewest decimals (up to 6) that spell every value exactly, so edge labels such as
    /// 0, 2.5, 5 become "0", "2.5", "5" rather than "0.0", "2.5", "5.0".
    static func decimalsNeeded(_ values: [Double]) -> Int {
        var needed = 0
        for value in values where value.isFinite {
            var places = 0
            var scaled = abs(value)
            while places < 6 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) {
                places += 1
                scaled *= 10
            }
            needed = max(needed, places)
        }
        return needed
    }
}
