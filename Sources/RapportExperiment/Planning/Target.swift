/// A service target such as `wait_days_p90<=14`: a metric, a direction and a bound.
public struct Target: Sendable, Equatable, CustomStringConvertible {
    public var metric: String
    public var atMost: Bool
    public var bound: Double

    /// Parses `metric<=value` or `metric>=value`; a value may be a percentage (`10%` is 0.10).
    public init?(_ text: String) {
        let ops = ["<=", ">="]
        guard let op = ops.first(where: text.contains) else { return nil }
        let parts = text.components(separatedBy: op)
        guard parts.count == 2 else { return nil }
        var value = parts[1].trimmingCharacters(in: .whitespaces)
        let percent = value.hasSuffix("%")
        if percent { value.removeLast() }
        guard let number = Double(value.trimmingCharacters(in: .whitespaces)), number.isFinite else { return nil }
        let bound = percent ? number / 100 : number
        metric = parts[0].trimmingCharacters(in: .whitespaces)
        atMost = op == "<="
        self.bound = bound
    }

    public var description: String { "\(metric)\(atMost ? "<=" : ">=")\(bound)" }

    /// Met with confidence when the whole two-sided interval at `confidence` (95% by default) is
    /// on the right side of the bound.
    public func isMet(by summary: Summary?, confidence: Double = 0.95) -> Bool {
        guard let summary else { return false }
        let interval = confidence == 0.95 ? summary : Summary(values: summary.values, confidence: confidence)
        if atMost { return (interval.ciHigh ?? interval.mean) <= bound }
        return (interval.ciLow ?? interval.mean) >= bound
    }
}

import Foundation
