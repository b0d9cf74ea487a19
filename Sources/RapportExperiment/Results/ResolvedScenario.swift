import Foundation
import RapportModel
import RapportRandom
import RapportScenario

/// A scenario as the model will run it, every default filled in: what `rapport validate
/// --resolved` prints so an analyst sees every assumption, including the ones the file is silent on.
///
/// It walks the model configuration itself (by reflection), so a parameter added to the model
/// appears here without anyone remembering to list it. The names are the model's own in
/// snake_case, times are in days and rates per day; it is a view to read, not a file to load.
public enum ResolvedScenario {
    public static func yaml(_ scenario: Scenario) -> String {
        var out = "# \(scenario.file) as Rapport will run it, with every default filled in.\n"
        out += "# The model's own names: times in days, rates per day, shares as fractions.\n"
        out += "name: \(quoted(scenario.name))\nseed: \(scenario.seed)\nreplications: \(scenario.replications)\n"
        if scenario.warmupIsAuto { out += "warmup: auto   # chosen by MSER-5 at run time\n" }
        out += "variants:\n"
        for variant in scenario.variants {
            out += "  - name: \(quoted(variant.name))\n"
            emitFields(of: variant.config, indent: 4, into: &out)
        }
        return out
    }

    private static func emitFields(of value: Any, indent: Int, into out: inout String) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            emit(child.value, key: snake(label), indent: indent, into: &out)
        }
    }

    private static func emit(_ value: Any, key: String, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        if let scalar = scalarText(value) {
            out += "\(pad)\(key): \(scalar)\n"
            return
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?:
            out += "\(pad)\(key):\n"
            for item in mirror.children {
                out += "\(pad)  -\n"
                emitFields(of: item.value, indent: indent + 4, into: &out)
            }
        case .struct?, .class?:
            out += "\(pad)\(key):\n"
            emitFields(of: value, indent: indent + 2, into: &out)
        default:
            out += "\(pad)\(key): \(quoted(String(describing: value)))\n"
        }
    }

    /// The one-line form of a value, when it has one.
    private static func scalarText(_ value: Any) -> String? {
        switch value {
        case let d as Double: return number(d)
        case let i as Int: return String(i)
        case let b as Bool: return b ? "true" : "false"
        case let s as String: return quoted(s)
        case let d as Distribution: return describe(d)
        case let m as Mix: return "{" + zip(m.names, m.table.probabilities).map { "\(quoted($0)): \(number($1))" }.joined(separator: ", ") + "}"
        case let list as [Double]: return "[" + list.map(number).joined(separator: ", ") + "]"
        case let list as [Bool]: return "[" + list.map { $0 ? "true" : "false" }.joined(separator: ", ") + "]"
        case let list as [String]: return "[" + list.map(quoted).joined(separator: ", ") + "]"
        case let map as [String: Double]:
            return "{" + map.keys.sorted().map { "\(quoted($0)): \(number(map[$0]!))" }.joined(separator: ", ") + "}"
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return "none" }
            return scalarText(wrapped) ?? quoted(String(describing: wrapped))
        }
        if mirror.displayStyle == .enum {
            // A case with values reads as its Swift description: bestFit(tolerance: 14.0).
            return mirror.children.isEmpty ? String(describing: value) : quoted(String(describing: value))
        }
        return nil
    }

    static func describe(_ d: Distribution) -> String {
        var text: String
        switch d.family {
        case .constant(let v): text = "constant(\(number(v)))"
        case .exponential(let mean): text = "exponential(mean=\(number(mean)))"
        case let .gamma(shape, scale): text = "gamma(shape=\(number(shape)), scale=\(number(scale)))"
        case let .lognormal(mu, sigma): text = "lognormal(median=\(number(exp(mu))), sigma=\(number(sigma)))"
        case let .weibull(shape, scale): text = "weibull(shape=\(number(shape)), scale=\(number(scale)))"
        case let .normal(mean, sd): text = "normal(mean=\(number(mean)), sd=\(number(sd)))"
        case let .uniform(min, max): text = "uniform(\(number(min)), \(number(max)))"
        case let .triangular(min, mode, max): text = "triangular(\(number(min)), \(number(mode)), \(number(max)))"
        case .poisson(let mean): text = "poisson(mean=\(number(mean)))"
        case let .negativeBinomial(p, n): text = "negative_binomial(p=\(number(p)), n=\(number(n)))"
        case let .beta(a, b): text = "beta(a=\(number(a)), b=\(number(b)))"
        case let .empirical(values, table):
            text = "empirical(values=[\(values.map(number).joined(separator: ", "))], weights=[\(table.probabilities.map(number).joined(separator: ", "))])"
        }
        if d.lowerBound > -.infinity || d.upperBound < .infinity {
            text.removeLast()
            if d.lowerBound > -.infinity { text += ", min=\(number(d.lowerBound))" }
            if d.upperBound < .infinity { text += ", max=\(number(d.upperBound))" }
            text += ")"
        }
        return text + "   # mean \(number(d.mean))"
    }

    private static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? ".nan" : (v > 0 ? ".inf" : "-.inf") }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.6g", v)
    }

    /// A YAML double-quoted string when the text needs it.
    private static func quoted(_ s: String) -> String {
        let safe = !s.isEmpty && s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "_-./ ()".unicodeScalars.contains($0) }
            && !s.hasPrefix(" ") && !s.hasSuffix(" ") && Double(s) == nil && !["true", "false", "yes", "no", "null", "none"].contains(s.lowercased())
        return safe ? s : JSONValue.quote(s)
    }

    /// `noShowFirst` → `no_show_first`.
    private static func snake(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
