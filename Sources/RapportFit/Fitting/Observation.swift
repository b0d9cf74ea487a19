/// One observed value for a distribution fit, as an extract gives it: a value known to lie in
/// an interval (a day or a session count stands for a range of true values), an exact value,
/// or a value known only to exceed a bound (right-censored: the client was still in treatment,
/// or was seen before their patience ran out).
public struct Observation: Sendable, Equatable {
    /// The value as recorded, on which the Kaplan–Meier estimate is built.
    public var value: Double
    /// For an event, the true value lies in [low, high] (equal for an exact value); for a
    /// censored one it exceeds `low`.
    public var low: Double
    public var high: Double
    public var censored: Bool

    /// An exactly known value.
    public static func exact(_ x: Double) -> Observation { Observation(value: x, low: x, high: x, censored: false) }

    /// A value recorded as `value`, truly somewhere in [low, high].
    public static func interval(_ value: Double, low: Double, high: Double) -> Observation {
        Observation(value: value, low: low, high: high, censored: false)
    }

    /// A value recorded as `value` and known only to exceed `bound`.
    public static func rightCensored(_ value: Double, above bound: Double) -> Observation {
        Observation(value: value, low: bound, high: .infinity, censored: true)
    }
}

/// The Kaplan–Meier estimate of the distribution function from right-censored observations.
public struct KaplanMeier: Sendable {
    /// Distinct event values, ascending, with F just after each.
    public var values: [Double] = []
    public var cdf: [Double] = []
    /// The true-value interval of the events at each value (for comparing with a fitted F).
    public var lows: [Double] = []
    public var highs: [Double] = []
    public var events = 0

    public init(_ observations: [Observation]) {
        let sorted = observations.sorted { $0.value != $1.value ? $0.value < $1.value : (!$0.censored && $1.censored) }
        var atRisk = Double(sorted.count)
        var survival = 1.0
        var i = 0
        while i < sorted.count {
            let v = sorted[i].value
            var deaths = 0.0, leaving = 0.0
            var low = Double.infinity, high = -Double.infinity
            while i < sorted.count, sorted[i].value == v {
                leaving += 1
                if !sorted[i].censored {
                    deaths += 1
                    low = min(low, sorted[i].low)
                    high = max(high, sorted[i].high)
                }
                i += 1
            }
            if deaths > 0, atRisk > 0 {
                survival *= 1 - deaths / atRisk
                values.append(v)
                cdf.append(1 - survival)
                lows.append(low)
                highs.append(high)
                events += Int(deaths)
            }
            atRisk -= leaving
        }
    }

    /// The smallest recorded value at which the estimate reaches `p`, or nil beyond its end.
    public func quantile(_ p: Double) -> Double? {
        guard let index = cdf.firstIndex(where: { $0 >= p - 1e-12 }) else { return nil }
        return values[index]
    }
}
