/// "Did you mean" suggestions for misspelt names.
public enum Suggestions {
    /// The closest of `candidates` to `word`, if close enough to be a plausible typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        // "tuesday" for "tue": a candidate that starts the word is what was meant.
        if let prefix = candidates.first(where: { $0.count >= 3 && lowered.hasPrefix($0.lowercased()) }) { return prefix }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        // Allow about one edit in three characters, and always at least two.
        return distance <= max(2, candidate.count / 3) ? candidate : nil
    }

    /// "; did you mean 'x'?" when a candidate is close to `word`, else `fallback`.
    public static func hint(for word: String, in candidates: [String], otherwise fallback: String = "") -> String {
        if let suggestion = closest(to: word, in: candidates) { return "; did you mean '\(suggestion)'?" }
        return fallback
    }

    /// Levenshtein distance, with hyphens and underscores treated as the same character.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.replacingHyphens()), y = Array(b.replacingHyphens())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}

private extension String {
    func replacingHyphens() -> [Character] { map { $0 == "-" ? "_" : $0 } }
}
