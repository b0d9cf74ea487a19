import RapportExperiment

/// Every warning a result carries, the scenario's own (demand above capacity) first and then each
/// variant's (a short warm-up, a growing waitlist, few replications), so every format shows the
/// same list. A warning several variants share is said once, naming them ("every variant" when
/// all do), so eight variants with three replications give one line, not eight.
public enum ReportWarnings {
    public static func all(_ result: RunResult) -> [String] {
        var out: [String] = []
        for warning in result.warnings where !out.contains(warning) { out.append(warning) }
        var order: [String] = []
        var owners: [String: [String]] = [:]
        for variant in result.variants {
            for warning in variant.warnings {
                if owners[warning] == nil { order.append(warning) }
                if owners[warning]?.contains(variant.name) != true { owners[warning, default: []].append(variant.name) }
            }
        }
        for warning in order {
            let names = owners[warning] ?? []
            let who = result.variants.count > 1 && names.count == result.variants.count ? "every variant" : BottomLine.list(names)
            out.append("\(who): \(warning)")
        }
        return out
    }
}
