import Foundation

/// A JSON value with object keys kept in the order they were written, so output is byte-stable.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A number, or null when it is not finite (JSON has no NaN).
    public static func finite(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    public var double: Double? {
        switch self {
        case .number(let v): return v
        case .null: return .nan
        default: return nil
        }
    }
    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var objectPairs: [(String, JSONValue)]? { if case .object(let o) = self { return o }; return nil }

    /// Pretty-printed text with two-space indents; arrays of scalars stay on one line.
    public func rendered() -> String {
        var writer = JSONTextWriter(layout: .indented)
        writer.write(self, depth: 0)
        writer.bytes.append(UInt8(ascii: "\n"))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The same text as `rendered()` on one line: each line break and the indent after it become
    /// one space (`{ "a": 1, "b": [1, 2] }`), without the final newline.
    public func renderedOnOneLine() -> String {
        var writer = JSONTextWriter(layout: .oneLine)
        writer.write(self, depth: 0)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    fileprivate var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// Shortest text that reads back as the same double; whole numbers without a fraction;
    /// `null` for NaN and infinities.
    public static func format(_ v: Double) -> String {
        var bytes: [UInt8] = []
        JSONTextWriter.appendNumber(v, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The string as a JSON string literal: quotes, backslashes and control characters escaped.
    public static func quote(_ s: String) -> String {
        var bytes: [UInt8] = []
        JSONTextWriter.appendQuoted(s, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses JSON text, keeping object key order.
    public static func parse(_ text: String) throws -> JSONValue {
        var parser = JSONParser(Array(text.utf8))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.atEnd else { throw JSONParseError(offset: parser.position, problem: "unexpected text after the end") }
        return value
    }
}

/// Why JSON text could not be read.
public struct JSONParseError: Error, CustomStringConvertible {
    public var offset: Int
    public var problem: String
    public var description: String { "invalid JSON at byte \(offset): \(problem)" }
}

/// A small recursive-descent reader; Foundation's reader loses key order.
struct JSONParser {
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    func fail(_ problem: String) -> JSONParseError { JSONParseError(offset: position, problem: problem) }

    mutating func value() throws -> JSONValue {
        skipSpace()
        guard position < bytes.count else { throw fail("unexpected end") }
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw fail("nested too deeply") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard case .string(let key) = try value() else { throw fail("expected a key") }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                position += 1
                pairs.append((key, try value()))
                skipSpace()
                guard position < bytes.count else { throw fail("unexpected end") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(pairs) }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [JSONValue] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                items.append(try value())
                skipSpace()
                guard position < bytes.count else { throw fail("unexpected end") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            position += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            while position < bytes.count {
                let b = bytes[position]
                if b == UInt8(ascii: "\"") {
                    position += 1
                    scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                    return .string(String(scalars))
                }
                if b == UInt8(ascii: "\\") {
                    scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                    raw.removeAll()
                    position += 1
                    guard position < bytes.count else { break }
                    switch bytes[position] {
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{c}")
                    case UInt8(ascii: "u"):
                        guard position + 4 < bytes.count,
                              let code = UInt32(String(decoding: bytes[(position + 1)...(position + 4)], as: UTF8.self), radix: 16)
                        else { throw fail("bad \\u escape") }
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                        position += 4
                    default: scalars.append(Unicode.Scalar(bytes[position]))
                    }
                    position += 1
                    continue
                }
                raw.append(b)
                position += 1
            }
            throw fail("unterminated string")
        case UInt8(ascii: "t"):
            guard bytes[position...].starts(with: Array("true".utf8)) else { throw fail("unexpected character") }
            position += 4
            return .bool(true)
        case UInt8(ascii: "f"):
            guard bytes[position...].starts(with: Array("false".utf8)) else { throw fail("unexpected character") }
            position += 5
            return .bool(false)
        case UInt8(ascii: "n"):
            guard bytes[position...].starts(with: Array("null".utf8)) else { throw fail("unexpected character") }
            position += 4
            return .null
        default:
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            guard let v = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else { throw fail("unexpected character") }
            return .number(v)
        }
    }
}

/// Writes JSON text as UTF-8 bytes. Reports, checkpoints and stored runs are written through it,
/// so it works on bytes rather than characters: escaping a string copies its unescaped stretches
/// whole, and numbers are formatted without going through string interpolation.
struct JSONTextWriter {
    enum Layout {
        /// One member per line, two spaces of indent per level.
        case indented
        /// Everything on one line: where `indented` breaks the line, one space.
        case oneLine
    }

    let layout: Layout
    var bytes: [UInt8] = []

    init(layout: Layout) {
        self.layout = layout
        bytes.reserveCapacity(4096)
    }

    /// A line break followed by the indent of `depth` (`.indented`), or one space (`.oneLine`).
    private mutating func breakLine(depth: Int) {
        switch layout {
        case .indented:
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        case .oneLine:
            bytes.append(UInt8(ascii: " "))
        }
    }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let b): bytes.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let v): Self.appendNumber(v, to: &bytes)
        case .string(let s): Self.appendQuoted(s, to: &bytes)
        case .array(let items):
            if items.allSatisfy({ $0.isScalar }) {
                bytes.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { bytes.append(contentsOf: ", ".utf8) }
                    write(item, depth: depth)
                }
                bytes.append(UInt8(ascii: "]"))
            } else {
                bytes.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { bytes.append(UInt8(ascii: ",")) }
                    breakLine(depth: depth + 1)
                    write(item, depth: depth + 1)
                }
                breakLine(depth: depth)
                bytes.append(UInt8(ascii: "]"))
            }
        case .object(let pairs):
            if pairs.isEmpty { bytes.append(contentsOf: "{}".utf8); return }
            bytes.append(UInt8(ascii: "{"))
            for (i, (key, member)) in pairs.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                breakLine(depth: depth + 1)
                Self.appendQuoted(key, to: &bytes)
                bytes.append(contentsOf: ": ".utf8)
                write(member, depth: depth + 1)
            }
            breakLine(depth: depth)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Whole numbers below 10^15 as integers (`3`, `-12`, `0` for -0); other finite numbers as
    /// Swift's shortest round-tripping text (`0.1`, `1e-07`, `1e+21`); NaN and infinities as `null`.
    static func appendNumber(_ v: Double, to bytes: inout [UInt8]) {
        guard v.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        guard v == v.rounded(), abs(v) < 1e15 else { bytes.append(contentsOf: v.description.utf8); return }
        var magnitude = Int64(v).magnitude
        if v < 0 && magnitude != 0 { bytes.append(UInt8(ascii: "-")) }
        let first = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[first...].reverse()
    }

    /// `"…"` with the quote, the backslash, newline, return and tab escaped (`\"`, `\\`, `\n`, `\r`,
    /// `\t`), the other control characters below U+0020 as `\u00xx`, and everything else (non-ASCII
    /// included) as it is.
    static func appendQuoted(_ s: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            // UTF-8 bytes of non-ASCII scalars are all 0x80 or above, so byte tests find exactly
            // the ASCII characters that need escaping.
            var clean = 0
            for i in utf8.indices {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                clean = i + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): bytes.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): bytes.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): bytes.append(contentsOf: "\\t".utf8)
                default:
                    bytes.append(contentsOf: "\\u00".utf8)
                    for nibble in [byte >> 4, byte & 0xF] {
                        bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
                    }
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
