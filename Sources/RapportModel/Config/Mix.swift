import RapportRandom

/// A named categorical mix, such as the share of clients per concern.
public struct Mix: Sendable, Equatable {
    /// Category names, in the order the scenario listed them.
    public let names: [String]
    /// The sampling table over `names`.
    public let table: DiscreteTable

    /// Creates a mix; nil when the weights are not non-negative with a positive sum.
    public init?(names: [String], weights: [Double]) {
        guard names.count == weights.count, let table = DiscreteTable(weights: weights) else { return nil }
        self.names = names
        self.table = table
    }

    /// A mix with a single category.
    public static func single(_ name: String) -> Mix { Mix(names: [name], weights: [1])! }

    /// The share of category `index`.
    public func share(_ index: Int) -> Double { table.probabilities[index] }

    public static func == (lhs: Mix, rhs: Mix) -> Bool {
        lhs.names == rhs.names && lhs.table.probabilities == rhs.table.probabilities
    }
}
