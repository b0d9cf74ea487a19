import RapportRandom

/// Welch's two-sample t-test, for comparing replication values of two independent runs.
public enum WelchTest {
    /// The two-sided p-value that `a` and `b` have the same mean. Undefined values are ignored.
    /// Two constant samples give 1 when equal and 0 when not.
    public static func pValue(_ a: [Double], _ b: [Double]) -> Double {
        let x = a.filter { !$0.isNaN }, y = b.filter { !$0.isNaN }
        guard !x.isEmpty, !y.isEmpty else { return x.isEmpty == y.isEmpty ? 1 : 0 }
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let vx = x.count > 1 ? x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) } / Double(x.count - 1) : 0
        let vy = y.count > 1 ? y.reduce(0) { $0 + ($1 - my) * ($1 - my) } / Double(y.count - 1) : 0
        let sx = vx / Double(x.count), sy = vy / Double(y.count)
        let se2 = sx + sy
        // Identical constants are the same; different constants differ for certain.
        guard se2 > 1e-300 else { return abs(mx - my) <= 1e-12 * max(1, abs(mx), abs(my)) ? 1 : 0 }
        let t = (mx - my) / se2.squareRoot()
        let dfNumerator = se2 * se2
        let dfDenominator = (x.count > 1 ? sx * sx / Double(x.count - 1) : 0) + (y.count > 1 ? sy * sy / Double(y.count - 1) : 0)
        let df = dfDenominator > 0 ? dfNumerator / dfDenominator : Double(x.count + y.count - 2)
        return StudentT.twoSidedPValue(t, degreesOfFreedom: max(1, df))
    }
}

/// Holm's step-down correction: which of `pValues` are significant at family-wise level `alpha`.
public enum HolmCorrection {
    public static func rejected(_ pValues: [Double], alpha: Double) -> [Bool] {
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var result = Array(repeating: false, count: pValues.count)
        for (step, i) in order.enumerated() {
            guard pValues[i] <= alpha / Double(pValues.count - step) else { break }
            result[i] = true
        }
        return result
    }
}
