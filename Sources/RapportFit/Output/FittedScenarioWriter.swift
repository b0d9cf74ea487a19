import Foundation
import RapportModel

/// Writes a fitted scenario: plain YAML a person can read, with comments saying what each value
/// was fitted from, from how many rows, and how well.
public enum FittedScenarioWriter {
    public static func yaml(_ fit: PlatformFitResult, name: String? = nil) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        func comment(_ text: String, indent: Int = 0) {
            for part in wrap(text, width: 96 - indent) { line(String(repeating: " ", count: indent) + "# " + part) }
        }
        let percent = Int((fit.confidence * 100).rounded())
        comment("Fitted by `rapport fit` from \(fit.source): \(CivilDate.format(fit.firstDay)) to \(CivilDate.format(fit.lastDay)) (\(fit.days) days).")
        comment("\(fit.readingSummary). Intervals are \(percent)%; the fit report has every test and Q–Q plot.")
        comment("Values the extract cannot show (match quality weights, exhaustion, slots a day) keep Rapport's defaults.")
        line("name: \(quoted(name ?? "Fitted from \(fit.source)"))")
        line("horizon: 104w")
        line("warmup: 13w")
        line("replications: 10")
        line("seed: 1")
        line()
        line("clients:")
        line("  arrivals:")
        if let rate = fit.value("clients.arrivals.rate") {
            comment("Poisson maximum likelihood from \(rate.rows) referrals over \(fit.days) days: \(number(rate.estimate)) a week [\(number(rate.low)), \(number(rate.high))].\(testNote(fit, "arrivals"))", indent: 4)
            line("    rate: \(number(rate.estimate))/week")
            line("    weekday: {\(zip(ExtractColumns.weekdays, fit.weekdayMultipliers).map { "\($0): \(number($1, digits: 3))" }.joined(separator: ", "))}")
            if let months = fit.monthMultipliers {
                let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
                line("    month: {\(zip(names, months).map { "\($0): \(number($1, digits: 3))" }.joined(separator: ", "))}")
            }
        } else {
            line("    rate: 100/week    # not fitted: see the notes")
        }
        for mix in fit.mixes {
            let key = String(mix.path.dropFirst("clients.".count))
            comment("shares of \(fit.value("\(mix.path).\(mix.names[0])")?.rows ?? 0) referrals", indent: 2)
            line("  \(key): {\(zip(mix.names, mix.shares).map { "\(yamlKey($0)): \(number($1, digits: 4))" }.joined(separator: ", "))}")
        }
        if let s = fit.sessionsNeeded {
            comment(distributionNote(s), indent: 2)
            line("  sessions_needed: \(syntax(s.chosen, days: false, extra: ", min=1, max=\(fit.sessionsCap)"))")
        }
        if let p = fit.patience {
            comment(distributionNote(p), indent: 2)
            line("  patience: \(syntax(p.chosen, days: true, extra: ""))")
        } else {
            comment("no abandonments to fit patience from", indent: 2)
            line("  patience: none")
        }
        if let first = fit.value("clients.no_show.first"), let later = fit.value("clients.no_show.follow_up") {
            comment("from \(first.rows) first and \(later.rows) later appointments: first \(interval(first)), later \(interval(later))"
                    + keptDefaults([("first", first), ("follow_up", later)]), indent: 2)
            line("  no_show: " + finiteMapping([("first", first), ("follow_up", later)]))
        }
        line()
        if let first = fit.value("outcomes.dropout.first"), let later = fit.value("outcomes.dropout.later") {
            line("outcomes:")
            comment("life table of \(first.rows) clients after session 1 and \(later.rows) later sessions: \(interval(first)) and \(interval(later)).\(testNote(fit, "dropout")) These are average hazards; Rapport scales them by how much sessions help and a therapist effect."
                    + keptDefaults([("first", first), ("later", later)]), indent: 2)
            line("  dropout: " + finiteMapping([("first", first), ("later", later)]))
            line()
        }
        var wellbeing: [String] = []
        if let v = fit.value("wellbeing.sick_days_per_year") {
            wellbeing.append("  # \(v.method): \(interval(v))")
            wellbeing.append("  sick_days_per_year: \(number(v.estimate, digits: 4))")
        }
        if let v = fit.value("wellbeing.sick_spell_mean") {
            wellbeing.append("  # from \(v.rows) spells: \(interval(v)) days")
            wellbeing.append("  sick_spell_mean: \(number(v.estimate, digits: 4))d")
        }
        if let v = fit.value("wellbeing.quits_per_year") {
            wellbeing.append("  # \(v.method), \(v.rows) therapists: \(interval(v))")
            wellbeing.append("  quits_per_year: \(number(v.estimate, digits: 4))")
        }
        if !wellbeing.isEmpty {
            line("wellbeing:")
            wellbeing.forEach { line($0) }
            line()
        }
        if let lag = fit.hiringLag {
            line("staffing:")
            comment(distributionNote(lag), indent: 2)
            line("  hiring_lag: \(syntax(lag.chosen, days: true, extra: ""))")
            line()
        }
        line("therapists:")
        for group in fit.groups {
            comment("\(group.count) employed on \(CivilDate.format(fit.lastDay)), \(group.everEmployed) in the extract", indent: 2)
            line("  - group: \(quoted(group.name))")
            line("    count: \(group.count)")
            line("    languages: [\(group.languages.map(quoted).joined(separator: ", "))]")
            line("    modalities: [\(group.modalities.map(quoted).joined(separator: ", "))]")
            line("    working_days: [\(zip(ExtractColumns.weekdays, group.workingDays).filter(\.1).map(\.0).joined(separator: ", "))]")
            if let stated = group.statedThreshold {
                comment("stated thresholds: " + distributionNote(stated) + ". What they state, not their true level: the"
                        + " level each therapist can sustain follows from wellbeing.stated_threshold's optimism and error"
                        + " and the admin load, which the records cannot show", indent: 4)
                // A normal has negative tails, and nobody states fewer than no sessions.
                line("    stated_threshold: \(syntax(stated.chosen, days: false, extra: stated.chosen.family == .normal ? ", min=0" : ""))")
            }
        }
        return out
    }

    /// `{first: 0.12, later: 0.03}` of the entries whose estimate is a number. An extract with
    /// no appointment of a kind (a short or small one) has no rate for it: 0 out of 0 is not a
    /// probability, and writing it would make a file Rapport refuses.
    static func finiteMapping(_ entries: [(key: String, value: FittedValue)]) -> String {
        "{" + entries.filter { $0.value.estimate.isFinite }.map { "\($0.key): \(number($0.value.estimate, digits: 4))" }
            .joined(separator: ", ") + "}"
    }

    /// "; follow_up: nothing to fit it from, Rapport's default kept", or "".
    static func keptDefaults(_ entries: [(key: String, value: FittedValue)]) -> String {
        let missing = entries.filter { !$0.value.estimate.isFinite }.map(\.key)
        guard !missing.isEmpty else { return "" }
        return "; \(missing.joined(separator: " and ")): nothing to fit \(missing.count == 1 ? "it" : "them") from, Rapport's default kept"
    }

    static func distributionNote(_ fit: DistributionFit) -> String {
        let chosen = fit.chosen
        let others = fit.candidates.dropFirst().map { String(format: "%@ +%.1f", $0.family.rawValue, $0.aic - chosen.aic) }.joined(separator: ", ")
        return "\(chosen.family.rawValue) chosen by AIC\(others.isEmpty ? "" : " (ΔAIC: \(others))") from \(fit.observations) rows, \(fit.censored) censored; "
            + String(format: "Kolmogorov–Smirnov D = %.3f, p = %.2f", fit.kmStatistic, fit.kmPValue)
            + "; mean \(number(chosen.mean.estimate)) \(fit.unit) [\(number(chosen.mean.low)), \(number(chosen.mean.high))]"
    }

    /// The chosen family in scenario syntax.
    static func syntax(_ fit: FamilyFit, days: Bool, extra: String) -> String {
        let unit = days ? "d" : ""
        let values = fit.parameters.map { p -> String in
            let unitless = ["shape", "sigma"].contains(p.name)
            return "\(p.name)=\(number(p.estimate, digits: 4))\(unitless ? "" : unit)"
        }
        if fit.family == .uniform { return "uniform(\(values.map { String($0.split(separator: "=")[1]) }.joined(separator: ", ")))" }
        return "\(fit.family.rawValue)(\(values.joined(separator: ", "))\(extra))"
    }

    static func testNote(_ fit: PlatformFitResult, _ prefix: String) -> String {
        guard let test = fit.tests.first(where: { $0.subject.hasPrefix(prefix) }) else { return "" }
        return String(format: " %@: p = %.2f, %@.", test.test, test.pValue, test.reading)
    }

    static func interval(_ v: FittedValue) -> String { "\(number(v.estimate, digits: 4)) [\(number(v.low, digits: 4)), \(number(v.high, digits: 4))]" }

    /// A number with `digits` significant digits, without trailing zeros.
    static func number(_ x: Double, digits: Int = 4) -> String {
        guard x.isFinite else { return "nan" }
        if x == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(x))))
        let decimals = max(0, digits - 1 - magnitude)
        var text = String(format: "%.\(decimals)f", x)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    static func quoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == " " || $0 == "." }
        return plain && !text.isEmpty && !text.hasPrefix(" ") && !["yes", "no", "true", "false", "null", "on", "off"].contains(text.lowercased())
            ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func yamlKey(_ text: String) -> String { quoted(text) }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
