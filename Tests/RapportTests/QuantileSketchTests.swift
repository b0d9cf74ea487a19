import Foundation
import Testing
import RapportModel

/// The wait sketch against the exact empirical distribution: quantiles within its stated relative
/// error, and the distribution function read at many points in one pass (`shares(atMost:)`, as
/// the `wait_cdf` output reads it) agreeing with the exact share up to the values in one bin.
@Suite("Quantile sketch")
struct QuantileSketchTests {
    /// Waits in days from a fixed mix: exact zeros, a spread of small waits and a long tail.
    static let values: [Double] = (0..<20_000).map { i in
        if i % 7 == 0 { return 0 }
        let u = (Double(i) + 0.5) / 20_000
        return -log(1 - u) * 21
    }

    static func sketch() -> QuantileSketch {
        var sketch = QuantileSketch()
        for value in values { sketch.add(value) }
        return sketch
    }

    @Test("the bin width written out as bits is exactly log(1.01)")
    func binWidth() {
        #expect(QuantileSketch.logGrowth == log(1.01))
    }

    @Test("quantiles are within half a percent of the exact ones")
    func quantiles() {
        let sketch = Self.sketch(), sorted = Self.values.sorted()
        for q in [0.1, 0.5, 0.9, 0.95, 0.99] {
            let exact = sorted[Int((q * Double(sorted.count)).rounded(.up)) - 1]
            let estimate = sketch.quantile(q)
            if exact == 0 { #expect(estimate == 0) } else { #expect(abs(estimate / exact - 1) < 0.005, "q = \(q)") }
        }
    }

    @Test("the distribution function read at many points matches the exact shares, point by point")
    func sharesAtManyPoints() {
        let sketch = Self.sketch()
        let points = (0...56).map(Double.init) + (9...26).map { Double($0 * 7) } + [-1, 0.5e-6, 1e9]
        let shares = sketch.shares(atMost: points)
        #expect(shares.count == points.count)
        for (x, share) in zip(points, shares) {
            #expect(share == sketch.share(atMost: x))
            // A value is counted at the geometric middle of its bin, 1% wide: the exact shares at
            // 0.5% either side of x bracket the sketch's.
            let below = Double(Self.values.filter { $0 <= x * 0.995 }.count) / Double(Self.values.count)
            let above = Double(Self.values.filter { $0 <= x * 1.005 + 1e-6 }.count) / Double(Self.values.count)
            #expect(share >= below - 1e-12 && share <= above + 1e-12, "x = \(x): \(share) not in [\(below), \(above)]")
        }
        // Non-decreasing in x, as a distribution function is.
        let sortedPoints = points.sorted()
        let sortedShares = sketch.shares(atMost: sortedPoints)
        #expect(zip(sortedShares, sortedShares.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(sketch.shares(atMost: [1e9]) == [1])
    }

    @Test("an empty sketch reports NaN at every point")
    func empty() {
        let shares = QuantileSketch().shares(atMost: [0, 1, 2])
        #expect(shares.count == 3 && shares.allSatisfy(\.isNaN))
    }
}
