import RapportExperiment
import RapportModel

/// The report's charts, built from a result with the chart module.
enum ReportCharts {
    static func all(_ result: RunResult) -> [String] {
        var charts: [String] = []
        charts.append(contentsOf: headlineBars(result))
        charts.append(contentsOf: frontiers(result))
        charts.append(contentsOf: outcomeCharts(result))
        if let cdf = waitCDF(result) { charts.append(cdf) }
        charts.append(contentsOf: wellbeingSeries(result))
        if let waitlist = seriesChart(result, series: "waitlist", title: "Waitlist over time", yLabel: "clients waiting") { charts.append(waitlist) }
        if let h = histogram(result, name: "sessions_per_therapist_day", title: "Sessions per therapist working day", xLabel: "sessions given in a day (bar k: k sessions)", shiftEdges: 0.5) { charts.append(h) }
        if let h = histogram(result, name: "match_quality", title: "Match quality of matches made", xLabel: "match quality q (0–1)") { charts.append(h) }
        if let h = histogram(result, name: "therapist_return_rate", title: "Therapists by return rate after a first session", xLabel: "share of a therapist's clients returning (therapists with 5 or more first sessions)") { charts.append(h) }
        if let h = histogram(result, name: "therapist_recovery_rate", title: "Therapists by recovery rate", xLabel: "share of a therapist's finished cases recovered (therapists with 5 or more)") { charts.append(h) }
        if let t = tornado(result) { charts.append(t) }
        return charts
    }

    /// Bars with interval whiskers for the headline metrics: one chart per quantity, so a chart
    /// never mixes units. Client shares share an axis (each bar's denominator is in its
    /// definition); therapist shares get one chart per denominator; waits are in days.
    static func headlineBars(_ result: RunResult) -> [String] {
        var groups: [(title: String, unit: String, metrics: [String], format: ValueFormat)] = [
            ("Client outcomes per variant", "share of referrals or clients (0–100%)", ["abandoned_share", "dropout_share", "completed_share", "well_matched_share"], .percent(0)),
            ("Clinical outcomes per variant", "share of finished courses (recovery: of those that were cases)",
             ["recovery_rate", "reliable_improvement_rate", "reliable_recovery_rate", "reliable_deterioration_rate"], .percent(0)),
        ]
        for metric in ["burnout_risk_share", "ever_burned_out_share"] {
            let over = MetricRegistry.definition(metric)?.over ?? "therapists"
            groups.append(("\(MetricRegistry.definition(metric)?.words.capitalizedFirst ?? metric) per variant", "share of \(over) (0–100%)", [metric], .percent(0)))
        }
        groups.append(("Waits per variant", "days", ["wait_days_mean", "wait_days_p50", "wait_days_p90"], .decimal(1)))
        var charts: [String] = []
        for g in groups {
            let present = g.metrics.filter { m in result.variants.contains { $0.metrics[m]?.mean.isFinite == true } }
            guard !present.isEmpty else { continue }
            let bars = present.map { metric in
                BarChart.Group(label: metric.replacingOccurrences(of: "_", with: " "), bars: result.variants.map { v in
                    let s = v.metrics[metric]
                    return BarChart.Bar(series: v.name, value: s?.mean ?? .nan, low: s?.ciLow, high: s?.ciHigh)
                })
            }
            charts.append(BarChart(frame: ChartFrame(title: g.title, xLabel: "metric", yLabel: g.unit), groups: bars, valueFormat: g.format,
                                   valueBounds: MetricText.feasibleRange(present[0])).svg())
        }
        return charts
    }

    /// The trade-off frontier: with three or more policies, sessions delivered and the median wait
    /// each against burnout risk, every policy a point with its 95% intervals.
    static func frontiers(_ result: RunResult) -> [String] {
        guard result.variants.count >= 3 else { return [] }
        let x = "burnout_risk_share"
        return [("sessions_delivered", "Sessions delivered against burnout risk"), ("wait_days_p50", "Median wait against burnout risk")]
            .compactMap { y, title in
                let points = result.variants.compactMap { v -> FrontierChart.Point? in
                    guard let sx = v.metrics[x], let sy = v.metrics[y], sx.mean.isFinite, sy.mean.isFinite else { return nil }
                    return FrontierChart.Point(name: v.name, x: sx.mean, y: sy.mean, xInterval: interval(sx), yInterval: interval(sy))
                }
                guard points.count >= 3 else { return nil }
                return FrontierChart(frame: ChartFrame(title: title + " (95% intervals)", xLabel: MetricText.axisLabel(x), yLabel: MetricText.axisLabel(y), height: 360),
                                     points: points, xFormat: MetricText.format(x), yFormat: MetricText.format(y),
                                     xBounds: MetricText.feasibleRange(x), yBounds: MetricText.feasibleRange(y)).svg()
            }
    }

    private static func interval(_ s: Summary) -> ClosedRange<Double>? {
        guard let low = s.ciLow, let high = s.ciHigh, low.isFinite, high.isFinite, low <= high else { return nil }
        return low...high
    }

    /// PHQ-9 by session number for completers and for those who dropped out (the first three
    /// variants, to stay legible), and each variant's observed return rate by the therapists' true
    /// effect: how much skill a return-rate ranking sees.
    static func outcomeCharts(_ result: RunResult) -> [String] {
        var charts: [String] = []
        var lines: [LineChart.Series] = []
        for v in result.variants.prefix(3) {
            for (name, words) in [("phq9_by_session_completers", "completed"), ("phq9_by_session_dropouts", "dropped out")] {
                guard let d = v.distributions[name], !d.values.isEmpty else { continue }
                lines.append(LineChart.Series(name: "\(v.name): \(words)", x: d.edges, y: d.values))
            }
        }
        if !lines.isEmpty {
            charts.append(LineChart(frame: ChartFrame(title: "PHQ-9 by session, finished courses", xLabel: "attended session",
                                                      yLabel: "mean PHQ-9 (0–27; 10 and above is a case)"),
                                    series: lines, yRange: 0...27, referenceLine: ("caseness", 10), valueFormat: .decimal(0)).svg())
        }
        let signal = result.variants.compactMap { v -> LineChart.Series? in
            guard let d = v.distributions["return_rate_by_effect_quintile"], d.values.contains(where: \.isFinite) else { return nil }
            return LineChart.Series(name: v.name, x: d.edges, y: d.values)
        }
        if !signal.isEmpty {
            charts.append(LineChart(frame: ChartFrame(title: "Observed return rate by therapists' true effect",
                                                      xLabel: "true effect on outcomes, quintile (1 lowest, 5 highest)",
                                                      yLabel: "share of clients returning after a first session"),
                                    series: signal, valueFormat: .percent(0)).svg())
        }
        return charts
    }

    static func waitCDF(_ result: RunResult) -> String? {
        let series = result.variants.compactMap { v -> LineChart.Series? in
            guard let d = v.distributions["wait_cdf"], !d.values.isEmpty else { return nil }
            return LineChart.Series(name: v.name, x: d.edges, y: d.values, low: nil, high: nil, step: true)
        }
        guard !series.isEmpty else { return nil }
        // Days, as every wait in the report; the 6-week mark is day 42.
        return LineChart(frame: ChartFrame(title: "Wait to first session (cumulative)", xLabel: "days waited", yLabel: "share of clients seen"),
                         series: series, yRange: 0...1, referenceLine: ("6 weeks", 0.75)).svg()
    }

    static func wellbeingSeries(_ result: RunResult) -> [String] {
        [seriesChart(result, series: "exhaustion_mean", title: "Mean exhaustion over time", yLabel: "exhaustion score E (0–54)"),
         seriesChart(result, series: "burned_out_share", title: "Share of therapists burned out (E ≥ 27)", yLabel: "share of therapists", yRange: 0...1)]
            .compactMap { $0 }
    }

    static func seriesChart(_ result: RunResult, series name: String, title: String, yLabel: String,
                            yRange: ClosedRange<Double>? = nil) -> String? {
        let series = result.variants.compactMap { v -> LineChart.Series? in
            guard let s = v.series[name], !s.mean.isEmpty else { return nil }
            return LineChart.Series(name: v.name, x: s.mean.indices.map { Double($0 + 1) }, y: s.mean, low: s.low, high: s.high, step: false)
        }
        guard !series.isEmpty else { return nil }
        // Every series here counts or measures something that cannot be negative.
        return LineChart(frame: ChartFrame(title: title + " (95% band)", xLabel: "week after warm-up", yLabel: yLabel),
                         series: series, yRange: yRange, valueBounds: 0...Double.infinity).svg()
    }

    static func histogram(_ result: RunResult, name: String, title: String, xLabel: String, shiftEdges: Double = 0) -> String? {
        guard let raw = result.variants.first(where: { $0.distributions[name] != nil })?.distributions[name]?.edges else { return nil }
        let edges = raw.map { $0 + shiftEdges }
        let series = result.variants.compactMap { v in v.distributions[name].map { HistogramChart.Series(name: v.name, values: $0.values) } }
        return HistogramChart(frame: ChartFrame(title: title, xLabel: xLabel, yLabel: "share"), edges: edges, series: series).svg()
    }

    static func tornado(_ result: RunResult) -> String? {
        guard let s = result.sensitivity, !s.entries.isEmpty else { return nil }
        let pct = Int((s.change * 100).rounded())
        return TornadoChart(frame: ChartFrame(title: "Sensitivity of \(s.metric) (\(s.variant))", xLabel: s.metric, yLabel: "parameter"),
                            baseline: s.baseline.mean,
                            entries: s.entries.sorted { $0.swing > $1.swing }.map { TornadoChart.Entry(parameter: $0.parameter, low: $0.low.mean, high: $0.high.mean) },
                            lowLabel: "−\(pct)%", highLabel: "+\(pct)%").svg()
    }
}

extension String {
    /// The string with its first letter in upper case ("burnout risk share" → "Burnout risk share").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
