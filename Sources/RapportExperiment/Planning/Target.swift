/// A service target such as `wait_days_p90<=14`: a metric, a direction and a bound.
public struct Target: Sendable, Equatable, CustomStringConvertible {
    public var metric: String
    public var atMost: Bool
    public var bound: Double

    /// Parses `metric<=value` or `metric>=value`.
    public init?(_ text: String) {
        let ops = ["<=", ">="]
        guard let op = ops.first(where: text.contains) else { return nil }
        let parts = text.components(separatedBy: op)
        guard parts.count == 2, let bound = Double(parts[1].trimmingCharacters(in: .whitespaces)), bound.isFinite else { return nil }
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
