/// The distribution of one metric's difference from the reference across plausible worlds: one
/// row per variant, a dot per world, a band over the 90% range with the median marked, and the
/// zero line (no difference) drawn over everything so it always shows.
public struct DifferenceStripChart: Sendable {
    public struct Row: Sendable, Equatable {
        /// Shown left of the row ("fixed-quota-6 · better in 91%").
        public var label: String
        /// Every world's difference; non-finite values are skipped.
        public var differences: [Double]
        public var median: Double
        public var low: Double
        public var high: Double

        public init(label: String, differences: [Double], median: Double, low: Double, high: Double) {
            self.label = label
            self.differences = differences
            self.median = median
            self.low = low
            self.high = high
        }
    }

    public var frame: ChartFrame
    public var rows: [Row]
    public var valueFormat: ValueFormat

    public init(frame: ChartFrame, rows: [Row], valueFormat: ValueFormat = .decimal(1)) {
        self.frame = frame
        self.rows = rows
        self.valueFormat = valueFormat
    }

    /// The chart as a standalone SVG document (also valid inline in HTML).
    public func svg() -> String {
        let dotColor = Palette.series(0), bandColor = Palette.series(5)
        let legend = [
            LegendItem(label: "one plausible world", color: dotColor, swatch: .box),
            LegendItem(label: "90% of worlds, median marked", color: bandColor, swatch: .box),
        ]
        let layout = ChartLayout(frame: frame, legend: legend)
        let top = layout.plotTop
        let (rowHeight, nameSize, names, left) = layout.rows(rows.map(\.label), top: top, maxRowHeight: 44, nameShare: 0.4)

        var lo = 0.0, hi = 0.0   // zero is always on the axis
        for row in rows {
            for v in row.differences + [row.low, row.high] where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        }
        let available = frame.width - ChartLayout.padding - 12 - left
        let ticks = NiceTicks(lower: lo, upper: hi, targetCount: max(Int(available / 90), 2))
        let tickLabels = ticks.values.map { valueFormat.tickLabel($0, step: ticks.step) }
        let overhang = TextMetrics.width(tickLabels.last ?? "", fontSize: ChartLayout.tickSize) / 2 + 4
        let plot = PlotArea(left: left, top: top, right: frame.width - max(ChartLayout.padding, overhang), bottom: top + Double(max(rows.count, 1)) * rowHeight)
        let x = LinearScale(domain: ticks.lower...ticks.upper, from: plot.left, to: plot.right)

        let summary = rows.map { "\($0.label): median \(valueFormat.format($0.median)), 90% of worlds \(valueFormat.format($0.low)) to \(valueFormat.format($0.high))" }
            .joined(separator: "; ")
        var svg = layout.begin(kind: "Strip chart of differences across plausible worlds", summary: summary)
        layout.drawXGrid(&svg, plot: plot, scale: x, ticks: ticks.values, labels: tickLabels)

        svg.open("g", [("class", "worlds")])
        for (r, row) in rows.enumerated() {
            let centre = plot.top + (Double(r) + 0.5) * rowHeight
            let band = rowHeight * 0.5
            if row.low.isFinite && row.high.isFinite {
                svg.element("rect", [
                    ("x", SVGWriter.number(x.clamped(row.low))), ("y", SVGWriter.number(centre - band / 2)),
                    ("width", SVGWriter.number(max(x.clamped(row.high) - x.clamped(row.low), 1))), ("height", SVGWriter.number(band)),
                    ("fill", bandColor), ("fill-opacity", "0.35"),
                ])
            }
            // Dots spread over the band's height in a fixed pattern (by world order), so equal
            // values stay visible and the picture is the same on every run.
            for (i, v) in row.differences.enumerated() where v.isFinite {
                let offset = (Double((i * 7) % 11) / 10 - 0.5) * band * 0.8
                svg.element("circle", [
                    ("cx", SVGWriter.number(x.clamped(v))), ("cy", SVGWriter.number(centre + offset)), ("r", "2.2"),
                    ("fill", dotColor), ("fill-opacity", "0.6"),
                ])
            }
            if row.median.isFinite {
                svg.element("line", [
                    ("x1", SVGWriter.number(x.clamped(row.median))), ("y1", SVGWriter.number(centre - band / 2 - 2)),
                    ("x2", SVGWriter.number(x.clamped(row.median))), ("y2", SVGWriter.number(centre + band / 2 + 2)),
                    ("stroke", Palette.text), ("stroke-width", "2"),
                ])
            }
        }
        svg.close("g")

        let zero = x(0)
        svg.element("line", [
            ("x1", SVGWriter.number(zero)), ("y1", SVGWriter.number(plot.top - 2)),
            ("x2", SVGWriter.number(zero)), ("y2", SVGWriter.number(plot.bottom)),
            ("stroke", Palette.text), ("stroke-width", "1.25"), ("stroke-dasharray", "4 3"),
        ])

        layout.drawRowNames(&svg, names, plot: plot, rowHeight: rowHeight, fontSize: nameSize, className: "variants")

        return layout.finish(&svg, plot: plot, empty: rows.isEmpty)
    }
}
