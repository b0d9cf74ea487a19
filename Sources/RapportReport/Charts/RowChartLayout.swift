/// What charts with one horizontal row per item (tornado, strip and share charts) share: the row
/// geometry, the item names left of the rows, and the finishing strokes.
extension ChartLayout {
    /// Rows of at most `maxRowHeight` in the plot's height from `top`, and the names shown left of
    /// them, cut with "…" past `nameShare` of the width: (row height, font size, names, plot left).
    func rows(_ labels: [String], top: Double, maxRowHeight: Double, nameShare: Double) -> (height: Double, fontSize: Double, names: [String], left: Double) {
        let plotHeight = max(frame.height - bottomInset(tickLines: 1) - top, 20)
        let rowHeight = labels.isEmpty ? plotHeight : min(plotHeight / Double(labels.count), maxRowHeight)
        let fontSize = min(Self.tickSize, max(rowHeight - 4, 7))
        let names = labels.map { TextMetrics.truncate($0, maxWidth: frame.width * nameShare, fontSize: fontSize) }
        let nameWidth = names.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0
        return (rowHeight, fontSize, names, Self.padding + yLabelBand + nameWidth + 8)
    }

    /// Each row's name, right-aligned against the plot's left edge, centred on its row.
    func drawRowNames(_ svg: inout SVGWriter, _ names: [String], plot: PlotArea, rowHeight: Double, fontSize: Double, className: String) {
        svg.open("g", [("class", className), ("font-size", SVGWriter.number(fontSize)), ("fill", Palette.text), ("text-anchor", "end")])
        for (row, name) in names.enumerated() {
            svg.text("text", [
                ("x", SVGWriter.number(plot.left - 8)),
                ("y", SVGWriter.number(plot.top + (Double(row) + 0.5) * rowHeight)), ("dy", "0.35em"),
            ], name)
        }
        svg.close("g")
    }

    /// The axis line, a no-data note when there are no rows, the axis labels, title and legend, and
    /// the closing tag: the chart's text.
    func finish(_ svg: inout SVGWriter, plot: PlotArea, empty: Bool) -> String {
        drawBaseline(&svg, plot: plot)
        if empty { drawNoData(&svg, plot: plot) }
        drawAxisLabels(&svg, plot: plot)
        drawHeader(&svg)
        end(&svg)
        return svg.finish()
    }
}
