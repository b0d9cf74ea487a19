/// Histogram: bins given as edges and per-series counts or shares; multiple series drawn side
/// by side within a bin.
///
/// Bins are placed on a true linear x scale, so unequal bins show their real widths. A bin is
/// skipped when either edge is non-finite or the edges don't increase; a non-finite value
/// leaves its bar out.
public struct HistogramChart: Sendable {
    /// One distribution over the shared bins.
    public struct Series: Sendable, Equatable {
        /// Legend label.
        public var name: String
        /// One value per bin (`edges.count - 1`); missing trailing values mean empty bins and
        /// extra values are ignored.
        public var values: [Double]

        /// A series of per-bin counts or shares.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// Title, axis labels and size.
    public var frame: ChartFrame
    /// Bin edges, ascending: bin `i` spans `edges[i]..<edges[i+1]`.
    public var edges: [Double]
    /// Distributions, side by side within each bin in this order.
    public var series: [Series]
    /// Tick label style for the vertical axis: `.percent` for shares, `.decimal` for counts.
    public var valueFormat: ValueFormat

    /// A histogram over `edges`. `valueFormat` only chooses plain or percent y tick labels.
    public init(frame: ChartFrame, edges: [Double], series: [Series], valueFormat: ValueFormat = .decimal(0)) {
        self.frame = frame
        self.edges = edges
        self.series = series
        self.valueFormat = valueFormat
    }

    /// The chart as a standalone SVG document (also valid inline in HTML).
    public func svg() -> String {
        let legend = series.enumerated().map { LegendItem(label: $1.name, color: Palette.series($0), swatch: .box) }
        let layout = ChartLayout(frame: frame, legend: legend)

        var bins: [(index: Int, low: Double, high: Double)] = []
        if edges.count > 1 {
            for index in 0..<(edges.count - 1) {
                let low = edges[index], high = edges[index + 1]
                if low.isFinite && high.isFinite && high > low { bins.append((index, low, high)) }
            }
        }
        var yMin = 0.0, yMax = 0.0
        var anyValue = false
        for item in series {
            for bin in bins where bin.index < item.values.count && item.values[bin.index].isFinite {
                anyValue = true
                yMin = min(yMin, item.values[bin.index])
                yMax = max(yMax, item.values[bin.index])
            }
        }

        let top = layout.plotTop
        let bottom = frame.height - layout.bottomInset(tickLines: 1)
        let plotHeight = max(bottom - top, 20)
        let yTicks = NiceTicks(lower: yMin, upper: yMax, targetCount: max(Int(plotHeight / 45), 2))
        let yLabels = yTicks.values.map { valueFormat.tickLabel($0, step: yTicks.step) }
        let left = ChartLayout.padding + layout.yLabelBand + ChartLayout.maxTickWidth(yLabels) + ChartLayout.tickGap

        // x: the bins' own extent (not extended to round numbers: there is no data beyond it).
        let xLow = bins.map(\.low).min() ?? 0
        let xHigh = bins.map(\.high).max() ?? 1
        let provisionalWidth = frame.width - ChartLayout.padding - 16 - left
        let edgeValues = Self.edgeValues(bins)
        // Label the edges themselves when they fit, since they are what the bins mean;
        // otherwise fall back to round ticks.
        let edgeLabels = edgeValues.map { ValueFormat.decimal(0).exactLabel($0, alongside: edgeValues) }
        let edgeLabelWidth = ChartLayout.maxTickWidth(edgeLabels) + 6
        let minimumGap = Self.minimumGap(edgeValues) / max(xHigh - xLow, .leastNonzeroMagnitude) * provisionalWidth
        let xValues: [Double]
        let xLabels: [String]
        if !bins.isEmpty && edgeValues.count <= 21 && minimumGap >= edgeLabelWidth {
            xValues = edgeValues
            xLabels = edgeLabels
        } else {
            let ticks = NiceTicks(lower: xLow, upper: xHigh, targetCount: max(Int(provisionalWidth / 90), 2), extend: false)
            xValues = ticks.values
            xLabels = ticks.values.map { ValueFormat.decimal(0).tickLabel($0, step: ticks.step) }
        }
        let overhang = (xValues.last == xHigh ? TextMetrics.width(xLabels.last ?? "", fontSize: ChartLayout.tickSize) / 2 : 0) + 4
        let plot = PlotArea(left: left, top: top, right: frame.width - max(ChartLayout.padding, overhang), bottom: top + plotHeight)
        let xScale = LinearScale(domain: xLow...max(xHigh, xLow), from: plot.left, to: plot.right)
        let yScale = LinearScale(domain: yTicks.lower...yTicks.upper, from: plot.bottom, to: plot.top)

        let summary = "\(bins.count) bins" + (series.isEmpty ? "" : "; series: " + series.map(\.name).joined(separator: ", "))
        var svg = layout.begin(kind: "Histogram", summary: summary)
        layout.drawYGrid(&svg, plot: plot, scale: yScale, ticks: yTicks.values, labels: yLabels)

        svg.open("g", [("class", "bins")])
        let zeroY = yScale(0)
        let slots = Double(max(series.count, 1))
        for bin in bins {
            let binLeft = xScale(bin.low), binRight = xScale(bin.high)
            // A single series fills its bin (a histogram's bars touch); several share 90% of
            // it so the bins stay visibly separate.
            let gap = series.count > 1 ? (binRight - binLeft) * 0.05 : 0
            let slotWidth = (binRight - binLeft - 2 * gap) / slots
            for (seriesIndex, item) in series.enumerated() {
                guard bin.index < item.values.count, item.values[bin.index].isFinite else { continue }
                let valueY = yScale.clamped(item.values[bin.index])
                svg.element("rect", [
                    ("x", SVGWriter.number(binLeft + gap + Double(seriesIndex) * slotWidth)),
                    ("y", SVGWriter.number(min(valueY, zeroY))),
                    ("width", SVGWriter.number(max(slotWidth, 0))),
                    ("height", SVGWriter.number(abs(zeroY - valueY))),
                    ("fill", Palette.series(seriesIndex)),
                    ("stroke", "#FFFFFF"), ("stroke-width", slotWidth > 4 ? "0.75" : "0"),
                ])
            }
        }
        svg.close("g")

        let zero = SVGWriter.number(zeroY)
        svg.element("line", [
            ("x1", SVGWriter.number(plot.left)), ("y1", zero), ("x2", SVGWriter.number(plot.right)), ("y2", zero),
            ("stroke", Palette.axis), ("stroke-width", "1"),
        ])
        if !anyValue { layout.drawNoData(&svg, plot: plot) }
        layout.drawXTickLabels(svg: &svg, plot: plot, positions: xValues.map { xScale($0) }, labels: xLabels.map { [$0] })
        layout.drawAxisLabels(&svg, plot: plot)
        layout.drawHeader(&svg)
        layout.end(&svg)
        return svg.finish()
    }

    /// Distinct edge positions of the drawable bins, ascending.
    private static func edgeValues(_ bins: [(index: Int, low: Double, high: Double)]) -> [Double] {
        var values: [Double] = []
        for bin in bins {
            if values.last != bin.low { values.append(bin.low) }
            values.append(bin.high)
        }
        return values.sorted()
    }

    private static func minimumGap(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        var gap = Double.infinity
        for index in 1..<values.count { gap = min(gap, values[index] - values[index - 1]) }
        return gap
    }
}
