import Foundation
import Yams

/// Reading a scenario file's bytes as text, with every failure located and in plain words: a
/// folder, a missing or unreadable file, UTF-16, a byte that is not UTF-8, a file too large.
enum ScenarioText {
    /// Bytes read at most: one more than the size limit, so an endless device cannot hang us.
    static let byteLimit = 4_000_000

    static func read(_ path: String) throws -> String {
        func fail(_ message: String, line: Int = 0, column: Int = 0, source: String? = nil) -> ScenarioError {
            ScenarioError([Diagnostic(file: path, line: line, column: column, path: "", message: message, sourceLine: source)])
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw fail("cannot read the file (\(String(cString: strerror(errno))))") }
        if info.st_mode & S_IFMT == S_IFDIR { throw fail("this is a folder, not a scenario file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw fail("cannot read the file (\(String(cString: strerror(errno))))")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: byteLimit + 1) ?? Data()
        } catch {
            throw fail("cannot read the file (\(error.localizedDescription))")
        }
        if data.count > byteLimit { throw fail("the file is larger than 4 MB; a scenario should be a page or two") }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw fail("the file is UTF-16 text; save it as UTF-8")
        }
        if let bad = firstInvalidUTF8(bytes) {
            let (line, column, source) = place(ofByte: bad, in: bytes)
            throw fail(String(format: "the file is not UTF-8 text: byte 0x%02X cannot be read here; save it as UTF-8", bytes[bad]),
                       line: line, column: column, source: source)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int, minimum: UInt32
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            var scalar = UInt32(b) & (0xFF >> (length + 1))
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
            i += length
        }
        return nil
    }

    /// 1-based line and column (in characters) of byte `offset`, and the line's text.
    static func place(ofByte offset: Int, in bytes: [UInt8]) -> (Int, Int, String) {
        let clamped = max(0, min(offset, bytes.count))
        let before = bytes[..<clamped]
        let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        let start = (before.lastIndex(of: 0x0A) ?? -1) + 1
        let end = bytes[clamped...].firstIndex(of: 0x0A) ?? bytes.count
        let column = String(decoding: bytes[start..<clamped], as: UTF8.self).unicodeScalars.count + 1
        let source = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        return (line, column, source)
    }

    /// Where a reader error (a NUL or another forbidden character) sits, from its byte offset.
    static func place(of error: YamlError, in text: String) -> (line: Int, column: Int)? {
        guard case let .reader(_, offset?, _, _) = error else { return nil }
        let (line, column, _) = place(ofByte: offset, in: Array(text.utf8))
        return (line, column)
    }
}
