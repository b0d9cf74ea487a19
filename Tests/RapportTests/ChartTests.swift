import Foundation
import Testing
import RapportReport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Sample charts shared by the golden-file and structural tests. The data are plausible
/// simulator outputs so the golden files double as a visual reference for the report.
private enum ChartSamples {
    static func barChart() -> BarChart {
        BarChart(
            frame: ChartFrame(title: "Clients seen within 14 days, by matching policy", xLabel: "Scenario", yLabel: "Share of clients (%)"),
            groups: [
                .init(label: "Baseline", bars: [
                    .init(series: "First available", value: 0.62, low: 0.58, high: 0.66),
                    .init(series: "Best fit", value: 0.48, low: 0.44, high: 0.53),
                    .init(series: "Hybrid", value: 0.57, low: 0.53, high: 0.61),
                ]),
                .init(label: "Demand +20%", bars: [
                    .init(series: "First available", value: 0.41, low: 0.37, high: 0.45),
                    .init(series: "Best fit", value: 0.29, low: 0.25, high: 0.34),
                    .init(series: "Hybrid", value: 0.37, low: 0.33, high: 0.41),
                ]),
                .init(label: "Therapist quota lifted to 30 clients", bars: [
                    .init(series: "First available", value: 0.78, low: 0.75, high: 0.81),
                    .init(series: "Hybrid", value: 0.74, low: 0.70, high: 0.78),
                ]),
                .init(label: "Weekend intake", bars: [
                    .init(series: "First available", value: 0.66),
                    .init(series: "Best fit", value: 0.51),
                    .init(series: "Hybrid", value: 0.6),
                ]),
            ],
            valueFormat: .percent(0))
    }

    static func singleSeriesBarChart() -> BarChart {
        BarChart(
            frame: ChartFrame(title: "Mean sessions per client", xLabel: "Platform", yLabel: "Sessions", width: 480, height: 280),
            groups: [
                .init(label: "A", bars: [.init(series: "Mean", value: 7.4, low: 6.9, high: 7.9)]),
                .init(label: "B", bars: [.init(series: "Mean", value: 9.15, low: 8.6, high: 9.7)]),
                .init(label: "C", bars: [.init(series: "Mean", value: 5.8, low: 5.1, high: 6.5)]),
            ],
            valueFormat: .decimal(1))
    }

    static func lineChart() -> LineChart {
        let weeks = (0...26).map(Double.init)
        // Rational rather than exponential curves: libm's exp may differ in the last bit
        // between platforms, and golden files must not.
        func curve(_ level: Double, _ rate: Double) -> [Double] { weeks.map { level * $0 / ($0 + rate) + 2 } }
        let a = curve(18, 6), b = curve(12, 4)
        return LineChart(
            frame: ChartFrame(title: "Waiting list over the first six months", xLabel: "Week", yLabel: "Clients waiting"),
            series: [
                .init(name: "First available", x: weeks, y: a, low: a.map { $0 * 0.85 }, high: a.map { $0 * 1.15 }),
                .init(name: "Best fit", x: weeks, y: b, low: b.map { $0 * 0.9 }, high: b.map { $0 * 1.1 }),
            ],
            referenceLine: (label: "Capacity alarm (15 waiting)", y: 15))
    }

    static func cdfChart() -> LineChart {
        let days = [0.0, 1, 2, 3, 5, 7, 10, 14, 21, 28, 35, 42]
        return LineChart(
            frame: ChartFrame(title: "Time to first session (empirical CDF)", xLabel: "Days since referral", yLabel: "Share of clients seen"),
            series: [
                .init(name: "Baseline", x: days, y: [0, 0.05, 0.12, 0.2, 0.34, 0.47, 0.6, 0.72, 0.85, 0.93, 0.97, 1], step: true),
                .init(name: "Weekend intake", x: days, y: [0, 0.09, 0.2, 0.3, 0.45, 0.58, 0.7, 0.81, 0.9, 0.96, 0.99, 1], step: true),
            ],
            yRange: 0...1,
            referenceLine: (label: "Median", y: 0.5),
            valueFormat: .percent(0))
    }

    static func histogram() -> HistogramChart {
        HistogramChart(
            frame: ChartFrame(title: "Wellbeing change at discharge", xLabel: "Change in WEMWBS score (points)", yLabel: "Share of clients (%)"),
            edges: [-12, -8, -4, 0, 4, 8, 12, 16, 20],
            series: [
                .init(name: "Matched on specialty", values: [0.02, 0.05, 0.12, 0.21, 0.27, 0.19, 0.1, 0.04]),
                .init(name: "Random match", values: [0.04, 0.09, 0.17, 0.25, 0.23, 0.14, 0.06, 0.02]),
            ],
            valueFormat: .percent(0))
    }

    static func tornado() -> TornadoChart {
        TornadoChart(
            frame: ChartFrame(title: "Sensitivity of mean wait to ±20% parameter changes", xLabel: "Mean wait (days)", yLabel: ""),
            baseline: 11.4,
            entries: [
                .init(parameter: "Session length", low: 10.9, high: 12.1),
                .init(parameter: "Referral rate", low: 7.2, high: 17.8),
                .init(parameter: "Therapists on shift", low: 15.6, high: 8.9),
                .init(parameter: "No-show probability", low: 11.0, high: 11.9),
                .init(parameter: "Client dropout rate after the first three sessions", low: 12.3, high: 10.8),
                .init(parameter: "Matching threshold", low: 11.6, high: 12.4),
            ],
            lowLabel: "Parameter −20%", highLabel: "Parameter +20%",
            valueFormat: .decimal(1))
    }

    /// Inputs that have broken chart code before: nothing, one point, flat data, NaN and
    /// infinities, mismatched lengths, a tiny frame.
    static func degenerate() -> [(name: String, svg: String)] {
        let nan = Double.nan, inf = Double.infinity
        let frame = ChartFrame(title: "Degenerate", xLabel: "x", yLabel: "y")
        let tiny = ChartFrame(title: "A title far too long for the tiny frame it has been given to live in", xLabel: "x (units)", yLabel: "y (units)", width: 10, height: -5)
        return [
            ("bar-empty", BarChart(frame: frame, groups: []).svg()),
            ("bar-no-bars", BarChart(frame: frame, groups: [.init(label: "g", bars: [])]).svg()),
            ("bar-nan", BarChart(frame: frame, groups: [.init(label: "g", bars: [
                .init(series: "a", value: nan, low: 1, high: 2), .init(series: "b", value: inf),
                .init(series: "c", value: 3, low: nan, high: 4), .init(series: "d", value: -2, low: -inf, high: 0),
            ])]).svg()),
            ("bar-zero", BarChart(frame: frame, groups: [.init(label: "g", bars: [.init(series: "a", value: 0)])]).svg()),
            ("bar-tiny", BarChart(frame: tiny, groups: [.init(label: "g", bars: [.init(series: "a", value: 1)])]).svg()),
            ("line-empty", LineChart(frame: frame, series: []).svg()),
            ("line-empty-series", LineChart(frame: frame, series: [.init(name: "a", x: [], y: [])]).svg()),
            ("line-single", LineChart(frame: frame, series: [.init(name: "a", x: [3], y: [4])]).svg()),
            ("line-flat", LineChart(frame: frame, series: [.init(name: "a", x: [1, 1, 1], y: [5, 5, 5], step: true)]).svg()),
            ("line-nan", LineChart(frame: frame, series: [
                .init(name: "a", x: [0, 1, nan, 3, 4, inf], y: [1, nan, 2, 3, -inf, 4], low: [0, 0, 0], high: [2, nan]),
                .init(name: "b", x: [0, 1, 2], y: [nan, nan, nan]),
            ], yRange: -inf...inf, referenceLine: (label: "ref", y: nan)).svg()),
            ("line-mismatch", LineChart(frame: frame, series: [.init(name: "a", x: [0, 1, 2, 3], y: [1, 2], low: [0], high: [3, 4, 5, 6, 7])]).svg()),
            ("line-zero-range", LineChart(frame: frame, series: [.init(name: "a", x: [0, 1], y: [1, 2])], yRange: 2...2).svg()),
            ("hist-empty", HistogramChart(frame: frame, edges: [], series: []).svg()),
            ("hist-one-edge", HistogramChart(frame: frame, edges: [1], series: [.init(name: "a", values: [1])]).svg()),
            ("hist-nan", HistogramChart(frame: frame, edges: [0, nan, 2, 3, inf, 5, 4], series: [
                .init(name: "a", values: [1, 2, nan, 4, 5, 6]), .init(name: "b", values: [inf]),
            ]).svg()),
            ("hist-flat", HistogramChart(frame: frame, edges: [0, 1, 2], series: [.init(name: "a", values: [0, 0])]).svg()),
            ("tornado-empty", TornadoChart(frame: frame, baseline: 1, entries: []).svg()),
            ("tornado-nan", TornadoChart(frame: frame, baseline: nan, entries: [
                .init(parameter: "p", low: nan, high: 2), .init(parameter: "q", low: nan, high: -inf),
            ]).svg()),
            ("tornado-flat", TornadoChart(frame: frame, baseline: 5, entries: [.init(parameter: "p", low: 5, high: 5)]).svg()),
            ("tornado-many", TornadoChart(frame: frame, baseline: 0, entries: (0..<60).map {
                .init(parameter: "parameter \($0)", low: -Double($0), high: Double($0) / 2)
            }).svg()),
        ]
    }
}

extension ChartSamples {
    /// More data than the frame comfortably holds: long legends, many groups, bins and
    /// parameters, large numbers. These exercise wrapping, thinning and truncation.
    static func crowded() -> [(name: String, svg: String)] {
        let frame = ChartFrame(title: "Crowded chart with a title long enough that it has to wrap onto a second line somewhere", xLabel: "Replication batch (index)", yLabel: "Clients (count)")
        let names = (0..<30).map { "Platform variant number \($0)" }
        let manySeries = (0..<10).map { index in
            LineChart.Series(name: "Series \(index)", x: (0..<50).map { Double($0) * 1000 }, y: (0..<50).map { Double($0 * (index + 1)) * 250 + 12_000 })
        }
        return [
            ("bar-crowded", BarChart(frame: frame, groups: (0..<12).map { group in
                .init(label: "Scenario with a long name \(group)", bars: names.prefix(5).enumerated().map {
                    .init(series: $1, value: Double(group * 1000 + $0 * 370), low: Double(group * 1000), high: Double(group * 1100 + $0 * 400))
                })
            }, valueFormat: .decimal(0)).svg()),
            ("bar-legend-overflow", BarChart(frame: frame, groups: [.init(label: "All", bars: names.map { .init(series: $0, value: 1) })]).svg()),
            ("line-many", LineChart(frame: frame, series: manySeries).svg()),
            ("hist-many-bins", HistogramChart(frame: frame, edges: (0...40).map { Double($0) * 0.5 }, series: [
                .init(name: "a", values: (0..<40).map { Double(($0 * 37) % 23) }),
            ]).svg()),
            ("hist-uneven", HistogramChart(frame: frame, edges: [0, 1, 3, 7, 14, 28, 56], series: [
                .init(name: "waits", values: [5, 9, 14, 20, 11, 3]),
            ]).svg()),
            ("tornado-crowded", TornadoChart(frame: frame, baseline: 120_000, entries: (0..<40).map {
                .init(parameter: "A fairly long parameter name \($0)", low: 120_000 - Double($0 * 917), high: 120_000 + Double($0 * 1_311))
            }).svg()),
        ]
    }
}

/// Collects element names and text so tests can check structure, not just well-formedness.
private final class SVGInspector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var text = ""
    var attributes: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if elements.isEmpty { attributes = attributeDict }
        elements.append(elementName)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    /// Parses `svg`; nil when it is not well-formed XML.
    static func inspect(_ svg: String) -> SVGInspector? {
        let parser = XMLParser(data: Data(svg.utf8))
        let inspector = SVGInspector()
        parser.delegate = inspector
        return parser.parse() ? inspector : nil
    }
}

@Suite("SVG charts")
struct ChartTests {
    // MARK: Golden files

    /// Compares `svg` with the stored golden file, or rewrites it when RAPPORT_UPDATE_GOLDEN=1.
    /// On a mismatch the new output is written next to the system temp dir for diffing.
    private func checkGolden(_ svg: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/charts/\(name).svg")
        if ProcessInfo.processInfo.environment["RAPPORT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(svg.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("Missing golden file \(url.path); run with RAPPORT_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != svg {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-golden-\(name).svg")
            try? Data(svg.utf8).write(to: actual)
            Issue.record("\(name).svg differs from golden file; actual output written to \(actual.path)", sourceLocation: sourceLocation)
        }
    }

    @Test("Bar chart matches golden file")
    func barGolden() throws {
        try checkGolden(ChartSamples.barChart().svg(), "bar")
        try checkGolden(ChartSamples.singleSeriesBarChart().svg(), "bar-single")
    }

    @Test("Line chart with bands and reference line matches golden file")
    func lineGolden() throws {
        try checkGolden(ChartSamples.lineChart().svg(), "line")
    }

    @Test("Step CDF matches golden file")
    func cdfGolden() throws {
        try checkGolden(ChartSamples.cdfChart().svg(), "cdf")
    }

    @Test("Histogram matches golden file")
    func histogramGolden() throws {
        try checkGolden(ChartSamples.histogram().svg(), "histogram")
    }

    @Test("Tornado chart matches golden file")
    func tornadoGolden() throws {
        try checkGolden(ChartSamples.tornado().svg(), "tornado")
    }

    // MARK: Structure

    private static func samples() -> [(name: String, svg: String)] {
        [
            ("bar", ChartSamples.barChart().svg()), ("bar-single", ChartSamples.singleSeriesBarChart().svg()),
            ("line", ChartSamples.lineChart().svg()), ("cdf", ChartSamples.cdfChart().svg()),
            ("histogram", ChartSamples.histogram().svg()), ("tornado", ChartSamples.tornado().svg()),
        ] + ChartSamples.degenerate() + ChartSamples.crowded()
    }

    @Test("Every chart, including degenerate input, is well-formed XML with an accessible name")
    func wellFormed() {
        for sample in Self.samples() {
            guard let inspector = SVGInspector.inspect(sample.svg) else {
                Issue.record("\(sample.name) is not well-formed XML")
                continue
            }
            #expect(inspector.elements.first == "svg", "\(sample.name)")
            #expect(inspector.elements.contains("title"), "\(sample.name)")
            #expect(inspector.attributes["role"] == "img", "\(sample.name)")
            #expect(!(inspector.attributes["aria-label"] ?? "").isEmpty, "\(sample.name)")
            #expect(inspector.elements.contains("text"), "\(sample.name)")
        }
    }

    @Test("Output is deterministic")
    func deterministic() {
        let first = Self.samples()
        let second = Self.samples()
        for (a, b) in zip(first, second) {
            #expect(a.svg == b.svg, "\(a.name)")
        }
    }

    @Test("Non-finite input never leaks nan or inf into the output")
    func noNaN() {
        for sample in ChartSamples.degenerate() {
            let lowered = sample.svg.lowercased()
            #expect(!lowered.contains("nan"), "\(sample.name)")
            #expect(!lowered.contains("inf"), "\(sample.name)")
        }
    }

    @Test("Degenerate charts say so instead of drawing nothing")
    func noDataPlaceholder() {
        let frame = ChartFrame(title: "Empty", xLabel: "x", yLabel: "y")
        #expect(BarChart(frame: frame, groups: []).svg().contains(">No data<"))
        #expect(LineChart(frame: frame, series: []).svg().contains(">No data<"))
        #expect(HistogramChart(frame: frame, edges: [0, 1], series: []).svg().contains(">No data<"))
        #expect(TornadoChart(frame: frame, baseline: 0, entries: []).svg().contains(">No data<"))
        #expect(!ChartSamples.barChart().svg().contains(">No data<"))
    }

    @Test("A single point is drawn as a marker")
    func singlePoint() {
        let svg = LineChart(frame: ChartFrame(title: "One", xLabel: "x", yLabel: "y"), series: [.init(name: "a", x: [2], y: [3])]).svg()
        #expect(svg.contains("<circle"))
    }

    @Test("Text is escaped everywhere it appears")
    func escaping() throws {
        let nasty = "Wait <days> & \"quoted\" 'x'"
        let frame = ChartFrame(title: nasty, xLabel: "a & b", yLabel: "<y>")
        let charts = [
            BarChart(frame: frame, groups: [.init(label: "<g>", bars: [.init(series: "s&1", value: 1), .init(series: "s\"2", value: 2)])]).svg(),
            LineChart(frame: frame, series: [.init(name: "<a>", x: [0, 1], y: [0, 1]), .init(name: "b'", x: [0, 1], y: [1, 0])],
                      referenceLine: (label: "</text><script>", y: 0.5)).svg(),
            HistogramChart(frame: frame, edges: [0, 1], series: [.init(name: "&amp;", values: [1]), .init(name: "x", values: [2])]).svg(),
            TornadoChart(frame: frame, baseline: 0, entries: [.init(parameter: "<p>", low: -1, high: 1)], lowLabel: "<low>", highLabel: "\u{1}ctl").svg(),
        ]
        for svg in charts {
            #expect(svg.contains("Wait &lt;days&gt; &amp; &quot;quoted&quot; &#39;x&#39;"))
            #expect(!svg.contains("<days>"))
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("<g>") && !svg.contains("<p>") && !svg.contains("<a>") && !svg.contains("<y>"))
            let inspector = try #require(SVGInspector.inspect(svg))
            #expect(inspector.text.contains(nasty)) // round-trips through a real parser
        }
        #expect(charts[2].contains("&amp;amp;"))
    }

    @Test("No external references: fonts, links, scripts or images")
    func selfContained() {
        for sample in Self.samples() {
            for forbidden in ["href", "url(", "<script", "<image", "@import", "@font-face", "<foreignObject", "<style"] {
                #expect(!sample.svg.contains(forbidden), "\(sample.name) contains \(forbidden)")
            }
            // The only URI is the SVG namespace name, which is never fetched.
            #expect(sample.svg.components(separatedBy: "http").count == 2, "\(sample.name)")
        }
    }

    @Test("Legend appears only with more than one series")
    func legend() {
        #expect(ChartSamples.barChart().svg().contains("class=\"legend\""))
        #expect(!ChartSamples.singleSeriesBarChart().svg().contains("class=\"legend\""))
        #expect(ChartSamples.lineChart().svg().contains("class=\"legend\""))
        let one = LineChart(frame: ChartFrame(title: "t", xLabel: "x", yLabel: "y"), series: [.init(name: "only", x: [0, 1], y: [0, 1])]).svg()
        #expect(!one.contains("class=\"legend\""))
        #expect(ChartSamples.tornado().svg().contains("class=\"legend\""))
    }

    @Test("Titles, axis labels and tick labels are visible text")
    func labels() throws {
        let svg = ChartSamples.cdfChart().svg()
        let inspector = try #require(SVGInspector.inspect(svg))
        #expect(inspector.text.contains("Time to first session (empirical CDF)"))
        #expect(inspector.text.contains("Days since referral"))
        #expect(inspector.text.contains("Share of clients seen"))
        #expect(svg.contains(">100%<") && svg.contains(">0%<"))
        #expect(svg.contains(">40<"))
    }

    @Test("Tornado rows are sorted by swing, largest first")
    func tornadoOrder() throws {
        let svg = ChartSamples.tornado().svg()
        let order = ["Referral rate", "Therapists on shift", "Client dropout rate", "Session length", "No-show probability", "Matching threshold"]
        let positions = try order.map { name in try #require(svg.range(of: ">\(name)")).lowerBound }
        #expect(positions == positions.sorted())
    }

    // MARK: Axis and number formatting

    @Test("Nice ticks for common ranges")
    func niceTicks() {
        #expect(NiceTicks(lower: 0, upper: 1).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceTicks(lower: 0, upper: 1).step == 0.2)
        #expect(NiceTicks(lower: 0, upper: 100).values == [0, 20, 40, 60, 80, 100])
        #expect(NiceTicks(lower: 3, upper: 97).values == [0, 20, 40, 60, 80, 100])
        #expect(NiceTicks(lower: 0, upper: 0.37).values == [0, 0.1, 0.2, 0.3, 0.4])
        #expect(NiceTicks(lower: -7, upper: 12).values == [-10, -5, 0, 5, 10, 15])
        #expect(NiceTicks(lower: 0, upper: 10, targetCount: 4).values == [0, 2.5, 5, 7.5, 10])
        #expect(NiceTicks(lower: 1200, upper: 48_000).values == [0, 10_000, 20_000, 30_000, 40_000, 50_000])
        #expect(NiceTicks(lower: 0.001, upper: 0.0042).values == [0.001, 0.002, 0.003, 0.004, 0.005])
    }

    @Test("Ticks inside a fixed range are not extended")
    func fixedRangeTicks() {
        #expect(NiceTicks(lower: 0, upper: 1, extend: false).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceTicks(lower: 0.05, upper: 0.95, extend: false).values == [0.2, 0.4, 0.6, 0.8])
    }

    @Test("Degenerate tick ranges still give a usable axis")
    func degenerateTicks() {
        #expect(NiceTicks(lower: 0, upper: 0).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        let flat = NiceTicks(lower: 5, upper: 5)
        #expect(flat.lower < 5 && flat.upper > 5)
        #expect(NiceTicks(lower: .nan, upper: .nan).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceTicks(lower: -.infinity, upper: .infinity).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceTicks(lower: 10, upper: 0).values == [0, 2, 4, 6, 8, 10])
        #expect(NiceTicks(lower: -3, upper: -3).values.allSatisfy { $0.isFinite })
    }

    @Test("Unusable frame sizes are corrected, at init and on assignment")
    func frameSizes() {
        var frame = ChartFrame(title: "t", xLabel: "x", yLabel: "y", width: 10, height: .nan)
        #expect(frame.width == 160)
        #expect(frame.height == 320)
        frame.width = -.infinity
        frame.height = 50
        #expect(frame.width == 640)
        #expect(frame.height == 120)
        frame.width = 800
        #expect(frame.width == 800)
    }

    @Test("Linear scale maps, inverts for y, and survives an empty domain")
    func linearScale() {
        let y = LinearScale(domain: 0...10, from: 300, to: 100)
        #expect(y(0) == 300)
        #expect(y(10) == 100)
        #expect(y(5) == 200)
        #expect(y.clamped(20) == 100)
        #expect(LinearScale(domain: 3...3, from: 0, to: 100)(3) == 50)
    }

    @Test("Value formats are locale-independent and round half away from zero")
    func valueFormats() {
        #expect(ValueFormat.decimal(2).format(3.14159) == "3.14")
        #expect(ValueFormat.decimal(1).format(0.25) == "0.3")
        #expect(ValueFormat.decimal(0).format(12_345.6) == "12,346")
        #expect(ValueFormat.decimal(0).format(2_500) == "2500")
        #expect(ValueFormat.decimal(2).format(-1.5) == "\u{2212}1.50")
        #expect(ValueFormat.decimal(2).format(-0.001) == "0.00") // no "−0.00"
        #expect(ValueFormat.percent(1).format(0.1234) == "12.3%")
        #expect(ValueFormat.percent(0).format(1) == "100%")
        #expect(ValueFormat.decimal(2).format(.nan) == "–")
        #expect(ValueFormat.percent(0).format(.infinity) == "–")
    }
}
