/// Refuses, before the YAML parser sees them, mapping keys that are lists or mappings in a file
/// that also uses aliases.
///
/// The parser checks each mapping for duplicate keys by hashing every key whole, aliases
/// expanded, so an alias bomb written as a key (`? [*big, *big]`) hangs the parser itself,
/// before any bound on the parsed tree can apply. A scenario's keys are names, so such a key is
/// never needed; the check is lexical and cheap, and looks only at files with an alias in them.
enum ComplexKeyGuard {
    /// Where the first list-or-mapping key is (1-based line and column), when the text also
    /// holds an alias; nil otherwise.
    static func place(in text: String) -> (line: Int, column: Int)? {
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var sawAlias = false
        var firstComplexKey: (Int, Int)?
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let chars = Array(line.unicodeScalars)
            // An explicit key: `? ` after the indentation and any `- ` list markers.
            var i = 0
            while i < chars.count {
                if chars[i] == " " { i += 1 } else if chars[i] == "-", i + 1 < chars.count, chars[i + 1] == " " { i += 2 } else { break }
            }
            if i < chars.count, chars[i] == "?", i + 1 == chars.count || chars[i + 1] == " " || chars[i + 1] == "\t" {
                firstComplexKey = firstComplexKey ?? (number + 1, i + 1)
            }
            var single = false, double = false
            for j in chars.indices {
                let c = chars[j]
                if double {
                    if c == "\\" { continue }
                    if c == "\"" && (j == 0 || chars[j - 1] != "\\") { double = false }
                    continue
                }
                if single { if c == "'" { single = false }; continue }
                switch c {
                case "\"": double = true
                case "'": single = j == 0 || " [{,:".unicodeScalars.contains(chars[j - 1])
                case "#" where j == 0 || chars[j - 1] == " ": break
                case "*" where (j == 0 || " [{,".unicodeScalars.contains(chars[j - 1])) && j + 1 < chars.count && chars[j + 1] != " ":
                    sawAlias = true
                case ":" where j > 0 && (chars[j - 1] == "]" || chars[j - 1] == "}")
                    && (j + 1 == chars.count || " ,}]".unicodeScalars.contains(chars[j + 1])):
                    // A flow list or mapping used as a key: `[a, b]: 1`.
                    firstComplexKey = firstComplexKey ?? (number + 1, j)
                default: break
                }
                if c == "#" && (j == 0 || chars[j - 1] == " ") { break }
            }
            if sawAlias, let place = firstComplexKey { return place }
        }
        return sawAlias ? firstComplexKey : nil
    }
}
