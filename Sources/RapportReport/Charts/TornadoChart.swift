/// Tornado: one horizontal bar pair per parameter showing the metric at the low and high
/// setting around a baseline, sorted by swing (largest on top).
///
/// Each parameter's row holds two thin bars, low setting above high setting, both starting
/// at the baseline. Stacking them (instead of overlaying on one line) keeps both readable
/// when a parameter moves the metric the same way at both settings.
public struct TornadoChart: Sendable {
    /// The metric for one parameter at its low and high setting.
    public struct Entry: Sendable, Equatable {
        /// Parameter name, shown left of its bars.
        public var parameter: String
        /// Metric with the parameter at its low setting; non-finite draws no bar.
        public var low: Double
        /// Metric with the parameter at its high setting; non-finite draws no bar.
        public var high: Double

        /// One parameter's result pair.
        public init(parameter: String, low: Double, high: Double) {
            self.parameter = parameter
            self.low = low
            self.high = high
        }
    }

    /// Title, axis labels and size; `xLabel` names the metric, `yLabel` the parameters.
    public var frame: ChartFrame
    /// Metric at the baseline setting of every parameter; bars start here. A non-finite
    /// baseline falls back to 0 and is not labelled.
    public var baseline: Double
    /// Parameters in any order; the chart sorts them by swing.
    public var entries: [Entry]
    /// Legend label for the low setting, e.g. "−20%".
    public var lowLabel: String
    /// Legend label for the high setting, e.g. "+20%".
    public var highLabel: String
    /// Spelling of the bar-end and baseline labels; ticks use the same style.
    public var valueFormat: ValueFormat

    /// A tornado chart around `baseline`.
    public init(
        frame: ChartFrame, baseline: Double, entries: [Entry], lowLabel: String = "\u{2212}x%",
        highLabel: String = "+x%", valueFormat: ValueFormat = .decimal(2)
    ) {
        self.frame = frame
        self.baseline = baseline
        self.entries = entries
        self.lowLabel = lowLabel
        self.highLabel = highLabel
        self.valueFormat = valueFormat
    }

    /// Entries largest swing first. Swing is |high − low|, or the one finite side's distance
    /// from the baseline; ties keep input order so the output never depends on sort stability.
    func sortedEntries(baseline: Double) -> [Entry] {
        func swing(_ entry: Entry) -> Double {
            switch (entry.low.isFinite, entry.high.isFinite) {
            case (true, true): return abs(entry.high - entry.low)
            case (true, false): return abs(entry.low - baseline)
            case (false, true): return abs(entry.high - baseline)
            case (false, false): return -1
            }
        }
        return entries.enumerated()
            .map { (index: $0, entry: $1, swing: swing($1)) }
            .sorted { $0.swing != $1.swing ? $0.swing > $1.swing : $0.index < $1.index }
            .map(\.entry)
    }

    /// The chart as a standalone SVG document (also valid inline in HTML).
    public func svg() -> String {
        let base = baseline.isFinite ? baseline : 0
        let lowColor = Palette.series(0), highColor = Palette.series(1)
        var legend = [
            LegendItem(label: lowLabel, color: lowColor, swatch: .box),
            LegendItem(label: highLabel, color: highColor, swatch: .box),
        ]
        var rows = sortedEntries(baseline: base)

        // Rows under 12 units tall make unreadable names, so only the largest swings are kept
        // (they are what a tornado is for) and the legend says how many were left out. The
        // plot height is estimated with the note in place; it is one legend item, at most one row.
        let withNote = ChartLayout(frame: frame, legend: legend + [LegendItem(label: "Top 999 of 999 by swing", color: Palette.mutedText, swatch: .none)])
        let estimatedHeight = frame.height - withNote.bottomInset(tickLines: 1) - withNote.plotTop - 6
        let maxRows = max(Int(estimatedHeight / 12), 1)
        if rows.count > maxRows {
            legend.append(LegendItem(label: "Top \(maxRows) of \(rows.count) by swing", color: Palette.mutedText, swatch: .none))
            rows = Array(rows[..<maxRows])
        }
        let layout = ChartLayout(frame: frame, legend: legend)

        let top = layout.plotTop + 6 // room for the baseline label above the plot
        let bottom = frame.height - layout.bottomInset(tickLines: 1)
        let plotHeight = max(bottom - top, 20)
        let rowHeight = rows.isEmpty ? plotHeight : min(plotHeight / Double(rows.count), 40)
        let barHeight = rowHeight * 0.36
        let nameSize = min(ChartLayout.tickSize, max(rowHeight - 2, 7))

        // Parameter names may take up to 38% of the width; longer names are cut with "…".
        let nameLimit = frame.width * 0.38
        let names = rows.map { TextMetrics.truncate($0.parameter, maxWidth: nameLimit, fontSize: nameSize) }
        let nameWidth = names.map { TextMetrics.width($0, fontSize: nameSize) }.max() ?? 0
        let left = ChartLayout.padding + layout.yLabelBand + nameWidth + 8

        // Data extent, then room at each end for the value labels outside the bar tips.
        var lo = base, hi = base
        for entry in rows {
            for value in [entry.low, entry.high] where value.isFinite {
                lo = min(lo, value); hi = max(hi, value)
            }
        }
        let showValues = barHeight >= 8
        var leftRoom = 0.0, rightRoom = 0.0
        if showValues {
            for entry in rows {
                for value in [entry.low, entry.high] where value.isFinite && value != base {
                    let width = TextMetrics.width(valueFormat.format(value), fontSize: 10) + 4
                    if value < base { leftRoom = max(leftRoom, width) } else { rightRoom = max(rightRoom, width) }
                }
            }
        }
        let provisionalRight = frame.width - ChartLayout.padding - 12
        let available = provisionalRight - left
        var domainLow = lo, domainHigh = hi
        if showValues && available - leftRoom - rightRoom > available * 0.4 && hi > lo {
            let unitsPerPixel = (hi - lo) / (available - leftRoom - rightRoom)
            domainLow -= leftRoom * unitsPerPixel
            domainHigh += rightRoom * unitsPerPixel
        }
        let ticks = NiceTicks(lower: domainLow, upper: domainHigh, targetCount: max(Int(available / 90), 2))
        let tickLabels = ticks.values.map { valueFormat.tickLabel($0, step: ticks.step) }
        let overhang = TextMetrics.width(tickLabels.last ?? "", fontSize: ChartLayout.tickSize) / 2 + 4
        let plot = PlotArea(left: left, top: top, right: frame.width - max(ChartLayout.padding, overhang), bottom: top + plotHeight)
        let xScale = LinearScale(domain: ticks.lower...ticks.upper, from: plot.left, to: plot.right)

        let summary = "Baseline \(valueFormat.format(baseline)); parameters by swing: " + rows.map(\.parameter).joined(separator: ", ")
        var svg = layout.begin(kind: "Tornado chart", summary: summary)
        layout.drawXGrid(&svg, plot: plot, scale: xScale, ticks: ticks.values, labels: tickLabels)

        let baseX = xScale(base)
        svg.open("g", [("class", "bars")])
        var valueLabels: [(x: Double, y: Double, anchor: String, text: String)] = []
        for (rowIndex, entry) in rows.enumerated() {
            let centre = plot.top + (Double(rowIndex) + 0.5) * rowHeight
            let pairs: [(value: Double, color: String, y: Double)] = [
                (entry.low, lowColor, centre - barHeight - 0.5),
                (entry.high, highColor, centre + 0.5),
            ]
            for pair in pairs where pair.value.isFinite {
                let tip = xScale.clamped(pair.value)
                svg.element("rect", [
                    ("x", SVGWriter.number(min(tip, baseX))), ("y", SVGWriter.number(pair.y)),
                    ("width", SVGWriter.number(abs(tip - baseX))), ("height", SVGWriter.number(barHeight)),
                    ("fill", pair.color),
                ])
                if showValues {
                    let rightwards = pair.value >= base
                    valueLabels.append((
                        rightwards ? tip + 3 : tip - 3, pair.y + barHeight / 2,
                        rightwards ? "start" : "end", valueFormat.format(pair.value)))
                }
            }
        }
        svg.close("g")
        if !valueLabels.isEmpty {
            svg.open("g", [("class", "values"), ("font-size", "10"), ("fill", Palette.text)])
            for label in valueLabels {
                svg.text("text", [
                    ("x", SVGWriter.number(label.x)), ("y", SVGWriter.number(label.y)), ("dy", "0.35em"),
                    ("text-anchor", label.anchor),
                ], label.text)
            }
            svg.close("g")
        }

        // Baseline on top of the bars so it stays visible where they meet.
        svg.element("line", [
            ("x1", SVGWriter.number(baseX)), ("y1", SVGWriter.number(plot.top - 2)),
            ("x2", SVGWriter.number(baseX)), ("y2", SVGWriter.number(plot.bottom)),
            ("stroke", Palette.text), ("stroke-width", "1.25"),
        ])
        if baseline.isFinite {
            let text = "Baseline " + valueFormat.format(baseline)
            let half = TextMetrics.width(text, fontSize: 11) / 2
            let x = min(max(baseX, plot.left + half), frame.width - ChartLayout.padding - half)
            svg.text("text", [
                ("x", SVGWriter.number(x)), ("y", SVGWriter.number(plot.top - 6)),
                ("text-anchor", "middle"), ("font-size", "11"), ("fill", Palette.text),
            ], text)
        }

        layout.drawRowNames(&svg, names, plot: plot, rowHeight: rowHeight, fontSize: nameSize, className: "parameters")
        return layout.finish(&svg, plot: plot, empty: rows.isEmpty)
    }
}
