import Foundation
import RapportRandom

/// A parametric family a fit may choose, with its parameters on an unconstrained scale (logs of
/// positive parameters) so the simplex can move freely.
public enum Family: String, Sendable, CaseIterable {
    case exponential, gamma, lognormal, weibull, normal, uniform

    /// Parameter names as the scenario syntax writes them.
    var parameterNames: [String] {
        switch self {
        case .exponential: ["mean"]
        case .gamma: ["shape", "scale"]
        case .lognormal: ["median", "sigma"]
        case .weibull: ["shape", "scale"]
        case .normal: ["mean", "sd"]
        case .uniform: ["min", "max"]
        }
    }

    /// The distribution at unconstrained coordinates θ, or nil when they are unusable.
    func distribution(_ t: [Double]) -> Distribution? {
        switch self {
        case .exponential: return try? .exponential(mean: exp(t[0]))
        case .gamma: return try? .gamma(shape: exp(t[0]), scale: exp(t[1]))
        case .lognormal: return try? .lognormal(median: exp(t[0]), sigma: exp(t[1]))
        case .weibull: return try? .weibull(shape: exp(t[0]), scale: exp(t[1]))
        case .normal: return try? .normal(mean: t[0], sd: exp(t[1]))
        case .uniform: return t[0] < t[1] ? try? .uniform(min: t[0], max: t[1]) : nil
        }
    }

    /// Natural parameters (as `parameterNames`) from θ.
    func natural(_ t: [Double]) -> [Double] {
        switch self {
        case .normal: [t[0], exp(t[1])]
        case .uniform: t
        default: t.map(exp)
        }
    }

    /// Whether natural parameter i is exp(θᵢ) (intervals are then taken on the log scale).
    func isLogScale(_ i: Int) -> Bool {
        switch self {
        case .normal: i == 1
        case .uniform: false
        default: true
        }
    }

    /// A starting point from the values' mean and standard deviation (method of moments).
    func start(mean m: Double, sd s: Double, min lo: Double, max hi: Double) -> [Double] {
        let mean = max(m, 1e-6), sd = max(s, mean * 0.05, 1e-6)
        switch self {
        case .exponential: return [log(mean)]
        case .gamma:
            let shape = (mean / sd) * (mean / sd)
            return [log(shape), log(mean / shape)]
        case .lognormal:
            let s2 = log(1 + sd * sd / (mean * mean))
            return [log(mean) - s2 / 2, 0.5 * log(s2)]
        case .weibull: return [log(max(0.2, min(20, 1.2 * mean / sd))), log(mean * 1.1)]
        case .normal: return [m, log(sd)]
        case .uniform: return [lo, hi]
        }
    }

    /// The families that make sense for values with this support.
    static func candidates(positive: Bool) -> [Family] {
        positive ? [.exponential, .gamma, .lognormal, .weibull] : [.normal, .uniform]
    }
}

/// One family fitted by maximum likelihood.
public struct FamilyFit: Sendable {
    public var family: Family
    public var distribution: Distribution
    /// Natural parameters with 95% (or the requested) intervals from the observed information.
    public var parameters: [(name: String, estimate: Double, low: Double, high: Double)]
    /// The distribution's mean, with a delta-method interval.
    public var mean: (estimate: Double, low: Double, high: Double)
    public var logLikelihood: Double
    public var aic: Double { 2 * Double(parameters.count) - 2 * logLikelihood }
    public var converged: Bool
}

/// Maximum-likelihood fits of candidate families to (possibly censored or grouped)
/// observations, the AIC choice among them and a Kolmogorov–Smirnov test of the choice.
public struct DistributionFit: Sendable {
    /// What was fitted, for reports ("sessions needed").
    public var quantity: String
    /// Where it goes in a scenario ("clients.sessions_needed").
    public var path: String
    public var unit: String
    public var observations: Int
    public var censored: Int
    /// Every family tried, best AIC first.
    public var candidates: [FamilyFit]
    public var kmStatistic: Double
    public var kmPValue: Double
    /// Q–Q points: (fitted quantile, observed quantile) at the Kaplan–Meier levels.
    public var qq: [(fitted: Double, observed: Double)]

    public var chosen: FamilyFit { candidates[0] }

    /// Fits every family in `families` to `observations`; the best AIC is chosen. `offset` is
    /// added to a recorded value to reach the middle of its true-value interval, for the Q–Q plot.
    public static func fit(_ observations: [Observation], families: [Family], quantity: String, path: String, unit: String,
                           confidence: Double = 0.95) -> DistributionFit? {
        let events = observations.filter { !$0.censored }
        guard events.count >= 2 else { return nil }
        let points = observations.map { o -> Double in
            if o.censored { return o.low }
            return o.low.isFinite && o.high.isFinite ? (o.low + o.high) / 2 : o.value
        }
        let mean = points.reduce(0, +) / Double(points.count)
        let sd = (points.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, points.count - 1))).squareRoot()
        let lo = events.map(\.value).min()!, hi = events.map(\.value).max()!
        var fits: [FamilyFit] = []
        for family in families {
            if let f = fitFamily(family, observations, start: family.start(mean: mean, sd: sd, min: lo, max: hi), confidence: confidence) {
                fits.append(f)
            }
        }
        guard !fits.isEmpty else { return nil }
        fits.sort { $0.aic < $1.aic }
        let km = KaplanMeier(observations)
        let best = fits[0].distribution
        let d = Kolmogorov.statistic(km, cdf: best.cdf)
        var qq: [(Double, Double)] = []
        let step = max(1, km.values.count / 200)
        for i in stride(from: 0, to: km.values.count, by: step) {
            let p = km.cdf[i] - (i == 0 ? km.cdf[0] : km.cdf[i] - km.cdf[i - 1]) / 2
            guard p > 0, p < 1 else { continue }
            let middle = km.lows[i].isFinite && km.highs[i].isFinite ? (km.lows[i] + km.highs[i]) / 2 : km.values[i]
            qq.append((best.quantile(p), middle))
        }
        return DistributionFit(quantity: quantity, path: path, unit: unit, observations: observations.count,
                               censored: observations.count - events.count, candidates: fits,
                               kmStatistic: d, kmPValue: Kolmogorov.pValue(statistic: d, n: km.events), qq: qq)
    }

    static func logLikelihood(_ d: Distribution, _ observations: [Observation]) -> Double {
        var total = 0.0
        for o in observations {
            if o.censored {
                total += log(d.survival(o.low))
            } else if o.low == o.high {
                total += d.logDensity(o.low)
            } else {
                // Take the difference on the side of the median, where it keeps its precision.
                let p = d.cdf(o.low) < 0.5 ? d.cdf(o.high) - d.cdf(o.low) : d.survival(o.low) - d.survival(o.high)
                total += log(max(p, 1e-300))
            }
            if !total.isFinite { return -.infinity }
        }
        return total
    }

    static func fitFamily(_ family: Family, _ observations: [Observation], start: [Double], confidence: Double) -> FamilyFit? {
        let objective = { (t: [Double]) -> Double in
            guard let d = family.distribution(t) else { return .infinity }
            return -logLikelihood(d, observations)
        }
        var t: [Double]
        var converged = true
        if family == .uniform {
            // The maximum is at the data's extremes; no search needed.
            let values = observations.filter { !$0.censored }.map(\.value)
            // GSL's uniform density is on [min, max), so the top value needs max just above it.
            t = [values.min()!, values.max()!.nextUp]
            if !(t[0] < values.max()!) { return nil }
        } else {
            let steps = start.map { _ in 0.3 }
            var outcome = Minimiser.nelderMead(start: start, steps: steps, tolerance: 1e-8, objective)
            // Restart once from the result: Nelder–Mead can stall on a ridge.
            let again = Minimiser.nelderMead(start: outcome.point, steps: steps.map { $0 / 3 }, tolerance: 1e-9, objective)
            if again.value <= outcome.value { outcome = again }
            t = outcome.point
            converged = outcome.converged
        }
        guard let distribution = family.distribution(t) else { return nil }
        let ll = -objective(t)
        guard ll.isFinite else { return nil }
        let z = StandardDistributions.normalQuantile(1 - (1 - confidence) / 2)
        let natural = family.natural(t)
        var parameters: [(String, Double, Double, Double)] = []
        var meanInterval = (distribution.mean, Double.nan, Double.nan)
        if family == .uniform {
            let n = Double(observations.filter { !$0.censored }.count)
            let range = t[1] - t[0]
            let alpha = 1 - confidence
            // Each extreme of n uniform draws lies within range·(1 − u^(1/n)) of its end.
            let far = range * (1 - pow(alpha / 2, 1 / n)) / pow(alpha / 2, 1 / n)
            let near = range * (1 - pow(1 - alpha / 2, 1 / n))
            parameters = [("min", t[0], t[0] - far, t[0] - near), ("max", t[1], t[1] + near, t[1] + far)]
            let meanSE = range / (12 * n).squareRoot()
            meanInterval = (distribution.mean, distribution.mean - z * meanSE, distribution.mean + z * meanSE)
        } else if let covariance = Hessian.inverse(of: objective, at: t) {
            for (i, name) in family.parameterNames.enumerated() {
                let se = covariance[i][i].squareRoot()
                if family.isLogScale(i) {
                    parameters.append((name, natural[i], exp(t[i] - z * se), exp(t[i] + z * se)))
                } else {
                    parameters.append((name, natural[i], t[i] - z * se, t[i] + z * se))
                }
            }
            let gradient = Hessian.gradient(of: { family.distribution($0)?.mean ?? .nan }, at: t)
            var variance = 0.0
            for i in t.indices { for j in t.indices { variance += gradient[i] * covariance[i][j] * gradient[j] } }
            let se = max(0, variance).squareRoot()
            meanInterval = (distribution.mean, distribution.mean - z * se, distribution.mean + z * se)
        } else {
            for (i, name) in family.parameterNames.enumerated() { parameters.append((name, natural[i], .nan, .nan)) }
        }
        return FamilyFit(family: family, distribution: distribution, parameters: parameters.map { ($0.0, $0.1, $0.2, $0.3) },
                         mean: meanInterval, logLikelihood: ll, converged: converged)
    }
}

/// Second derivatives by central differences, for the observed information of a likelihood.
enum Hessian {
    static func matrix(of f: ([Double]) -> Double, at x: [Double]) -> [[Double]] {
        let n = x.count
        let h = x.map { 1e-4 * max(1, abs($0)) }
        let f0 = f(x)
        var result = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            for j in i..<n {
                func at(_ di: Double, _ dj: Double) -> Double {
                    var y = x
                    y[i] += di * h[i]
                    y[j] += dj * h[j]
                    return f(y)
                }
                let value: Double
                if i == j {
                    value = (at(1, 0) - 2 * f0 + at(-1, 0)) / (h[i] * h[i])
                } else {
                    value = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[i] * h[j])
                }
                result[i][j] = value
                result[j][i] = value
            }
        }
        return result
    }

    /// The inverse of the Hessian of `f` at `x` (the covariance of an MLE when f is −log L).
    static func inverse(of f: ([Double]) -> Double, at x: [Double]) -> [[Double]]? {
        let h = matrix(of: f, at: x)
        guard let inverse = LinearAlgebra.inverse(h), inverse.indices.allSatisfy({ inverse[$0][$0] > 0 && inverse[$0][$0].isFinite }) else { return nil }
        return inverse
    }

    static func gradient(of f: ([Double]) -> Double, at x: [Double]) -> [Double] {
        x.indices.map { i in
            let h = 1e-5 * max(1, abs(x[i]))
            var up = x, down = x
            up[i] += h
            down[i] -= h
            return (f(up) - f(down)) / (2 * h)
        }
    }
}
