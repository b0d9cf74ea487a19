import Foundation
import Testing
import RapportExperiment
import RapportReport

/// The rules every report chart keeps: an axis inside the quantity's valid range (the registry's
/// `feasibleRange`), a visible zero line where zero is inside the axis, and waits in days.
@Suite("Chart rules")
struct ChartRulesTests {
    /// The numbers of a chart's value-axis tick labels ("110%" → 110).
    static func ticks(_ svg: String, axis: String = "y-axis") -> [Double] {
        guard let start = svg.range(of: "<g class=\"\(axis)\""), let end = svg.range(of: "</g>", range: start.upperBound..<svg.endIndex) else { return [] }
        let group = svg[start.upperBound..<end.lowerBound]
        return group.components(separatedBy: "</text>").compactMap { piece in
            guard let open = piece.lastIndex(of: ">") else { return nil }
            let label = piece[piece.index(after: open)...].replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "%", with: "")
                .replacingOccurrences(of: ",", with: "")
            return Double(label)
        }
    }

    @Test("a share near 100% keeps its axis at or under 100%, and a count's band never pulls the axis below zero")
    func axesInsideValidRange() throws {
        let share = BarChart(frame: ChartFrame(title: "Completed", xLabel: "metric", yLabel: "share"),
                             groups: [.init(label: "completed share", bars: [.init(series: "a", value: 0.97, low: 0.95, high: 0.99),
                                                                              .init(series: "b", value: 0.93, low: 0.90, high: 0.96)])],
                             valueFormat: .percent(0), valueBounds: 0...1).svg()
        let shareTicks = Self.ticks(share)
        #expect(!shareTicks.isEmpty && shareTicks.allSatisfy { $0 >= 0 && $0 <= 100 }, "\(shareTicks)")
        let waitlist = LineChart(frame: ChartFrame(title: "Waitlist", xLabel: "week", yLabel: "clients waiting"),
                                 series: [.init(name: "a", x: [1, 2, 3], y: [2, 1, 3], low: [-4, -5, -2], high: [8, 7, 8])],
                                 valueBounds: 0...Double.infinity).svg()
        let waitTicks = Self.ticks(waitlist)
        #expect(!waitTicks.isEmpty && waitTicks.allSatisfy { $0 >= 0 }, "\(waitTicks)")
    }

    @Test("the report's share charts stay within 0–100% even when a share's interval touches 100%")
    func reportAxes() throws {
        func s(_ v: [Double]) -> Summary { Summary(values: v) }
        let variants = ["a", "b"].map { name in
            VariantResult(name: name, metrics: ["completed_share": s([0.97, 0.99, 0.985]), "dropout_share": s([0.01, 0.02, 0.015]),
                                                "abandoned_share": s([0.002, 0.0, 0.001]), "wait_days_p50": s([1, 2, 1.5])],
                          series: [:], distributions: ["wait_cdf": DistributionSummary(edges: [0, 7, 14, 42], values: [0.2, 0.6, 0.8, 1])],
                          warnings: [], events: 1)
        }
        let result = RunResult(scenario: "axes", file: "x.yaml", seed: 1, replications: 3, warmupNote: "", variants: variants,
                               comparisons: ResultSummariser.compare(variants), assumptions: [])
        let html = HTMLReport.render(result)
        var charts = html.components(separatedBy: "<svg").dropFirst().map { "<svg" + $0 }
        charts = charts.filter { $0.contains("Client outcomes per variant") }
        let chart = try #require(charts.first)
        let ticks = Self.ticks(chart)
        #expect(!ticks.isEmpty && ticks.allSatisfy { $0 >= 0 && $0 <= 100 }, "\(ticks)")
        // Waits are in days everywhere, the cumulative wait chart included.
        #expect(html.contains("days waited") && !html.contains("weeks waited"))
    }

    @Test("a zero line shows wherever zero is inside the axis, and only there")
    func zeroLine() throws {
        let across = LineChart(frame: ChartFrame(title: "PHQ-9 change", xLabel: "week", yLabel: "points"),
                               series: [.init(name: "a", x: [1, 2, 3], y: [-2, 1, 3])]).svg()
        #expect(across.contains("class=\"zero\""))
        let positive = LineChart(frame: ChartFrame(title: "Waitlist", xLabel: "week", yLabel: "clients"),
                                 series: [.init(name: "a", x: [1, 2, 3], y: [2, 1, 3])], valueBounds: 0...Double.infinity).svg()
        #expect(!positive.contains("class=\"zero\""), "an axis starting at zero has its baseline there already")
        let frontier = FrontierChart(frame: ChartFrame(title: "Change against change", xLabel: "x", yLabel: "y"),
                                     points: [.init(name: "a", x: -1, y: -2), .init(name: "b", x: 2, y: 3), .init(name: "c", x: 1, y: 1)]).svg()
        #expect(frontier.components(separatedBy: "class=\"zero\"").count == 3, "both axes cross zero")
    }

    @Test("NiceTicks.within rounds outwards only while the ends stay valid")
    func niceTicksWithin() {
        let (ticks, domain) = NiceTicks.within(0...1, lower: 0.02, upper: 0.99, targetCount: 5)
        #expect(domain.lowerBound >= 0 && domain.upperBound <= 1)
        #expect(ticks.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        let (free, _) = NiceTicks.within(nil, lower: -3, upper: 7, targetCount: 5)
        #expect(free.lower <= -3 && free.upper >= 7)
    }
}
