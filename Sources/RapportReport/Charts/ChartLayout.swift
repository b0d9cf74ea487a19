/// The plot rectangle in SVG user units.
struct PlotArea {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// What a legend entry shows next to its label, matching how the series is drawn.
enum LegendSwatch {
    /// A note in the legend row, such as how many entries were left out.
    case none
    case box
    case line(dash: String?)
    case lineWithBand(dash: String?)
}

/// One legend entry.
struct LegendItem {
    var label: String
    var color: String
    var swatch: LegendSwatch

    /// Horizontal space before the label: the swatch and its gap, or nothing for a note.
    var swatchWidth: Double {
        if case .none = swatch { return 0 }
        return ChartLayout.swatchWidth + 6
    }
}

/// Title, legend, axis labels and tick labels shared by every chart.
///
/// The legend sits in its own band between title and plot rather than over the plot: the
/// charts cannot know where the data leaves empty space, and a legend over data is the most
/// common way a generated chart becomes unreadable.
struct ChartLayout {
    static let padding = 12.0
    static let titleSize = 15.0
    static let titleLineHeight = 19.0
    static let legendSize = 12.0
    static let legendRowHeight = 18.0
    static let tickSize = 11.0
    static let tickLineHeight = 13.0
    static let labelSize = 12.0
    static let tickGap = 6.0
    static let swatchWidth = 18.0
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif"

    let frame: ChartFrame
    let titleLines: [String]
    let legendRows: [[(item: LegendItem, x: Double, label: String)]]

    /// Lays out the title (up to two lines) and the legend (wrapping into rows) for `frame`.
    /// A legend is shown only for two or more entries: one series is named by the title.
    init(frame: ChartFrame, legend: [LegendItem]) {
        self.frame = frame
        let available = frame.width - 2 * Self.padding
        titleLines = TextMetrics.wrap(frame.title, maxWidth: available, fontSize: Self.titleSize, maxLines: 2, bold: true)
        var rows: [[(item: LegendItem, x: Double, label: String)]] = []
        if legend.count > 1 {
            var row: [(item: LegendItem, x: Double, label: String)] = []
            var x = Self.padding
            let maxLabel = available - Self.swatchWidth - 6
            for item in legend {
                let label = TextMetrics.truncate(item.label, maxWidth: maxLabel, fontSize: Self.legendSize)
                let itemWidth = item.swatchWidth + TextMetrics.width(label, fontSize: Self.legendSize)
                if !row.isEmpty && x + itemWidth > frame.width - Self.padding {
                    rows.append(row)
                    row = []
                    x = Self.padding
                }
                row.append((item, x, label))
                x += itemWidth + 16
            }
            if !row.isEmpty { rows.append(row) }
        }
        // Rows beyond three would eat the plot; the overflow is summarised instead, replacing
        // entries from the end of the third row until the note fits.
        if rows.count > 3 {
            var hidden = rows[3...].reduce(0) { $0 + $1.count }
            var last = rows[2]
            while true {
                let note = "+\(hidden) more"
                let x = last.last.map { $0.x + $0.item.swatchWidth + TextMetrics.width($0.label, fontSize: Self.legendSize) + 16 } ?? Self.padding
                if last.count <= 1 || x + TextMetrics.width(note, fontSize: Self.legendSize) <= frame.width - Self.padding {
                    last.append((LegendItem(label: note, color: Palette.mutedText, swatch: .none), x, note))
                    break
                }
                last.removeLast()
                hidden += 1
            }
            rows = Array(rows[..<2]) + [last]
        }
        legendRows = rows
    }

    /// Where the plot may begin vertically: below title and legend, plus room for the top
    /// tick label, which is centred on the topmost grid line.
    var plotTop: Double {
        var y = Self.padding + Double(titleLines.count) * Self.titleLineHeight
        if !legendRows.isEmpty { y += 4 + Double(legendRows.count) * Self.legendRowHeight }
        return y + 12
    }

    /// Horizontal space taken left of the y tick labels by the rotated y-axis label.
    var yLabelBand: Double {
        frame.yLabel.isEmpty ? 0 : Self.labelSize + 8
    }

    /// Space below the plot for `tickLines` lines of x tick labels and the x-axis label.
    func bottomInset(tickLines: Int) -> Double {
        var inset = Self.padding + 4 + Double(tickLines) * Self.tickLineHeight
        if !frame.xLabel.isEmpty { inset += Self.labelSize + 8 }
        return inset
    }

    // MARK: - Drawing

    /// Opens the document: accessible name and description first, then a white background so
    /// the chart stays legible on dark pages and prints the same everywhere.
    func begin(kind: String, summary: String) -> SVGWriter {
        var svg = SVGWriter()
        let name = frame.title.isEmpty ? kind : frame.title
        let w = SVGWriter.number(frame.width)
        let h = SVGWriter.number(frame.height)
        svg.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", w), ("height", h), ("viewBox", "0 0 \(w) \(h)"),
            ("role", "img"), ("aria-label", name),
            ("font-family", Self.fontFamily),
            ("style", "max-width:100%;height:auto"),
        ])
        svg.text("title", [], name)
        var description = kind
        if !frame.xLabel.isEmpty { description += ". Horizontal axis: \(frame.xLabel)" }
        if !frame.yLabel.isEmpty { description += ". Vertical axis: \(frame.yLabel)" }
        if !summary.isEmpty { description += ". \(summary)" }
        svg.text("desc", [], description + ".")
        svg.element("rect", [("width", w), ("height", h), ("fill", "#FFFFFF")])
        return svg
    }

    func end(_ svg: inout SVGWriter) {
        svg.close("svg")
    }

    /// Title and legend, drawn last so they paint over nothing but background.
    func drawHeader(_ svg: inout SVGWriter) {
        svg.open("g", [("class", "header")])
        for (index, line) in titleLines.enumerated() {
            svg.text("text", [
                ("x", SVGWriter.number(Self.padding)),
                ("y", SVGWriter.number(Self.padding + Self.titleSize - 1 + Double(index) * Self.titleLineHeight)),
                ("font-size", SVGWriter.number(Self.titleSize)), ("font-weight", "600"), ("fill", Palette.text),
            ], line)
        }
        let legendTop = Self.padding + Double(titleLines.count) * Self.titleLineHeight + 4
        if !legendRows.isEmpty { svg.open("g", [("class", "legend")]) }
        for (rowIndex, row) in legendRows.enumerated() {
            let centre = legendTop + Double(rowIndex) * Self.legendRowHeight + Self.legendRowHeight / 2
            for entry in row {
                let x = entry.x
                drawSwatch(&svg, entry.item, x: x, centre: centre)
                let isNote: Bool
                if case .none = entry.item.swatch { isNote = true } else { isNote = false }
                svg.text("text", [
                    ("x", SVGWriter.number(x + entry.item.swatchWidth)), ("y", SVGWriter.number(centre)), ("dy", "0.35em"),
                    ("font-size", SVGWriter.number(Self.legendSize)), ("fill", isNote ? Palette.mutedText : Palette.text),
                ], entry.label)
            }
        }
        if !legendRows.isEmpty { svg.close("g") }
        svg.close("g")
    }

    private func drawSwatch(_ svg: inout SVGWriter, _ item: LegendItem, x: Double, centre: Double) {
        switch item.swatch {
        case .none:
            break
        case .box:
            svg.element("rect", [
                ("x", SVGWriter.number(x + 3)), ("y", SVGWriter.number(centre - 6)),
                ("width", "12"), ("height", "12"), ("fill", item.color),
            ])
        case .line(let dash), .lineWithBand(let dash):
            if case .lineWithBand = item.swatch {
                svg.element("rect", [
                    ("x", SVGWriter.number(x)), ("y", SVGWriter.number(centre - 6)),
                    ("width", SVGWriter.number(Self.swatchWidth)), ("height", "12"),
                    ("fill", item.color), ("fill-opacity", "0.2"),
                ])
            }
            var attributes: [SVGAttribute] = [
                ("x1", SVGWriter.number(x)), ("y1", SVGWriter.number(centre)),
                ("x2", SVGWriter.number(x + Self.swatchWidth)), ("y2", SVGWriter.number(centre)),
                ("stroke", item.color), ("stroke-width", "2.5"),
            ]
            if let dash { attributes.append(("stroke-dasharray", dash)) }
            svg.element("line", attributes)
        }
    }

    /// The rotated y-axis label, centred on the plot, and the x-axis label under the ticks.
    func drawAxisLabels(_ svg: inout SVGWriter, plot: PlotArea) {
        if !frame.yLabel.isEmpty {
            let label = TextMetrics.truncate(frame.yLabel, maxWidth: max(plot.height + 20, 40), fontSize: Self.labelSize)
            let x = Self.padding + Self.labelSize - 2
            let y = (plot.top + plot.bottom) / 2
            svg.text("text", [
                ("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)),
                ("transform", "rotate(-90 \(SVGWriter.number(x)) \(SVGWriter.number(y)))"),
                ("text-anchor", "middle"), ("font-size", SVGWriter.number(Self.labelSize)), ("fill", Palette.text),
            ], label)
        }
        if !frame.xLabel.isEmpty {
            let label = TextMetrics.truncate(frame.xLabel, maxWidth: frame.width - 2 * Self.padding, fontSize: Self.labelSize)
            // Centre under the plot, but shift if that would push a long label off the edge.
            let half = TextMetrics.width(label, fontSize: Self.labelSize) / 2
            var centre = (plot.left + plot.right) / 2
            centre = min(max(centre, Self.padding + half), frame.width - Self.padding - half)
            svg.text("text", [
                ("x", SVGWriter.number(centre)), ("y", SVGWriter.number(frame.height - Self.padding - 2)),
                ("text-anchor", "middle"), ("font-size", SVGWriter.number(Self.labelSize)), ("fill", Palette.text),
            ], label)
        }
    }

    /// Horizontal grid lines with their value labels left of the plot.
    func drawYGrid(_ svg: inout SVGWriter, plot: PlotArea, scale: LinearScale, ticks: [Double], labels: [String]) {
        svg.open("g", [("class", "y-axis"), ("font-size", SVGWriter.number(Self.tickSize)), ("fill", Palette.mutedText), ("text-anchor", "end")])
        for (tick, label) in zip(ticks, labels) {
            let y = SVGWriter.number(scale(tick))
            svg.element("line", [
                ("x1", SVGWriter.number(plot.left)), ("y1", y), ("x2", SVGWriter.number(plot.right)), ("y2", y),
                ("stroke", Palette.grid), ("stroke-width", "1"),
            ])
            svg.text("text", [("x", SVGWriter.number(plot.left - Self.tickGap)), ("y", y), ("dy", "0.32em")], label)
        }
        svg.close("g")
    }

    /// Vertical grid lines with value labels below the plot (for charts whose value axis is
    /// horizontal).
    func drawXGrid(_ svg: inout SVGWriter, plot: PlotArea, scale: LinearScale, ticks: [Double], labels: [String]) {
        svg.open("g", [("class", "x-grid"), ("stroke", Palette.grid), ("stroke-width", "1")])
        for tick in ticks {
            let x = SVGWriter.number(scale(tick))
            svg.element("line", [("x1", x), ("y1", SVGWriter.number(plot.top)), ("x2", x), ("y2", SVGWriter.number(plot.bottom))])
        }
        svg.close("g")
        drawXTickLabels(svg: &svg, plot: plot, positions: ticks.map { scale($0) }, labels: labels.map { [$0] })
    }

    /// Tick marks and (possibly multi-line) labels under the x axis. Labels that would collide
    /// are thinned to every second, third, … one, always keeping the first.
    func drawXTickLabels(svg: inout SVGWriter, plot: PlotArea, positions: [Double], labels: [[String]], marks: Bool = true) {
        let count = min(positions.count, labels.count)
        guard count > 0 else { return }
        let widths = (0..<count).map { index in
            labels[index].map { TextMetrics.width($0, fontSize: Self.tickSize) }.max() ?? 0
        }
        var stride = 1
        while stride < count {
            var fits = true
            var previousRight = -Double.infinity
            var index = 0
            while index < count {
                let left = positions[index] - widths[index] / 2
                if left < previousRight + 6 { fits = false; break }
                previousRight = positions[index] + widths[index] / 2
                index += stride
            }
            if fits { break }
            stride += 1
        }
        svg.open("g", [("class", "x-axis"), ("font-size", SVGWriter.number(Self.tickSize)), ("fill", Palette.mutedText), ("text-anchor", "middle")])
        for index in Swift.stride(from: 0, to: count, by: stride) {
            let x = SVGWriter.number(positions[index])
            if marks {
                svg.element("line", [
                    ("x1", x), ("y1", SVGWriter.number(plot.bottom)), ("x2", x), ("y2", SVGWriter.number(plot.bottom + 4)),
                    ("stroke", Palette.axis), ("stroke-width", "1"),
                ])
            }
            for (line, text) in labels[index].enumerated() {
                svg.text("text", [
                    ("x", x), ("y", SVGWriter.number(plot.bottom + 4 + Self.tickSize + Double(line) * Self.tickLineHeight)),
                ], text)
            }
        }
        svg.close("g")
    }

    /// The x axis line along the bottom of the plot.
    func drawBaseline(_ svg: inout SVGWriter, plot: PlotArea) {
        let y = SVGWriter.number(plot.bottom)
        svg.element("line", [
            ("x1", SVGWriter.number(plot.left)), ("y1", y), ("x2", SVGWriter.number(plot.right)), ("y2", y),
            ("stroke", Palette.axis), ("stroke-width", "1"),
        ])
    }

    /// A horizontal zero line, darker than the grid, when zero lies inside the vertical axis: where
    /// the axis starts at zero the baseline already marks it.
    func drawZeroLine(_ svg: inout SVGWriter, plot: PlotArea, scale: LinearScale) {
        guard scale.domain.lowerBound < 0, scale.domain.upperBound > 0 else { return }
        let y = SVGWriter.number(scale(0))
        svg.element("line", [
            ("class", "zero"), ("x1", SVGWriter.number(plot.left)), ("y1", y), ("x2", SVGWriter.number(plot.right)), ("y2", y),
            ("stroke", Palette.axis), ("stroke-width", "1.25"),
        ])
    }

    /// A vertical zero line when zero lies inside a horizontal value axis.
    func drawVerticalZeroLine(_ svg: inout SVGWriter, plot: PlotArea, scale: LinearScale) {
        guard scale.domain.lowerBound < 0, scale.domain.upperBound > 0 else { return }
        let x = SVGWriter.number(scale(0))
        svg.element("line", [
            ("class", "zero"), ("x1", x), ("y1", SVGWriter.number(plot.top)), ("x2", x), ("y2", SVGWriter.number(plot.bottom)),
            ("stroke", Palette.axis), ("stroke-width", "1.25"),
        ])
    }

    /// Placeholder for charts with nothing drawable, so an empty result is visibly empty
    /// rather than looking like a rendering failure.
    func drawNoData(_ svg: inout SVGWriter, plot: PlotArea) {
        svg.text("text", [
            ("x", SVGWriter.number((plot.left + plot.right) / 2)), ("y", SVGWriter.number((plot.top + plot.bottom) / 2)),
            ("text-anchor", "middle"), ("dy", "0.35em"), ("font-size", "13"), ("fill", Palette.mutedText),
        ], "No data")
    }

    /// Widest of `labels` at tick size, for sizing the left margin.
    static func maxTickWidth(_ labels: [String]) -> Double {
        labels.map { TextMetrics.width($0, fontSize: tickSize) }.max() ?? 0
    }
}
