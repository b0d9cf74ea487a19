/// Shares that add up to 100% per row, as one stacked horizontal bar each: here, for each
/// headline metric, the share of plausible worlds in which each policy is the best.
public struct ShareBarChart: Sendable {
    public struct Row: Sendable, Equatable {
        public var label: String
        /// One share per series, in series order, summing to at most 1.
        public var shares: [Double]
        public init(label: String, shares: [Double]) {
            self.label = label
            self.shares = shares
        }
    }

    public var frame: ChartFrame
    /// Legend names, one per share (colour by position).
    public var series: [String]
    public var rows: [Row]

    public init(frame: ChartFrame, series: [String], rows: [Row]) {
        self.frame = frame
        self.series = series
        self.rows = rows
    }

    public func svg() -> String {
        let legend = series.enumerated().map { LegendItem(label: $0.element, color: Palette.series($0.offset), swatch: .box) }
        let layout = ChartLayout(frame: frame, legend: legend)
        let top = layout.plotTop
        let (rowHeight, nameSize, names, left) = layout.rows(rows.map(\.label), top: top, maxRowHeight: 36, nameShare: 0.35)
        let ticks = NiceTicks(lower: 0, upper: 1, targetCount: 5)
        let labels = ticks.values.map { ValueFormat.percent(0).tickLabel($0, step: ticks.step) }
        let overhang = TextMetrics.width(labels.last ?? "", fontSize: ChartLayout.tickSize) / 2 + 4
        let plot = PlotArea(left: left, top: top, right: frame.width - max(ChartLayout.padding, overhang), bottom: top + Double(max(rows.count, 1)) * rowHeight)
        let x = LinearScale(domain: 0...1, from: plot.left, to: plot.right)

        let summary = rows.map { row in
            row.label + ": " + zip(series, row.shares).filter { $0.1 > 0 }.map { "\($0.0) \(ValueFormat.percent(0).format($0.1))" }.joined(separator: ", ")
        }.joined(separator: "; ")
        var svg = layout.begin(kind: "Stacked bar chart of shares", summary: summary)
        layout.drawXGrid(&svg, plot: plot, scale: x, ticks: ticks.values, labels: labels)
        svg.open("g", [("class", "bars")])
        for (r, row) in rows.enumerated() {
            let y = plot.top + Double(r) * rowHeight + rowHeight * 0.15
            var start = 0.0
            for (i, share) in row.shares.enumerated() where share > 0 {
                svg.element("rect", [
                    ("x", SVGWriter.number(x(start))), ("y", SVGWriter.number(y)),
                    ("width", SVGWriter.number(x(min(start + share, 1)) - x(start))), ("height", SVGWriter.number(rowHeight * 0.7)),
                    ("fill", Palette.series(i)),
                ])
                start += share
            }
        }
        svg.close("g")
        layout.drawRowNames(&svg, names, plot: plot, rowHeight: rowHeight, fontSize: nameSize, className: "metrics")
        // The zero line: where every bar starts.
        svg.element("line", [
            ("x1", SVGWriter.number(plot.left)), ("y1", SVGWriter.number(plot.top - 2)),
            ("x2", SVGWriter.number(plot.left)), ("y2", SVGWriter.number(plot.bottom)),
            ("stroke", Palette.text), ("stroke-width", "1.25"),
        ])
        return layout.finish(&svg, plot: plot, empty: rows.isEmpty)
    }
}
