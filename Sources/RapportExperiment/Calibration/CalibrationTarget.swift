import Foundation
import RapportModel
import RapportScenario

/// What a calibration could not accept, in words for the command line.
public struct CalibrationInputError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// An observed value a calibrated model must reproduce: `burnout_risk_share=0.40±0.05` means the
/// metric's mean over replications should be within 0.05 of 0.40.
public struct CalibrationTarget: Sendable, Equatable, CustomStringConvertible {
    public var metric: String
    public var value: Double
    /// How far from `value` still counts as reproducing it (the observation's own uncertainty).
    public var tolerance: Double

    public init(metric: String, value: Double, tolerance: Double) {
        self.metric = metric
        self.value = value
        self.tolerance = tolerance
    }

    /// Parses `metric=value±tolerance` (or `+-`); both numbers may be percentages (`40%±5%`).
    /// The metric must be one Rapport reports and the tolerance positive.
    public init(parsing text: String) throws {
        let example = "such as 'burnout_risk_share=0.40±0.05'"
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty else {
            throw CalibrationInputError("--target expects metric=value±tolerance, \(example); found '\(text)'")
        }
        let metric = parts[0]
        guard let definition = MetricRegistry.definition(metric) else {
            throw CalibrationInputError("unknown metric '\(metric)' in --target" + Suggestions.hint(for: metric, in: MetricRegistry.names, otherwise: "; `rapport metrics` lists them"))
        }
        let sides = parts[1].components(separatedBy: "±").count == 2 ? parts[1].components(separatedBy: "±") : parts[1].components(separatedBy: "+-")
        guard sides.count == 2 else {
            throw CalibrationInputError("--target \(metric) needs a tolerance: value±tolerance (or value+-tolerance), \(example); found '\(text)'")
        }
        guard let value = Self.number(sides[0]), let tolerance = Self.number(sides[1]) else {
            throw CalibrationInputError("--target \(metric): '\(parts[1])' is not value±tolerance with two numbers, \(example)")
        }
        guard tolerance > 0 else { throw CalibrationInputError("--target \(metric): the tolerance must be above 0, found \(sides[1].trimmingCharacters(in: .whitespaces))") }
        let range = definition.feasibleRange
        guard range.contains(value) else {
            throw CalibrationInputError("--target \(metric)=\(Self.plain(value)) is outside what the metric can be (\(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound)))")
        }
        self.init(metric: metric, value: value, tolerance: tolerance)
    }

    /// `metric=value±tolerance`, as the command line takes it.
    public var description: String { "\(metric)=\(Self.plain(value))±\(Self.plain(tolerance))" }

    /// How many tolerances `mean` is from the target (signed: positive is above it).
    public func scaledGap(_ mean: Double) -> Double { (mean - value) / tolerance }

    static func number(_ text: String) -> Double? {
        var t = text.trimmingCharacters(in: .whitespaces)
        let percent = t.hasSuffix("%")
        if percent { t.removeLast() }
        guard let v = Double(t.trimmingCharacters(in: .whitespaces)), v.isFinite else { return nil }
        return percent ? v / 100 : v
    }

    /// A number as short as it reads exactly (`0.4`, not `0.40000000000000002`).
    static func plain(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }
}

/// An uncertain parameter searched by a calibration, over a range.
public struct CalibrationParameter: Sendable, Equatable {
    public var name: String
    public var low: Double
    public var high: Double

    public init(name: String, low: Double, high: Double) {
        self.name = name
        self.low = low
        self.high = high
    }

    /// The registry entry (it exists: `parsing` checked the name).
    public var registered: UncertainParameter { UncertainParameter.named(name)! }

    /// The registry's searchable parameters with their plausible ranges: every uncertain one with
    /// a finite range (demand, whose range is the scenario's own, only when named with a range).
    public static var defaults: [CalibrationParameter] {
        UncertainParameter.all.filter { $0.high.isFinite }.map { .init(name: $0.name, low: $0.low, high: $0.high) }
    }

    /// Parses `NAME` (the registry's range) or `NAME=LOW:HIGH`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let name = parts[0]
        let names = UncertainParameter.all.map(\.name)
        guard let parameter = UncertainParameter.named(name) else {
            throw CalibrationInputError("unknown parameter '\(name)' in --parameter" + Suggestions.hint(for: name, in: names, otherwise: "; choose from \(names.joined(separator: ", "))"))
        }
        var low = parameter.low, high = parameter.high
        if parts.count == 2 {
            let bounds = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard bounds.count == 2, let l = CalibrationTarget.number(bounds[0]), let h = CalibrationTarget.number(bounds[1]) else {
                throw CalibrationInputError("--parameter \(name): expected NAME=LOW:HIGH, such as \(name)=\(CalibrationTarget.plain(parameter.low)):\(CalibrationTarget.plain(parameter.high.isFinite ? parameter.high : 1)); found '\(text)'")
            }
            low = l; high = h
        }
        guard low.isFinite, high.isFinite else {
            throw CalibrationInputError("--parameter \(name) has no finite plausible range in the registry; give one, such as \(name)=LOW:HIGH")
        }
        guard low < high else {
            throw CalibrationInputError("--parameter \(name): the range's low end (\(CalibrationTarget.plain(low))) must be below its high end (\(CalibrationTarget.plain(high)))")
        }
        guard low >= 0 || name.hasSuffix("optimism") else {
            throw CalibrationInputError("--parameter \(name): the range must not go below 0, found \(CalibrationTarget.plain(low))")
        }
        guard low > 0 || !(name.hasSuffix("half_life") || name.hasSuffix("arrivals.rate")) else {
            throw CalibrationInputError("--parameter \(name): the range must be above 0, found \(CalibrationTarget.plain(low))")
        }
        self.init(name: name, low: low, high: high)
    }
}
