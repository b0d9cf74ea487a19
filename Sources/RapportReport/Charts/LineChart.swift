/// Lines over a numeric x axis, each with an optional band (low/high) drawn translucent under
/// it. Also used for CDFs (`step: true` draws a step line).
///
/// Points are drawn in ascending x order whatever order they are given in. A point whose x or
/// y is non-finite breaks the line there, so a missing value shows as a gap rather than as a
/// misleading straight segment across it.
public struct LineChart: Sendable {
    /// One line, optionally with an uncertainty band.
    public struct Series: Sendable, Equatable {
        /// Legend label.
        public var name: String
        /// Horizontal positions.
        public var x: [Double]
        /// Values at `x`; extra elements in either array are ignored.
        public var y: [Double]
        /// Lower band edge at each `x`; the band is drawn only where both edges are finite.
        public var low: [Double]?
        /// Upper band edge at each `x`.
        public var high: [Double]?
        /// Draw as a step function (value holds until the next x), as for an empirical CDF.
        public var step: Bool

        /// A series; pass `low` and `high` together to get a band.
        public init(name: String, x: [Double], y: [Double], low: [Double]? = nil, high: [Double]? = nil, step: Bool = false) {
            self.name = name
            self.x = x
            self.y = y
            self.low = low
            self.high = high
            self.step = step
        }
    }

    /// Title, axis labels and size.
    public var frame: ChartFrame
    /// Lines, drawn in this order (later ones on top) and coloured by position.
    public var series: [Series]
    /// Fixed vertical extent (e.g. `0...1` for a CDF); marks outside it are clamped to the
    /// edge. `nil` fits the data, bands and reference line.
    public var yRange: ClosedRange<Double>?
    /// A labelled horizontal dashed line, e.g. a target or a baseline scenario's value.
    public var referenceLine: (label: String, y: Double)?
    /// Tick label style for the vertical axis (decimals are derived from the tick step).
    public var valueFormat: ValueFormat
    /// The values the plotted quantity can take (its registry `feasibleRange`): the axis and the
    /// bands stay inside it, so a share's band never pulls the axis below 0%.
    public var valueBounds: ClosedRange<Double>?

    /// A line chart. `valueFormat` only chooses plain or percent y tick labels.
    public init(
        frame: ChartFrame, series: [Series], yRange: ClosedRange<Double>? = nil,
        referenceLine: (label: String, y: Double)? = nil, valueFormat: ValueFormat = .decimal(2),
        valueBounds: ClosedRange<Double>? = nil
    ) {
        self.valueBounds = valueBounds
        self.frame = frame
        self.series = series
        self.yRange = yRange
        self.referenceLine = referenceLine
        self.valueFormat = valueFormat
    }

    private struct Point {
        var x: Double
        var y: Double
        var low: Double?
        var high: Double?
    }

    /// The chart as a standalone SVG document (also valid inline in HTML).
    public func svg() -> String {
        let hasBand = series.map { $0.low != nil && $0.high != nil }
        let legend = series.enumerated().map { index, item in
            LegendItem(
                label: item.name, color: Palette.series(index),
                swatch: hasBand[index] ? .lineWithBand(dash: Palette.dash(index)) : .line(dash: Palette.dash(index)))
        }
        let layout = ChartLayout(frame: frame, legend: legend)
        let prepared = series.map { Self.points($0, within: valueBounds) }

        var xMin = Double.infinity, xMax = -Double.infinity
        var yMin = Double.infinity, yMax = -Double.infinity
        for points in prepared {
            for point in points where point.y.isFinite {
                xMin = min(xMin, point.x); xMax = max(xMax, point.x)
                yMin = min(yMin, point.y); yMax = max(yMax, point.y)
                if let low = point.low, let high = point.high {
                    yMin = min(yMin, low, high); yMax = max(yMax, low, high)
                }
            }
        }
        let hasData = xMin <= xMax
        let reference = referenceLine.flatMap { $0.y.isFinite ? $0 : nil }
        if let reference {
            yMin = min(yMin, reference.y); yMax = max(yMax, reference.y)
        }

        let top = layout.plotTop
        let bottom = frame.height - layout.bottomInset(tickLines: 1)
        let plotHeight = max(bottom - top, 20)
        let yTargetCount = max(Int(plotHeight / 45), 2)
        let yTicks: NiceTicks
        let yDomain: ClosedRange<Double>
        if let range = yRange, range.lowerBound.isFinite, range.upperBound.isFinite, range.upperBound > range.lowerBound {
            yTicks = NiceTicks(lower: range.lowerBound, upper: range.upperBound, targetCount: yTargetCount, extend: false)
            yDomain = range
        } else {
            (yTicks, yDomain) = NiceTicks.within(valueBounds, lower: yMin, upper: yMax, targetCount: yTargetCount)
        }
        let yLabels = yTicks.values.map { valueFormat.tickLabel($0, step: yTicks.step) }
        let left = ChartLayout.padding + layout.yLabelBand + ChartLayout.maxTickWidth(yLabels) + ChartLayout.tickGap

        // x ticks depend on the plot width, which depends on the last tick label's overhang:
        // lay out with a provisional width, then fix the right edge from the labels.
        let provisionalRight = frame.width - ChartLayout.padding - 16
        let xTargetCount = max(Int((provisionalRight - left) / 90), 2)
        // The x extent is the data's own: lines run edge to edge instead of stopping short
        // of a rounded-up axis end.
        let (xLow, xHigh) = NiceTicks.usableBounds(xMin, xMax)
        let xTicks = NiceTicks(lower: xLow, upper: xHigh, targetCount: xTargetCount, extend: false)
        let xLabels = xTicks.values.map { ValueFormat.decimal(0).tickLabel($0, step: xTicks.step) }
        let lastTickAtEdge = xTicks.values.last.map { abs($0 - xHigh) <= xTicks.step * 0.5 } ?? false
        let overhang = lastTickAtEdge ? TextMetrics.width(xLabels.last ?? "", fontSize: ChartLayout.tickSize) / 2 + 4 : 0
        let right = frame.width - max(ChartLayout.padding, overhang)
        let plot = PlotArea(left: left, top: top, right: right, bottom: top + plotHeight)
        let xScale = LinearScale(domain: xLow...xHigh, from: plot.left, to: plot.right)
        let yScale = LinearScale(domain: yDomain, from: plot.bottom, to: plot.top)

        let summary = series.isEmpty ? "No series" : "Series: " + series.map(\.name).joined(separator: ", ")
        var svg = layout.begin(kind: "Line chart", summary: summary)
        layout.drawYGrid(&svg, plot: plot, scale: yScale, ticks: yTicks.values, labels: yLabels)

        // Bands first, all of them, so no band veils another series' line.
        svg.open("g", [("class", "bands")])
        for (index, points) in prepared.enumerated() {
            for run in Self.runs(points, where: { $0.low != nil && $0.high != nil }) where run.count > 1 {
                let step = series[index].step
                let upper = Self.pixels(run.map { ($0.x, $0.high!) }, step: step, x: xScale, y: yScale)
                let lower = Self.pixels(run.reversed().map { ($0.x, $0.low!) }, step: step, reversedStep: true, x: xScale, y: yScale)
                svg.element("path", [
                    ("d", Self.pathData(upper + lower) + "Z"),
                    ("fill", Palette.series(index)), ("fill-opacity", "0.18"), ("stroke", "none"),
                ])
            }
        }
        svg.close("g")

        layout.drawZeroLine(&svg, plot: plot, scale: yScale)
        if let reference {
            let y = SVGWriter.number(yScale.clamped(reference.y))
            svg.element("line", [
                ("x1", SVGWriter.number(plot.left)), ("y1", y), ("x2", SVGWriter.number(plot.right)), ("y2", y),
                ("stroke", Palette.reference), ("stroke-width", "1.25"), ("stroke-dasharray", "5 4"),
            ])
        }

        var polylines: [[PixelPoint]] = []
        svg.open("g", [("class", "lines"), ("fill", "none"), ("stroke-width", "2"), ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
        for (index, points) in prepared.enumerated() {
            let color = Palette.series(index)
            for run in Self.runs(points, where: { _ in true }) {
                let first = run[0]
                if run.allSatisfy({ $0.x == first.x && $0.y == first.y }) {
                    // A lone point (or repeats of one) has no length to stroke; mark it so
                    // it isn't invisible.
                    svg.element("circle", [
                        ("cx", SVGWriter.number(xScale.clamped(run[0].x))), ("cy", SVGWriter.number(yScale.clamped(run[0].y))),
                        ("r", "3"), ("fill", color), ("stroke", "none"),
                    ])
                    continue
                }
                let pixels = Self.pixels(run.map { ($0.x, $0.y) }, step: series[index].step, x: xScale, y: yScale)
                polylines.append(pixels)
                var attributes: [SVGAttribute] = [("d", Self.pathData(pixels)), ("stroke", color)]
                if let dash = Palette.dash(index) { attributes.append(("stroke-dasharray", dash)) }
                svg.element("path", attributes)
            }
        }
        svg.close("g")

        if let reference {
            drawReferenceLabel(&svg, reference.label, y: yScale.clamped(reference.y), plot: plot, avoiding: polylines)
        }

        layout.drawBaseline(&svg, plot: plot)
        if !hasData { layout.drawNoData(&svg, plot: plot) }
        layout.drawXTickLabels(svg: &svg, plot: plot, positions: xTicks.values.map { xScale($0) }, labels: xLabels.map { [$0] })
        layout.drawAxisLabels(&svg, plot: plot)
        layout.drawHeader(&svg)
        layout.end(&svg)
        return svg.finish()
    }

    /// Points sorted by x (ties keep input order). Points with non-finite x are dropped; a
    /// non-finite y is kept as a gap marker. Band edges are kept only when both are finite.
    private static func points(_ series: Series, within bounds: ClosedRange<Double>?) -> [Point] {
        func clamp(_ v: Double) -> Double { bounds.map { min(max(v, $0.lowerBound), $0.upperBound) } ?? v }
        let count = min(series.x.count, series.y.count)
        var points: [(index: Int, point: Point)] = []
        for index in 0..<count where series.x[index].isFinite {
            var point = Point(x: series.x[index], y: series.y[index])
            if let lows = series.low, let highs = series.high, index < lows.count, index < highs.count,
               lows[index].isFinite, highs[index].isFinite {
                point.low = clamp(min(lows[index], highs[index]))
                point.high = clamp(max(lows[index], highs[index]))
            }
            points.append((index, point))
        }
        points.sort { $0.point.x != $1.point.x ? $0.point.x < $1.point.x : $0.index < $1.index }
        return points.map(\.point)
    }

    /// Maximal runs of consecutive points with a finite y that also satisfy `include`.
    private static func runs(_ points: [Point], where include: (Point) -> Bool) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        for point in points {
            if point.y.isFinite && include(point) {
                current.append(point)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Pixel positions for a polyline, with the extra corner points a step line needs.
    /// `reversedStep` is for the return edge of a band traced right-to-left, whose corners
    /// must fall on the same x positions as the forward edge's.
    private static func pixels(
        _ values: [(Double, Double)], step: Bool, reversedStep: Bool = false, x: LinearScale, y: LinearScale
    ) -> [PixelPoint] {
        var out: [PixelPoint] = []
        out.reserveCapacity(step ? values.count * 2 : values.count)
        for (index, value) in values.enumerated() {
            let px = x.clamped(value.0)
            let py = y.clamped(value.1)
            if step && index > 0 {
                let previous = values[index - 1]
                if reversedStep {
                    // Walking leftwards: drop to this point's level at the previous x first.
                    out.append(PixelPoint(x: x.clamped(previous.0), y: py))
                } else {
                    out.append(PixelPoint(x: px, y: y.clamped(previous.1)))
                }
            }
            out.append(PixelPoint(x: px, y: py))
        }
        return out
    }

    /// SVG path data through `points`. Vertices that print the same as their predecessor are
    /// dropped: they add bytes, not detail (a CDF over ten thousand clients repeats many).
    private static func pathData(_ points: [PixelPoint]) -> String {
        var parts: [String] = []
        parts.reserveCapacity(points.count)
        for point in points {
            let coordinate = "\(SVGWriter.number(point.x)) \(SVGWriter.number(point.y))"
            if parts.last != coordinate { parts.append(coordinate) }
        }
        return "M" + parts.joined(separator: "L")
    }

    /// Labels the reference line at whichever end and side of it crosses the fewest drawn
    /// lines (preferring top right, where readers look for it). The white halo covers any
    /// crossing that remains, and the label is drawn after the lines so text wins.
    private func drawReferenceLabel(_ svg: inout SVGWriter, _ text: String, y: Double, plot: PlotArea, avoiding polylines: [[PixelPoint]]) {
        let label = TextMetrics.truncate(text, maxWidth: plot.width - 8, fontSize: 11)
        let width = TextMetrics.width(label, fontSize: 11)
        let roomAbove = y - plot.top >= 14
        let roomBelow = plot.bottom - y >= 16
        var candidates: [(x: Double, baseline: Double, anchor: String)] = []
        for atRight in [true, false] {
            let x = atRight ? plot.right - 4 : plot.left + 4
            let anchor = atRight ? "end" : "start"
            if roomAbove || !roomBelow { candidates.append((x, y - 5, anchor)) }
            if roomBelow { candidates.append((x, y + 14, anchor)) }
        }
        var best = candidates[0]
        var bestHits = Int.max
        for candidate in candidates {
            let left = candidate.anchor == "end" ? candidate.x - width : candidate.x
            let box = PlotArea(left: left - 2, top: candidate.baseline - 10, right: left + width + 2, bottom: candidate.baseline + 3)
            var hits = 0
            for line in polylines {
                for index in line.indices.dropFirst() where Self.segment(line[index - 1], line[index], crosses: box) {
                    hits += 1
                }
            }
            if hits < bestHits {
                best = candidate
                bestHits = hits
            }
        }
        svg.text("text", [
            ("x", SVGWriter.number(best.x)), ("y", SVGWriter.number(best.baseline)),
            ("text-anchor", best.anchor), ("font-size", "11"), ("fill", Palette.reference),
            ("stroke", "#FFFFFF"), ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke"),
        ], label)
    }

    /// Whether the segment from `a` to `b` passes through `box` (Liang–Barsky clipping).
    private static func segment(_ a: PixelPoint, _ b: PixelPoint, crosses box: PlotArea) -> Bool {
        let dx = b.x - a.x, dy = b.y - a.y
        var enter = 0.0, exit = 1.0
        let edges: [(p: Double, q: Double)] = [
            (-dx, a.x - box.left), (dx, box.right - a.x), (-dy, a.y - box.top), (dy, box.bottom - a.y),
        ]
        for edge in edges {
            if edge.p == 0 {
                if edge.q < 0 { return false }
            } else {
                let t = edge.q / edge.p
                if edge.p < 0 { enter = max(enter, t) } else { exit = min(exit, t) }
                if enter > exit { return false }
            }
        }
        return true
    }
}

/// A position in SVG user units.
struct PixelPoint: Equatable {
    var x: Double
    var y: Double
}
