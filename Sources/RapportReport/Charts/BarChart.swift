/// Bars grouped by category, one bar per series, each with an optional interval whisker.
///
/// Typical use: a metric per scenario (groups) for each platform variant (series), with the
/// replication confidence interval as the whisker.
public struct BarChart: Sendable {
    /// One bar: a series' value within a group, and optionally its interval.
    public struct Bar: Sendable, Equatable {
        /// Series name; bars with the same name share a colour and a legend entry.
        public var series: String
        /// Bar height. A non-finite value draws no bar (the slot stays empty).
        public var value: Double
        /// Lower end of the whisker; the whisker is drawn only when both ends are finite.
        public var low: Double?
        /// Upper end of the whisker.
        public var high: Double?

        /// A bar, optionally with an interval such as a 95% confidence interval.
        public init(series: String, value: Double, low: Double? = nil, high: Double? = nil) {
            self.series = series
            self.value = value
            self.low = low
            self.high = high
        }
    }

    /// One category on the x axis.
    public struct Group: Sendable, Equatable {
        /// Category label, wrapped onto up to two lines under the axis (or set at 45° when
        /// some label can't fit its group that way).
        public var label: String
        /// Bars in this group; series missing from a group leave their slot empty so a
        /// series keeps the same position in every group.
        public var bars: [Bar]

        /// A category and its bars.
        public init(label: String, bars: [Bar]) {
            self.label = label
            self.bars = bars
        }
    }

    /// Title, axis labels and size.
    public var frame: ChartFrame
    /// Categories, drawn left to right in this order.
    public var groups: [Group]
    /// Spelling of the value labels above bars; the axis uses the same style (plain/percent).
    public var valueFormat: ValueFormat
    /// The values the plotted quantity can take (its registry `feasibleRange`): the axis's round
    /// ends and the whiskers stay inside it, so a share's axis never reads 110%.
    public var valueBounds: ClosedRange<Double>?

    /// A grouped bar chart. Series order (and colour) is the order of first appearance.
    public init(frame: ChartFrame, groups: [Group], valueFormat: ValueFormat = .decimal(2), valueBounds: ClosedRange<Double>? = nil) {
        self.valueBounds = valueBounds
        self.frame = frame
        self.groups = groups
        self.valueFormat = valueFormat
    }

    /// sin 45° = cos 45°: how far a rotated label reaches down and left per unit of length.
    private static let diagonal = 0.7071

    /// The chart as a standalone SVG document (also valid inline in HTML).
    public func svg() -> String {
        var seriesNames: [String] = []
        for group in groups {
            for bar in group.bars where !seriesNames.contains(bar.series) {
                seriesNames.append(bar.series)
            }
        }
        let legend = seriesNames.enumerated().map { LegendItem(label: $1, color: Palette.series($0), swatch: .box) }
        let layout = ChartLayout(frame: frame, legend: legend)

        // Value domain: bars grow from zero, so zero is always on the axis.
        var low = 0.0
        var high = 0.0
        var anyBar = false
        for group in groups {
            for bar in group.bars where bar.value.isFinite {
                anyBar = true
                low = min(low, bar.value)
                high = max(high, bar.value)
                if let whisker = Self.whisker(bar) {
                    low = min(low, whisker.lowerBound)
                    high = max(high, whisker.upperBound)
                }
            }
        }

        // Group labels go flat (wrapped onto up to two lines) when every one fits its group
        // whole; otherwise all are set at 45° so none is cut down to a meaningless "Scen…".
        let top = layout.plotTop
        let provisionalWidth = frame.width - 2 * ChartLayout.padding - 60
        let provisionalGroupWidth = groups.isEmpty ? provisionalWidth : provisionalWidth / Double(groups.count)
        let flatLabels: [[String]] = groups.map {
            TextMetrics.wrap($0.label, maxWidth: max(provisionalGroupWidth - 6, 20), fontSize: ChartLayout.tickSize, maxLines: 2)
        }
        var rotate = false
        for (group, lines) in zip(groups, flatLabels) {
            let words: [Substring] = group.label.split(separator: " ")
            if lines.joined(separator: " ") != words.joined(separator: " ") { rotate = true }
        }
        let rotatedLimit = min(frame.height * 0.22 / Self.diagonal, frame.width * 0.3)
        let rotatedLabels: [String] = groups.map {
            TextMetrics.truncate($0.label, maxWidth: rotatedLimit, fontSize: ChartLayout.tickSize)
        }
        let labelLines: Int = flatLabels.map { $0.count }.max() ?? 1
        var left = 0.0
        let bottom: Double
        if rotate {
            let longest: Double = rotatedLabels.map { TextMetrics.width($0, fontSize: ChartLayout.tickSize) }.max() ?? 0
            bottom = frame.height - layout.bottomInset(tickLines: 0) - longest * Self.diagonal - 14
            // The first label slants left from its group's centre; keep it on the canvas.
            let first = TextMetrics.width(rotatedLabels.first ?? "", fontSize: ChartLayout.tickSize)
            left = ChartLayout.padding + first * Self.diagonal - provisionalGroupWidth / 2
        } else {
            bottom = frame.height - layout.bottomInset(tickLines: max(labelLines, 1))
        }
        let plotHeight = max(bottom - top, 20)

        // Headroom so value labels above the tallest bar (and below the deepest) stay inside.
        let labelRoom = 16.0
        let span = max(high - low, 0)
        let grow = span > 0 ? span * labelRoom / max(plotHeight - 2 * labelRoom, 10) : 0
        let paddedHigh = high > 0 ? high + grow : high
        let paddedLow = low < 0 ? low - grow : low
        let (ticks, domain) = NiceTicks.within(valueBounds, lower: paddedLow, upper: paddedHigh, targetCount: max(Int(plotHeight / 45), 2))
        let tickLabels = ticks.values.map { valueFormat.tickLabel($0, step: ticks.step) }
        left = max(left, ChartLayout.padding + layout.yLabelBand + ChartLayout.maxTickWidth(tickLabels) + ChartLayout.tickGap)
        let plot = PlotArea(left: left, top: top, right: frame.width - ChartLayout.padding, bottom: top + plotHeight)
        let yScale = LinearScale(domain: domain, from: plot.bottom, to: plot.top)

        var summary = "\(groups.count) groups"
        if !seriesNames.isEmpty { summary += "; series: " + seriesNames.joined(separator: ", ") }
        var svg = layout.begin(kind: "Bar chart", summary: summary)
        layout.drawYGrid(&svg, plot: plot, scale: yScale, ticks: ticks.values, labels: tickLabels)

        guard !groups.isEmpty else {
            layout.drawBaseline(&svg, plot: plot)
            layout.drawNoData(&svg, plot: plot)
            layout.drawAxisLabels(&svg, plot: plot)
            layout.drawHeader(&svg)
            layout.end(&svg)
            return svg.finish()
        }

        let groupWidth = plot.width / Double(groups.count)
        // Bars take 80% of a group, at most 48 units each: very wide bars read as areas.
        let slots = Double(max(seriesNames.count, 1))
        let barWidth = min(groupWidth * 0.8 / slots, 48)
        let zeroY = yScale(0)

        svg.open("g", [("class", "bars")])
        var valueLabels: [(x: Double, y: Double, text: String)] = []
        for (groupIndex, group) in groups.enumerated() {
            let groupCentre = plot.left + (Double(groupIndex) + 0.5) * groupWidth
            let firstSlotLeft = groupCentre - barWidth * slots / 2
            for bar in group.bars where bar.value.isFinite {
                guard let slot = seriesNames.firstIndex(of: bar.series) else { continue }
                let x = firstSlotLeft + Double(slot) * barWidth
                let valueY = yScale.clamped(bar.value)
                let inset = barWidth > 6 ? 1.0 : 0 // hairline gap between neighbouring bars
                svg.element("rect", [
                    ("x", SVGWriter.number(x + inset / 2)), ("y", SVGWriter.number(min(valueY, zeroY))),
                    ("width", SVGWriter.number(barWidth - inset)), ("height", SVGWriter.number(abs(zeroY - valueY))),
                    ("fill", Palette.series(slot)),
                ])
                let centre = x + barWidth / 2
                var tipHigh = bar.value
                var tipLow = bar.value
                if let whisker = Self.whisker(bar) {
                    let capHalf = min(barWidth * 0.2, 5)
                    let y1 = SVGWriter.number(yScale.clamped(whisker.lowerBound))
                    let y2 = SVGWriter.number(yScale.clamped(whisker.upperBound))
                    let c = SVGWriter.number(centre)
                    let capLeft = SVGWriter.number(centre - capHalf)
                    let capRight = SVGWriter.number(centre + capHalf)
                    let path = "M\(c) \(y1)V\(y2)M\(capLeft) \(y1)H\(capRight)M\(capLeft) \(y2)H\(capRight)"
                    svg.element("path", [("d", path), ("fill", "none"), ("stroke", Palette.text), ("stroke-width", "1.25")])
                    tipHigh = max(tipHigh, whisker.upperBound)
                    tipLow = min(tipLow, whisker.lowerBound)
                }
                let y = bar.value >= 0 ? yScale.clamped(tipHigh) - 4 : yScale.clamped(tipLow) + 12
                valueLabels.append((centre, y, valueFormat.format(bar.value)))
            }
        }
        svg.close("g")

        // Value labels for every bar or for none: a few labelled bars among unlabelled ones
        // look as if the others were missing data. None when any would overhang its bar.
        let labelsFit = valueLabels.allSatisfy { TextMetrics.width($0.text, fontSize: 10) <= barWidth + 2 }
        if !valueLabels.isEmpty && labelsFit {
            svg.open("g", [("class", "values"), ("font-size", "10"), ("fill", Palette.text), ("text-anchor", "middle")])
            for label in valueLabels {
                svg.text("text", [("x", SVGWriter.number(label.x)), ("y", SVGWriter.number(label.y))], label.text)
            }
            svg.close("g")
        }

        // Zero line (the axis when all values are non-negative).
        let zero = SVGWriter.number(zeroY)
        svg.element("line", [
            ("x1", SVGWriter.number(plot.left)), ("y1", zero), ("x2", SVGWriter.number(plot.right)), ("y2", zero),
            ("stroke", Palette.axis), ("stroke-width", "1"),
        ])
        if !anyBar { layout.drawNoData(&svg, plot: plot) }

        let positions = (0..<groups.count).map { plot.left + (Double($0) + 0.5) * groupWidth }
        if rotate {
            svg.open("g", [
                ("class", "x-axis"), ("font-size", SVGWriter.number(ChartLayout.tickSize)),
                ("fill", Palette.mutedText), ("text-anchor", "end"),
            ])
            for (x, label) in zip(positions, rotatedLabels) {
                let px = SVGWriter.number(x + 3)
                let py = SVGWriter.number(plot.bottom + 10)
                svg.text("text", [("x", px), ("y", py), ("transform", "rotate(-45 \(px) \(py))")], label)
            }
            svg.close("g")
        } else {
            let labelWidth = max(groupWidth - 6, 20)
            let labels = groups.map {
                TextMetrics.wrap($0.label, maxWidth: labelWidth, fontSize: ChartLayout.tickSize, maxLines: max(labelLines, 1))
            }
            layout.drawXTickLabels(svg: &svg, plot: plot, positions: positions, labels: labels, marks: false)
        }
        layout.drawAxisLabels(&svg, plot: plot)
        layout.drawHeader(&svg)
        layout.end(&svg)
        return svg.finish()
    }

    private static func whisker(_ bar: Bar) -> ClosedRange<Double>? {
        guard let low = bar.low, let high = bar.high, low.isFinite, high.isFinite else { return nil }
        return min(low, high)...max(low, high)
    }
}
