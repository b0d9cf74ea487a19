/// Policies as points in the plane of two metrics, each with its 95% interval on both axes: the
/// trade-off frontier (sessions delivered against burnout risk, waits against burnout).
///
/// A leader reads where a policy sits relative to the others: up and to the left is better when
/// more of y and less of x are wanted. Points are labelled with the policy's name beside them, and
/// coloured as in every other chart of the report.
public struct FrontierChart: Sendable {
    /// One policy.
    public struct Point: Sendable, Equatable {
        public var name: String
        public var x: Double
        public var y: Double
        /// The 95% interval on each axis, when there is one.
        public var xInterval: ClosedRange<Double>?
        public var yInterval: ClosedRange<Double>?

        public init(name: String, x: Double, y: Double, xInterval: ClosedRange<Double>? = nil, yInterval: ClosedRange<Double>? = nil) {
            self.name = name
            self.x = x
            self.y = y
            self.xInterval = xInterval
            self.yInterval = yInterval
        }
    }

    public var frame: ChartFrame
    public var points: [Point]
    public var xFormat: ValueFormat
    public var yFormat: ValueFormat
    /// The values each axis's quantity can take (its registry `feasibleRange`); the axes stay inside.
    public var xBounds: ClosedRange<Double>?
    public var yBounds: ClosedRange<Double>?

    public init(frame: ChartFrame, points: [Point], xFormat: ValueFormat = .decimal(2), yFormat: ValueFormat = .decimal(2),
                xBounds: ClosedRange<Double>? = nil, yBounds: ClosedRange<Double>? = nil) {
        self.xBounds = xBounds
        self.yBounds = yBounds
        self.frame = frame
        self.points = points
        self.xFormat = xFormat
        self.yFormat = yFormat
    }

    /// The chart as a standalone SVG document (also valid inline in HTML).
    public func svg() -> String {
        let drawable = points.enumerated().filter { $0.element.x.isFinite && $0.element.y.isFinite }
        let legend = points.enumerated().map { LegendItem(label: $0.element.name, color: Palette.series($0.offset), swatch: .box) }
        let layout = ChartLayout(frame: frame, legend: legend)

        var xs: [Double] = [], ys: [Double] = []
        for (_, p) in drawable {
            xs += [p.x] + (p.xInterval.map { [$0.lowerBound, $0.upperBound] } ?? [])
            ys += [p.y] + (p.yInterval.map { [$0.lowerBound, $0.upperBound] } ?? [])
        }
        xs = xs.filter(\.isFinite); ys = ys.filter(\.isFinite)
        let hasData = !drawable.isEmpty

        let top = layout.plotTop
        let bottom = frame.height - layout.bottomInset(tickLines: 1)
        let plotHeight = max(bottom - top, 20)
        let (yTicks, yDomain) = NiceTicks.within(yBounds, lower: ys.min() ?? 0, upper: ys.max() ?? 1, targetCount: max(Int(plotHeight / 45), 2))
        let yLabels = yTicks.values.map { yFormat.tickLabel($0, step: yTicks.step) }
        let left = ChartLayout.padding + layout.yLabelBand + ChartLayout.maxTickWidth(yLabels) + ChartLayout.tickGap
        let right = frame.width - ChartLayout.padding - 16
        let (xTicks, xDomain) = NiceTicks.within(xBounds, lower: xs.min() ?? 0, upper: xs.max() ?? 1, targetCount: max(Int((right - left) / 90), 2))
        let xLabels = xTicks.values.map { xFormat.tickLabel($0, step: xTicks.step) }
        let plot = PlotArea(left: left, top: top, right: right, bottom: top + plotHeight)
        let xScale = LinearScale(domain: xDomain, from: plot.left, to: plot.right)
        let yScale = LinearScale(domain: yDomain, from: plot.bottom, to: plot.top)

        let summary = points.isEmpty ? "No policies" : "Policies: " + points.map {
            "\($0.name) at \(xFormat.format($0.x)), \(yFormat.format($0.y))"
        }.joined(separator: "; ")
        var svg = layout.begin(kind: "Frontier chart", summary: summary)
        layout.drawYGrid(&svg, plot: plot, scale: yScale, ticks: yTicks.values, labels: yLabels)
        layout.drawXGrid(&svg, plot: plot, scale: xScale, ticks: xTicks.values, labels: xLabels)
        layout.drawZeroLine(&svg, plot: plot, scale: yScale)
        layout.drawVerticalZeroLine(&svg, plot: plot, scale: xScale)

        svg.open("g", [("class", "points"), ("stroke-width", "1.5")])
        var placedLabels: [(x: Double, y: Double)] = []
        for (index, p) in drawable {
            let color = Palette.series(index)
            let cx = xScale.clamped(p.x), cy = yScale.clamped(p.y)
            if let interval = p.xInterval, interval.lowerBound.isFinite, interval.upperBound.isFinite {
                svg.element("line", [
                    ("x1", SVGWriter.number(xScale.clamped(interval.lowerBound))), ("y1", SVGWriter.number(cy)),
                    ("x2", SVGWriter.number(xScale.clamped(interval.upperBound))), ("y2", SVGWriter.number(cy)), ("stroke", color),
                ])
            }
            if let interval = p.yInterval, interval.lowerBound.isFinite, interval.upperBound.isFinite {
                svg.element("line", [
                    ("x1", SVGWriter.number(cx)), ("y1", SVGWriter.number(yScale.clamped(interval.lowerBound))),
                    ("x2", SVGWriter.number(cx)), ("y2", SVGWriter.number(yScale.clamped(interval.upperBound))), ("stroke", color),
                ])
            }
            svg.element("circle", [("cx", SVGWriter.number(cx)), ("cy", SVGWriter.number(cy)), ("r", "4"), ("fill", color), ("stroke", "#FFFFFF")])
            // The name beside the point, on the side with more room.
            let onLeft = cx > (plot.left + plot.right) / 2
            // Policies with nearly the same values would print their names over each other:
            // each later label steps down a line until it is clear of those already placed.
            var labelY = cy - 6
            while placedLabels.contains(where: { abs($0.x - cx) < 60 && abs($0.y - labelY) < ChartLayout.tickLineHeight }) {
                labelY += ChartLayout.tickLineHeight
            }
            placedLabels.append((cx, labelY))
            svg.text("text", [
                ("x", SVGWriter.number(cx + (onLeft ? -7 : 7))), ("y", SVGWriter.number(labelY)),
                ("text-anchor", onLeft ? "end" : "start"), ("font-size", SVGWriter.number(ChartLayout.tickSize)),
                ("fill", Palette.text), ("stroke", "none"),
            ], TextMetrics.truncate(p.name, maxWidth: 160, fontSize: ChartLayout.tickSize))
        }
        svg.close("g")

        layout.drawBaseline(&svg, plot: plot)
        if !hasData { layout.drawNoData(&svg, plot: plot) }
        layout.drawAxisLabels(&svg, plot: plot)
        layout.drawHeader(&svg)
        layout.end(&svg)
        return svg.finish()
    }
}
