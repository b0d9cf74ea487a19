import RapportModel
import RapportRandom
import Yams

extension ScenarioDecoder {
    /// The `uncertainty:` section. Every parameter must be one of the registry's uncertain ones; a
    /// prior centred outside what the parameter can be, or a sample value outside it, is refused
    /// (draws in a prior's tails beyond it are truncated when the analysis runs).
    func decodeUncertainty(_ field: Field) -> UncertaintySpec? {
        guard let m = field.mapping(keys: ["draws", "replications", "priors", "samples"]) else { return nil }
        var spec = UncertaintySpec()
        spec.draws = m["draws"]?.integer(.range(1, Double(ScenarioLimits.maxUncertaintyDraws)))
        spec.replications = m["replications"]?.integer(.range(1, Double(ScenarioLimits.maxReplications)))
        let names = UncertainParameter.all.map(\.name)
        var priorMarks: [String: Field] = [:]
        if let p = m["priors"] {
            if case .mapping(let map) = p.node {
                if map.count == 0 { p.expected("at least one parameter with its distribution, such as wellbeing.quits_per_year: normal(0.26, 0.03)") }
                for (keyNode, valueNode) in map {
                    guard let name = keyNode.string else { continue }
                    let entry = p.child(valueNode, ".\(name)")
                    guard let parameter = parameter(named: name, at: Field(node: keyNode, path: entry.path, sink: sink), names: names) else { continue }
                    guard let distribution = entry.distribution(.plain) else { continue }
                    let range = parameter.feasible
                    if !(range.contains(distribution.mean)) {
                        entry.error("a prior for \(name) centred at \(Units.format(distribution.mean)), outside what it can be (\(Units.format(range.lowerBound)) to \(Units.format(range.upperBound))); its plausible range is \(Units.format(parameter.low)) to \(Units.format(parameter.high))")
                        continue
                    }
                    priorMarks[name] = entry
                    spec.priors.append(.init(parameter: name, distribution: distribution, text: entry.scalarText ?? "\(distribution.family)"))
                }
            } else {
                p.expected("a mapping from uncertain parameters to distributions, such as wellbeing.quits_per_year: normal(0.26, 0.03)")
            }
        }
        if let s = m["samples"], let list = s.sequence() {
            if list.isEmpty { s.expected("at least one parameter set, such as - {wellbeing.quits_per_year: 0.24}") }
            for item in list {
                guard case .mapping(let map) = item.node else {
                    item.expected("a parameter set, such as {wellbeing.quits_per_year: 0.24}")
                    continue
                }
                if map.count == 0 { item.expected("at least one parameter and its value") }
                var sample: UncertaintySpec.Sample = []
                for (keyNode, valueNode) in map {
                    guard let name = keyNode.string else { continue }
                    let entry = item.child(valueNode, ".\(name)")
                    guard let parameter = parameter(named: name, at: Field(node: keyNode, path: entry.path, sink: sink), names: names) else { continue }
                    let range = parameter.feasible
                    guard let value = entry.number(.range(range.lowerBound, range.upperBound)) else { continue }
                    if priorMarks[name] != nil {
                        entry.error("\(name) has a prior as well as sample values; give it one or the other")
                        continue
                    }
                    sample.append((name, value))
                }
                spec.samples.append(sample)
            }
        }
        return spec
    }

    /// The registry entry named `name`, or an error at its key with a suggestion.
    private func parameter(named name: String, at key: Field, names: [String]) -> UncertainParameter? {
        if let parameter = UncertainParameter.named(name) { return parameter }
        key.error("'\(name)' is not an uncertain parameter" + Suggestions.hint(for: name, in: names, otherwise: "; `rapport sensitivity` and the README list them"))
        return nil
    }
}
