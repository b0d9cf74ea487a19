import RapportRandom

/// Shares, rates and their exact intervals.
enum ProportionFit {
    /// Clopper–Pearson interval for `successes` of `trials`, from GSL's beta quantiles.
    static func interval(_ successes: Int, of trials: Int, confidence: Double) -> (Double, Double) {
        guard trials > 0 else { return (0, 1) }
        let alpha = 1 - confidence
        let x = Double(successes), n = Double(trials)
        let low = successes == 0 ? 0 : StandardDistributions.betaQuantile(alpha / 2, a: x, b: n - x + 1)
        let high = successes == trials ? 1 : StandardDistributions.betaQuantile(1 - alpha / 2, a: x + 1, b: n - x)
        if low.isFinite && high.isFinite { return (low, high) }
        // GSL's beta inverse can fail to converge for large counts, where Wilson's score
        // interval is as good.
        let z = StandardDistributions.normalQuantile(1 - alpha / 2)
        let p = x / n, centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return (low.isFinite ? low : max(0, centre - half), high.isFinite ? high : min(1, centre + half))
    }

    /// A proportion as a fitted value.
    static func value(_ path: String, _ successes: Int, of trials: Int, confidence: Double, method: String) -> FittedValue {
        let (low, high) = interval(successes, of: trials, confidence: confidence)
        return FittedValue(path: path, estimate: trials > 0 ? Double(successes) / Double(trials) : .nan,
                           low: low, high: high, rows: trials, method: method)
    }

    /// A Poisson rate (`events` over `exposure`) scaled by `scale`, with Garwood's exact interval.
    static func rate(_ path: String, _ events: Int, per exposure: Double, scale: Double, rows: Int, confidence: Double, method: String) -> FittedValue {
        let (low, high) = StandardDistributions.poissonInterval(count: events, confidence: confidence)
        return FittedValue(path: path, estimate: Double(events) / exposure * scale, low: low / exposure * scale,
                           high: high / exposure * scale, rows: rows, method: method)
    }

    /// Shares of each category, most common first, rounded to four decimals that sum to exactly 1.
    static func shares(_ labels: [String]) -> (names: [String], counts: [Int], shares: [Double]) {
        var counts: [String: Int] = [:]
        for l in labels { counts[l, default: 0] += 1 }
        let names = counts.keys.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }
        let total = Double(labels.count)
        var rounded = names.map { (Double(counts[$0]!) / total * 10_000).rounded() / 10_000 }
        if !rounded.isEmpty { rounded[0] = ((1 - rounded.dropFirst().reduce(0, +)) * 10_000).rounded() / 10_000 }
        return (names, names.map { counts[$0]! }, rounded)
    }
}
