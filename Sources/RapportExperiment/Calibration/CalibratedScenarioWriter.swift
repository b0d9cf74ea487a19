import Foundation
import RapportModel
import RapportScenario

/// Writes the calibrated scenario: the user's own YAML text, comments and all, with the fitted
/// values put in place, a header saying what was calibrated against what, and an `uncertainty:`
/// section carrying the accepted parameter sets for `rapport run --uncertainty`.
public enum CalibratedScenarioWriter {
    /// The first line of every calibrated scenario: how Rapport knows a file is its own to replace.
    public static let marker = "# Calibrated by rapport calibrate"

    /// Most accepted sets written to `uncertainty: samples:` (the first ones in design order,
    /// which a Sobol design spreads evenly).
    public static let maximumSamples = 200

    /// The calibrated scenario's text, or an error when a fitted value cannot be put in the file
    /// (a parameter written in a way the editor cannot reach, such as inside a flow mapping).
    public static func yaml(original: String, result: CalibrationResult) throws -> String {
        var text = removingUncertainty(from: original)
        for (parameter, value) in zip(result.parameters, result.fitted) {
            let registered = parameter.registered
            guard let edited = YAMLTextEdit.setting(registered.scenarioPath, to: registered.scenarioText(value), in: text) else {
                throw CalibrationInputError("cannot write \(parameter.name) into the scenario's text; set it to \(registered.scenarioText(value)) by hand")
            }
            text = edited
        }
        // Checked by reading the result back: the variant calibrated must see the fitted values
        // (a variant of its own that overrides one would hide it).
        let reread: Scenario
        do {
            reread = try ScenarioLoader.load(text: text, file: result.file)
        } catch {
            throw CalibrationInputError("the scenario with the fitted values would not load:\n\(error)")
        }
        if let variant = reread.variants.first(where: { $0.name == result.variant }) {
            for (parameter, value) in zip(result.parameters, result.fitted) where variant.config[keyPath: parameter.registered.keyPath] != value {
                throw CalibrationInputError("variant \(result.variant) sets \(parameter.name) itself, so the fitted \(parameter.registered.scenarioText(value)) at the top of the file would not reach it; remove that override and calibrate again")
            }
        }
        return header(result) + text.trimmingCharacters(in: .newlines) + "\n\n" + uncertaintySection(result)
    }

    /// The comment block above the user's text.
    static func header(_ result: CalibrationResult) -> String {
        var lines = [marker + " (Rapport \(RapportVersion.current)) from \(result.file), variant \(result.variant):"]
        lines.append("#   \(result.evaluations) candidates × \(result.replications) replications = \(result.simulatedRuns) simulated runs, seed \(result.seed)")
        lines.append("#   (a Sobol design of \(result.designSize), \(result.accepted.count) accepted within every tolerance, then Nelder–Mead)")
        lines.append("# Targets (observed ± tolerance) and what this calibrated model gives (mean [95% CI]):")
        for check in result.checks {
            let c = check.calibrated
            let interval = c.ciLow.map { l in c.ciHigh.map { h in " [\(short(l)), \(short(h))]" } ?? "" } ?? ""
            lines.append("#   \(check.target.metric): \(format(check.target.value)) ± \(format(check.target.tolerance)) → \(short(c.mean))\(interval)\(check.isMet ? "" : "  (NOT within tolerance)")")
        }
        if let note = result.tradeOffNote { lines.append("# Note: \(note).") }
        lines.append("# Fitted values (searched range; identifiability):")
        for verdict in result.verdicts {
            let p = verdict.parameter
            lines.append("#   \(p.name): \(format(verdict.fitted)) (searched \(format(p.low)) to \(format(p.high)); \(verdict.level.rawValue): \(verdict.reason))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `uncertainty:` section: the accepted sets as `samples:`, or, when none was accepted,
    /// the searched ranges as uniform `priors:` (the calibration learned no narrower ones).
    static func uncertaintySection(_ result: CalibrationResult) -> String {
        let accepted = result.accepted
        var lines = ["uncertainty:"]
        if accepted.isEmpty {
            lines.append("  priors:             # no parameter set met every target within its tolerance, so these are the ranges searched")
            for p in result.parameters {
                lines.append("    \(p.name): uniform(\(format(p.low)), \(format(p.high)))")
            }
        } else {
            let shown = accepted.prefix(maximumSamples)
            let note = shown.count < accepted.count ? " (the first \(shown.count) of \(accepted.count))" : ""
            lines.append("  samples:            # parameter sets accepted by rapport calibrate\(note); --uncertainty draws them in turn")
            for index in shown {
                let pairs = zip(result.parameters, result.design[index].values).map { "\($0.name): \(format($1))" }
                lines.append("    - {\(pairs.joined(separator: ", "))}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` without a top-level `uncertainty:` section (the calibration writes its own).
    static func removingUncertainty(from text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("uncertainty:") }) else { return text }
        var end = start + 1
        while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("\t") || lines[end].hasPrefix("#") { end += 1 }
        lines.removeSubrange(start..<end)
        return lines.joined(separator: "\n")
    }

    /// A measured number to four significant digits, for comments.
    static func short(_ v: Double) -> String { String(format: "%.4g", v) }

    /// A number as short as it reads exactly.
    static func format(_ v: Double) -> String { CalibrationTarget.plain(v) }
}
