import Foundation
import Testing
import RapportExperiment
import RapportReport

@Suite("Frontier chart")
struct FrontierChartTests {
    static let points = [
        FrontierChart.Point(name: "thresholds", x: 0.01, y: 86_000, xInterval: 0.002...0.018, yInterval: 84_000...88_000),
        FrontierChart.Point(name: "quota 6", x: 0.003, y: 96_000, xInterval: 0.001...0.006, yInterval: 94_500...97_500),
        FrontierChart.Point(name: "quota 8", x: 0.032, y: 96_100, xInterval: 0.027...0.037, yInterval: 94_000...97_600),
    ]

    @Test("Each policy is a labelled point with its interval on both axes")
    func pointsAndWhiskers() {
        let svg = FrontierChart(frame: ChartFrame(title: "Sessions against burnout", xLabel: "burnout", yLabel: "sessions"),
                                points: Self.points, xFormat: .percent(0), yFormat: .decimal(0)).svg()
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        // Two whiskers a point.
        let pointsGroup = svg.components(separatedBy: "class=\"points\"")[1].components(separatedBy: "</g>")[0]
        #expect(pointsGroup.components(separatedBy: "<line").count - 1 == 6)
        for name in ["thresholds", "quota 6", "quota 8"] { #expect(svg.contains(">\(name)</text>")) }
        #expect(svg.contains("aria-label") || svg.contains("<title>"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test("Non-finite values are left out, and names close together do not print over each other")
    func robust() {
        var points = Self.points
        points.append(.init(name: "broken", x: .nan, y: 1))
        points.append(.init(name: "quota 8 again", x: 0.032, y: 96_100))
        let svg = FrontierChart(frame: ChartFrame(title: "t", xLabel: "x", yLabel: "y"), points: points).svg()
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 4)
        let pointsGroup = svg.components(separatedBy: "class=\"points\"")[1].components(separatedBy: "</g>")[0]
        let ys = pointsGroup.components(separatedBy: "\n").filter { $0.contains(">quota 8") }.compactMap { line -> Double? in
            guard let range = line.range(of: "y=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        #expect(ys.count == 2 && abs(ys[0] - ys[1]) >= 12)
    }

    @Test("A comparison of three or more policies gets both frontiers in the HTML report")
    func inTheReport() throws {
        let result = Experiment(scenario: try Fixtures.scenario(text: Fixtures.smallPlatform(extra: """
            variants:
              - name: thresholds
              - name: quota-5
                policy: {quota: {fixed-quota: 5}}
              - name: quota-7
                policy: {quota: {fixed-quota: 7}}
            """)), replications: 2).run()
        let html = HTMLReport.render(result)
        #expect(html.contains("Sessions delivered against burnout risk"))
        #expect(html.contains("Median wait against burnout risk"))
        // Table rows carry the registry's definition as a tooltip.
        #expect(html.contains("title=\"Therapist working days spent at high emotional exhaustion"))
    }
}
