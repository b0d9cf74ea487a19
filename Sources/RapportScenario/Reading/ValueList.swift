/// Comma-separated values as people write them.
public enum ValueList {
    /// Splits on commas outside brackets, so `values=[1, 2]` or `uniform(4, 6)` stay whole.
    /// Pieces are trimmed; empty ones are kept, so callers can tell `a,,b` from `a,b`.
    public static func split(_ text: String) -> [String] {
        var pieces: [String] = [], current = "", depth = 0
        for ch in text {
            if "([{".contains(ch) { depth += 1 }
            if ")]}".contains(ch) { depth -= 1 }
            if ch == ",", depth == 0 {
                pieces.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(ch)
            }
        }
        pieces.append(current.trimmingWhitespace())
        return pieces
    }
}

import Foundation
