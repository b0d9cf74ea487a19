/// What a saved JSON file holds, so `rapport report` picks its renderer from the file itself.
///
/// Files carry a `"kind"` field; files written before kinds existed are recognised by the field
/// that marks their layout (`schema_version`, `sweep_version`, `baseline_version`, a plan's
/// `frontier`). A new result type adds a case here and its renderer next to the others.
public enum ResultKind: String, Sendable, CaseIterable {
    case run, sweep, plan, baseline, calibration, uncertainty

    /// The kind a parsed file declares or, for older files, has the shape of.
    public init(json: JSONValue) throws {
        if let declared = json["kind"] {
            guard let name = declared.string, let kind = ResultKind(rawValue: name) else {
                let known = ResultKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ResultFileError("unknown result kind \(declared.string.map { "'\($0)'" } ?? "(not a text)"); this Rapport reads \(known)")
            }
            self = kind
        } else if json["sweep_version"] != nil {
            self = .sweep
        } else if json["baseline_version"] != nil {
            self = .baseline
        } else if json["frontier"] != nil, json["targets"] != nil {
            self = .plan
        } else if json["schema_version"] != nil {
            self = .run
        } else {
            throw ResultFileError("not a Rapport result: no kind, and neither a run, a sweep, a plan nor a baseline")
        }
    }
}
