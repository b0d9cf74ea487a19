import RapportScenario

/// A grid of scenario settings: every combination of the values given for each path.
public struct SweepGrid: Sendable, Equatable {
    /// The swept paths and their values, in the order given.
    public var axes: [(path: String, values: [String])]

    public static func == (lhs: SweepGrid, rhs: SweepGrid) -> Bool {
        lhs.axes.map(\.path) == rhs.axes.map(\.path) && lhs.axes.map(\.values) == rhs.axes.map(\.values)
    }

    public init(axes: [(path: String, values: [String])]) { self.axes = axes }

    /// The grid from a scenario's `sweep:` section plus `--set path=v1,v2,…` flags (flags win).
    public init(scenario: Scenario, sets: [(path: String, value: String)]) {
        var axes = scenario.sweep
        for set in sets {
            let values = Self.splitValues(set.value)
            if let i = axes.firstIndex(where: { $0.path == set.path }) { axes[i].values = values } else { axes.append((set.path, values)) }
        }
        self.axes = axes
    }

    /// Number of points (saturating: a grid too large to count reads as `Int.max`; see `sizeProblem`).
    public var count: Int {
        axes.reduce(1) { total, axis in
            let (product, overflow) = total.multipliedReportingOverflow(by: max(1, axis.values.count))
            return overflow ? Int.max : product
        }
    }

    /// Why the grid is too large to run, or nil.
    public var sizeProblem: String? {
        let n = count
        guard n > ScenarioLimits.maxSweepPoints else { return nil }
        let sizes = axes.map { String(max(1, $0.values.count)) }.joined(separator: " × ")
        return "the sweep grid has \(n == Int.max ? "more than \(Int.max)" : String(n)) points (\(sizes)); expected at most \(ScenarioLimits.maxSweepPoints): sweep fewer values or split the sweep"
    }

    /// Why `point` does not belong at `expectedIndex` of this grid (a damaged or tampered file), or nil.
    public func problem(with point: SweepResult.Point, expectedIndex: Int? = nil) -> String? {
        if let expectedIndex, point.index != expectedIndex { return "point \(point.index) is filed under \(expectedIndex)" }
        guard point.index >= 0, point.index < count else { return "point index \(point.index) is outside the grid (0 to \(count - 1))" }
        let expected = self.point(point.index)
        guard expected.map(\.path) == point.settings.map(\.path), expected.map(\.value) == point.settings.map(\.value) else {
            return "point \(point.index)'s settings (\(point.settings.map { "\($0.path)=\($0.value)" }.joined(separator: ", "))) are not the grid's (\(expected.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")))"
        }
        return nil
    }

    /// Point `index` as (path, value) settings; the last axis varies fastest.
    public func point(_ index: Int) -> [(path: String, value: String)] {
        var remainder = index
        var settings: [(path: String, value: String)] = []
        for axis in axes.reversed() {
            let n = max(1, axis.values.count)
            settings.insert((axis.path, axis.values.isEmpty ? "" : axis.values[remainder % n]), at: 0)
            remainder /= n
        }
        return settings
    }

    /// The points shard `shard` of `shards` runs: every `shards`-th, starting at `shard`, so
    /// slow and fast points spread across shards.
    public func points(shard: Int, of shards: Int) -> [Int] {
        stride(from: shard, to: count, by: shards).map { $0 }
    }

    /// Splits `120/week,150/week` on commas outside brackets, so `uniform(4, 6)` stays whole.
    public static func splitValues(_ text: String) -> [String] {
        ValueList.split(text).filter { !$0.isEmpty }
    }
}

import Foundation
