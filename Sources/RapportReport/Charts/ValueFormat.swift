import Foundation

/// How a chart spells a value in labels.
///
/// Value labels use the decimals given here; tick labels keep only the style (plain or
/// percent) and derive their decimals from the tick step, so an axis never reads
/// "0.00, 0.20, 0.40" just because bar labels want two decimals.
public enum ValueFormat: Sendable, Equatable {
    /// A plain number with this many decimals.
    case decimal(Int)
    /// A share (1.0 = 100%) shown as a percentage with this many decimals.
    case percent(Int)

    /// The label for one value, locale-independent so reports are reproducible anywhere.
    /// Non-finite values read "–" rather than "nan".
    public func format(_ value: Double) -> String {
        switch self {
        case .decimal(let decimals):
            return NumberText.fixed(value, decimals: decimals)
        case .percent(let decimals):
            guard value.isFinite else { return "–" }
            return NumberText.fixed(value * 100, decimals: decimals) + "%"
        }
    }

    /// A tick label: just enough decimals to tell neighbouring ticks apart.
    func tickLabel(_ value: Double, step: Double) -> String {
        switch self {
        case .decimal:
            return NumberText.fixed(value, decimals: NumberText.decimalsNeeded([step]))
        case .percent:
            return NumberText.fixed(value * 100, decimals: NumberText.decimalsNeeded([step * 100])) + "%"
        }
    }

    /// A label for an arbitrary boundary value (histogram edges), as short as exactness allows.
    func exactLabel(_ value: Double, alongside values: [Double]) -> String {
        switch self {
        case .decimal:
            return NumberText.fixed(value, decimals: NumberText.decimalsNeeded(values))
        case .percent:
            return NumberText.fixed(value * 100, decimals: NumberText.decimalsNeeded(values.map { $0 * 100 })) + "%"
        }
    }
}
