import Foundation

/// Evenly spaced, round tick values for a numeric axis.
///
/// Steps are 1, 2, 2.5 or 5 times a power of ten, which people read without effort
/// (Heckbert, "Nice numbers for graph labels", 1990, plus 2.5 for quarter steps).
public struct NiceTicks: Sendable, Equatable {
    /// Tick positions, ascending. Never empty.
    public let values: [Double]
    /// Distance between neighbouring ticks; decides how many decimals labels need.
    public let step: Double

    /// Ticks for data spanning `lower...upper`.
    ///
    /// - Parameters:
    ///   - lower: Smallest value to show. Non-finite bounds are treated as missing.
    ///   - upper: Largest value to show.
    ///   - targetCount: The most intervals wanted between the outermost ticks (so at most
    ///     `targetCount + 1` ticks); fewer result when a rounder step covers the range.
    ///   - extend: When true the first and last ticks lie at or beyond the bounds (the axis
    ///     grows to round numbers); when false only ticks inside the bounds are returned, for
    ///     axes whose extent is fixed by the caller.
    public init(lower: Double, upper: Double, targetCount: Int = 5, extend: Bool = true) {
        var (low, high) = NiceTicks.usableBounds(lower, upper)
        let target = Double(max(targetCount, 2))
        let step = NiceTicks.niceStep(low: low, high: high, target: target)
        let decimals = NumberText.decimalsNeeded([step])
        // Work in integer multiples of the step so 3 × 0.2 comes out as 0.6, not 0.6000000000000001.
        var first = NiceTicks.floorTolerant(low / step)
        var last = NiceTicks.ceilTolerant(high / step)
        if !extend {
            if first * step < low - step * 1e-9 { first += 1 }
            if last * step > high + step * 1e-9 { last -= 1 }
        }
        var values: [Double] = []
        if first <= last {
            var index = first
            while index <= last && values.count < 1000 {
                values.append(NiceTicks.clean(index * step, decimals: decimals))
                index += 1
            }
        }
        if values.isEmpty {
            // A fixed range narrower than one step: label its ends so the axis isn't bare.
            (low, high) = (NiceTicks.clean(low, decimals: decimals + 1), NiceTicks.clean(high, decimals: decimals + 1))
            values = low == high ? [low] : [low, high]
        }
        self.values = values
        self.step = step
    }

    /// First tick, the axis start when ticks were extended.
    public var lower: Double { values.first ?? 0 }
    /// Last tick, the axis end when ticks were extended.
    public var upper: Double { values.last ?? 1 }

    /// Bounds with a non-zero, finite span. A zero span (all values equal) is widened around
    /// the value so the single value sits mid-axis instead of dividing by zero.
    static func usableBounds(_ lower: Double, _ upper: Double) -> (Double, Double) {
        var low = lower.isFinite ? lower : (upper.isFinite ? upper : 0)
        var high = upper.isFinite ? upper : low
        if low > high { swap(&low, &high) }
        if high - low <= max(abs(low), abs(high)) * 1e-12 {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            if low == 0 {
                high = 1
            } else {
                low -= pad
                high += pad
            }
        }
        return (low, high)
    }

    /// The smallest round step that covers `low...high` in at most `target` intervals once
    /// both ends are rounded outwards to the step. Rounding a rough step to the nearest nice
    /// number instead can nearly double the tick count (0...0.37 would get nine ticks).
    static func niceStep(low: Double, high: Double, target: Double) -> Double {
        let rough = (high - low) / target
        var magnitude = pow(10, log10(rough).rounded(.down))
        if !magnitude.isFinite || magnitude <= 0 { magnitude = 1 }
        for _ in 0..<40 {
            for factor in [1.0, 2, 2.5, 5] {
                let step = factor * magnitude
                let intervals = ceilTolerant(high / step) - floorTolerant(low / step)
                if intervals <= target { return step }
            }
            magnitude *= 10
        }
        return magnitude
    }

    /// Rounding that ignores floating-point dust, so 0.30000000000000004 / 0.1 doesn't earn
    /// an extra tick at 0.4.
    private static func floorTolerant(_ value: Double) -> Double { (value + 1e-9).rounded(.down) }
    private static func ceilTolerant(_ value: Double) -> Double { (value - 1e-9).rounded(.up) }

    private static func clean(_ value: Double, decimals: Int) -> Double {
        var scale: Double = 1
        for _ in 0..<min(decimals, 15) { scale *= 10 }
        let cleaned = (value * scale).rounded() / scale
        return cleaned == 0 ? 0 : cleaned // no -0
    }
}

extension NiceTicks {
    /// Ticks and axis extent for data in `lower...upper` of a quantity that can only take values in
    /// `bounds` (a share in 0...1, a wait at or above 0): the axis grows to round numbers only as
    /// far as they stay valid, so a share never gets a −50% or 110% tick.
    public static func within(_ bounds: ClosedRange<Double>?, lower: Double, upper: Double,
                              targetCount: Int) -> (ticks: NiceTicks, domain: ClosedRange<Double>) {
        guard let bounds else {
            let ticks = NiceTicks(lower: lower, upper: upper, targetCount: targetCount)
            return (ticks, ticks.lower...ticks.upper)
        }
        func clamp(_ v: Double) -> Double { v.isFinite ? min(max(v, bounds.lowerBound), bounds.upperBound) : v }
        let ticks = NiceTicks(lower: clamp(lower), upper: clamp(upper), targetCount: targetCount)
        if ticks.lower >= bounds.lowerBound, ticks.upper <= bounds.upperBound { return (ticks, ticks.lower...ticks.upper) }
        let low = max(ticks.lower, bounds.lowerBound), high = min(ticks.upper, bounds.upperBound)
        guard high > low else { return (ticks, ticks.lower...ticks.upper) }
        return (NiceTicks(lower: low, upper: high, targetCount: targetCount, extend: false), low...high)
    }
}

/// Maps data values linearly onto pixel positions.
public struct LinearScale: Sendable, Equatable {
    /// Data interval.
    public let domain: ClosedRange<Double>
    /// Pixel position of `domain.lowerBound`. For a vertical axis this is the bottom of the
    /// plot, since SVG's y grows downwards.
    public let from: Double
    /// Pixel position of `domain.upperBound`.
    public let to: Double

    /// A scale from `domain` onto the pixel positions `from`...`to` (which may be descending).
    /// An empty domain maps everything to the midpoint rather than producing NaN.
    public init(domain: ClosedRange<Double>, from: Double, to: Double) {
        self.domain = domain
        self.from = from
        self.to = to
    }

    /// The pixel position of `value`; values outside the domain extrapolate, so callers that
    /// must stay inside the plot clamp first (see `clamped`).
    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite else { return (from + to) / 2 }
        return from + (value - domain.lowerBound) / span * (to - from)
    }

    /// The pixel position of `value` clamped into the domain, for marks that must not spill
    /// out of the plot area (no clip paths: their ids would clash between inline charts).
    public func clamped(_ value: Double) -> Double {
        self(min(max(value, domain.lowerBound), domain.upperBound))
    }
}
