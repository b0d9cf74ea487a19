import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` without its trip through an `NSString` copy (about
    /// 40,000 instructions a call, 2–5 % of `rapport validate`). The same set of characters is
    /// trimmed: Foundation's own `CharacterSet.whitespaces` decides beyond ASCII, where its only
    /// members are space and tab; every whitespace character is a single Unicode scalar.
    func trimmingWhitespace() -> String {
        let text = String(self)
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isScenarioWhitespace }),
              let end = scalars.lastIndex(where: { !$0.isScenarioWhitespace }) else { return "" }
        if start == scalars.startIndex, scalars.index(after: end) == scalars.endIndex { return text }
        return String(scalars[start...end])
    }

    /// `self` without the `_` digit separators a number may be written with (`10_000`); Foundation
    /// is asked only when there is one.
    func removingDigitSeparators() -> String {
        utf8.contains(UInt8(ascii: "_")) ? replacingOccurrences(of: "_", with: "") : String(self)
    }
}

private extension Unicode.Scalar {
    /// A member of `CharacterSet.whitespaces`, with ASCII answered without asking it.
    var isScenarioWhitespace: Bool {
        isASCII ? (self == " " || self == "\t") : CharacterSet.whitespaces.contains(self)
    }
}
