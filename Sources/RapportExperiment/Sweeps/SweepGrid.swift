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

    /// Number of points.
    public var count: Int { axes.reduce(1) { $0 * max(1, $1.values.count) } }

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
