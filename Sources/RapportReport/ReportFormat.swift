import RapportExperiment

/// The formats a result can be rendered in.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, markdown, csv, html

    /// The usual file extension.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .json: "json"
        case .markdown: "md"
        case .csv: "csv"
        case .html: "html"
        }
    }
}

/// Renders a result in any format.
public enum ReportRenderer {
    /// The rendered files: the main one at index 0, then companions (the time-series CSV) with
    /// the suffix to add to the main file's name.
    public static func render(_ result: RunResult, as format: ReportFormat) -> [(suffix: String, text: String)] {
        switch format {
        case .text: return [("", TextReport.render(result))]
        case .json: return [("", result.json().rendered())]
        case .markdown: return [("", MarkdownReport.render(result))]
        case .csv: return [("", CSVReport.metrics(result)), ("-timeseries", CSVReport.timeseries(result))]
        case .html: return [("", HTMLReport.render(result))]
        }
    }
}
