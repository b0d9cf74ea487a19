import RapportExperiment

/// A saved result of any kind, read from its JSON and rendered in any format: what
/// `rapport report` and the web app dispatch on. A new kind of result adds a case here, its
/// reading in `init(json:)` and its renderer in `render(as:)`, next to the others.
public enum ResultDocument: Sendable {
    case run(RunResult)
    case sweep(SweepResult)
    case plan(PlanResult)
    case calibration(CalibrationResult)
    case uncertainty(UncertaintyResult)

    /// Reads any result file `ResultKind` recognises and this Rapport renders.
    public init(json: JSONValue) throws {
        switch try ResultKind(json: json) {
        case .run: self = .run(try RunResult(json: json))
        case .sweep: self = .sweep(try SweepResult(json: json))
        case .plan: self = .plan(try PlanResult(json: json))
        case .calibration: self = .calibration(try CalibrationResult(json: json))
        case .uncertainty: self = .uncertainty(try UncertaintyResult(json: json))
        case .baseline: throw ResultFileError("a baseline is checked with `rapport check`, not rendered; render the result it was made from")
        }
    }

    /// The rendered files: the main one at index 0, then companions with the suffix to add to its name.
    public func render(as format: ReportFormat) -> [(suffix: String, text: String)] {
        switch self {
        case .run(let result): return ReportRenderer.render(result, as: format)
        case .sweep(let sweep):
            switch format {
            case .text: return [("", SweepReport.text(sweep))]
            case .json: return [("", sweep.json().rendered())]
            case .markdown: return [("", SweepReport.markdown(sweep))]
            case .csv: return [("", SweepReport.csv(sweep))]
            case .html: return [("", SweepReport.html(sweep))]
            }
        case .plan(let plan):
            switch format {
            case .text: return [("", PlanReport.text(plan))]
            case .json: return [("", plan.json().rendered())]
            case .markdown: return [("", PlanReport.markdown(plan))]
            case .csv: return [("", PlanReport.csv(plan))]
            case .html: return [("", PlanReport.html(plan))]
            }
        case .calibration(let calibration): return [("", CalibrationReport.render(calibration, as: format))]
        case .uncertainty(let result):
            switch format {
            case .text: return [("", UncertaintyReport.text(result))]
            case .json: return [("", result.json().rendered())]
            case .markdown: return [("", UncertaintyReport.markdown(result))]
            case .csv: return [("", UncertaintyReport.csv(result))]
            case .html: return [("", UncertaintyReport.html(result))]
            }
        }
    }
}
