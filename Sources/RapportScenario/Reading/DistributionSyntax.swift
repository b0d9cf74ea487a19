import RapportRandom
import Yams

/// The scale a distribution's values are on.
enum ValueScale {
    /// Durations, written with units (`100d`) and held in days.
    case days
    /// Plain numbers (sessions, years, sessions a day).
    case plain
}

/// Distributions as people write them: `lognormal(median=8, sigma=1, max=26)`, `uniform(4, 6)`,
/// `exponential(mean=100d)`, a plain constant, or the mapping form `{gamma: {shape: 2, scale: 3d}}`.
enum DistributionSyntax {
    static let families = ["constant", "exponential", "gamma", "lognormal", "weibull", "normal", "uniform",
                           "triangular", "poisson", "negative_binomial", "beta", "empirical"]

    /// Parameter names each family takes, positional order first; `min` and `max` cap any family.
    static let parameters: [String: [String]] = [
        "constant": ["value"],
        "exponential": ["mean", "rate"],
        "gamma": ["shape", "scale", "mean"],
        "lognormal": ["median", "sigma", "mean", "sd"],
        "weibull": ["shape", "scale"],
        "normal": ["mean", "sd"],
        "uniform": ["min", "max"],
        "triangular": ["min", "mode", "max"],
        "poisson": ["mean"],
        "negative_binomial": ["mean", "dispersion", "p", "n"],
        "beta": ["a", "b"],
        "empirical": ["values", "weights"],
    ]

    /// Parameters that may be given without a name, in order.
    static let positional: [String: [String]] = [
        "constant": ["value"], "exponential": ["mean"], "gamma": ["shape", "scale"],
        "lognormal": ["median", "sigma"], "weibull": ["shape", "scale"], "normal": ["mean", "sd"],
        "uniform": ["min", "max"], "triangular": ["min", "mode", "max"], "poisson": ["mean"],
        "negative_binomial": ["mean", "dispersion"], "beta": ["a", "b"], "empirical": ["values", "weights"],
    ]

    /// Parameters without units whatever the scale (shapes, log-scale spreads, probabilities).
    static let unitless: Set<String> = ["shape", "sigma", "p", "n", "dispersion", "a", "b", "weights"]

    static let example = "a distribution such as lognormal(median=8, sigma=1), uniform(4, 6) or exponential(mean=100d)"
}

/// One parameter as written.
struct RawParameter {
    var name: String?
    var values: [String]
    var isList: Bool
}

extension Field {
    /// Reads a distribution on `scale`, reporting what is wrong with it.
    func distribution(_ scale: ValueScale) -> Distribution? {
        let parsed: (family: String, parameters: [RawParameter])?
        switch node {
        case .scalar(let s):
            parsed = parseCall(s.string, scale: scale)
        case .mapping(let m):
            parsed = parseMapping(m)
        default:
            expected(DistributionSyntax.example)
            return nil
        }
        guard let (family, raw) = parsed else { return nil }
        return build(family: family, raw: raw, scale: scale)
    }

    private func parseCall(_ text: String, scale: ValueScale) -> (String, [RawParameter])? {
        let trimmed = text.trimmingWhitespace()
        guard let open = trimmed.firstIndex(of: "(") else {
            // A bare value is a constant.
            if value(trimmed, scale: scale, unitless: false) != nil {
                return ("constant", [RawParameter(name: nil, values: [trimmed], isList: false)])
            }
            if DistributionSyntax.families.contains(trimmed.lowercased()) {
                error("expected parameters in brackets after '\(trimmed)', such as \(trimmed)(mean=5)")
            } else {
                expected(DistributionSyntax.example)
            }
            return nil
        }
        guard trimmed.hasSuffix(")") else { error("expected ')' at the end of '\(trimmed)'"); return nil }
        let name = trimmed[..<open].trimmingWhitespace().lowercased()
        let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        var parameters: [RawParameter] = []
        for piece in ValueList.split(String(inside)) where !piece.isEmpty {
            var parameter = RawParameter(name: nil, values: [], isList: false)
            var valueText = piece
            if let eq = piece.firstIndex(where: { $0 == "=" || $0 == ":" }) {
                parameter.name = piece[..<eq].trimmingWhitespace().lowercased()
                valueText = piece[piece.index(after: eq)...].trimmingWhitespace()
            }
            if valueText.hasPrefix("[") && valueText.hasSuffix("]") {
                parameter.isList = true
                parameter.values = valueText.dropFirst().dropLast().split(separator: ",")
                    .map { $0.trimmingWhitespace() }
            } else {
                parameter.values = [valueText]
            }
            parameters.append(parameter)
        }
        return (name, parameters)
    }

    private func parseMapping(_ m: Node.Mapping) -> (String, [RawParameter])? {
        guard m.count == 1, let (keyNode, valueNode) = m.first, let name = keyNode.string else {
            expected("a mapping with one distribution name, such as {gamma: {shape: 2, scale: 3}}")
            return nil
        }
        switch valueNode {
        case .scalar(let s):
            return (name.lowercased(), [RawParameter(name: nil, values: [s.string], isList: false)])
        case .sequence(let seq):
            return (name.lowercased(), seq.map { RawParameter(name: nil, values: [$0.string ?? ""], isList: false) })
        case .mapping(let params):
            return (name.lowercased(), params.map { key, value in
                if case .sequence(let seq) = value {
                    return RawParameter(name: key.string?.lowercased(), values: seq.map { $0.string ?? "" }, isList: true)
                }
                return RawParameter(name: key.string?.lowercased(), values: [value.string ?? ""], isList: false)
            })
        case .alias:
            expected(DistributionSyntax.example)
            return nil
        }
    }

    /// A parameter value on `scale`; nil if it cannot be read.
    func value(_ text: String, scale: ValueScale, unitless: Bool) -> Double? {
        if scale == .days && !unitless { return Units.days(text) }
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }

    private func build(family: String, raw: [RawParameter], scale: ValueScale) -> Distribution? {
        guard let names = DistributionSyntax.parameters[family] else {
            error("unknown distribution '\(family)'" + Suggestions.hint(for: family, in: DistributionSyntax.families,
                otherwise: "; expected one of \(DistributionSyntax.families.joined(separator: ", "))"))
            return nil
        }
        let allowed = names + ["min", "max"]
        var named: [String: [String]] = [:]
        var position = 0
        var ok = true
        for parameter in raw {
            let name: String
            if let given = parameter.name {
                guard allowed.contains(given) else {
                    error("\(family) has no parameter '\(given)'" + Suggestions.hint(for: given, in: allowed,
                        otherwise: "; it takes \(allowed.joined(separator: ", "))"))
                    ok = false
                    continue
                }
                name = given
            } else {
                let positional = DistributionSyntax.positional[family] ?? []
                guard position < positional.count else {
                    error("\(family) takes at most \(positional.count) unnamed parameter\(positional.count == 1 ? "" : "s")")
                    ok = false
                    continue
                }
                name = positional[position]
                position += 1
            }
            if named[name] != nil {
                error("\(family) has '\(name)' twice")
                ok = false
                continue
            }
            named[name] = parameter.values
        }
        guard ok else { return nil }

        var numbers: [String: Double] = [:]
        var lists: [String: [Double]] = [:]
        for (name, texts) in named {
            let unitless = DistributionSyntax.unitless.contains(name) || (family == "lognormal" && name == "sigma")
            var parsed: [Double] = []
            for text in texts {
                guard let v = value(text, scale: scale, unitless: unitless) else {
                    let what = scale == .days && !unitless ? "a duration with a unit such as 14d" : "a number"
                    error("\(family) \(name): expected \(what), found '\(text)'")
                    return nil
                }
                parsed.append(v)
            }
            if name == "values" || name == "weights" { lists[name] = parsed } else { numbers[name] = parsed.first }
        }

        func need(_ keys: String...) -> Bool {
            let missing = keys.filter { numbers[$0] == nil && lists[$0] == nil }
            if !missing.isEmpty {
                error("\(family) needs \(missing.joined(separator: " and ")) (as in \(Self.exampleCall(family)))")
                return false
            }
            return true
        }

        do {
            var d: Distribution
            switch family {
            case "constant":
                guard need("value") else { return nil }
                d = try .constant(numbers["value"]!)
            case "exponential":
                if let rate = numbers["rate"] {
                    guard rate > 0 else { error("exponential rate must be > 0 (got \(Units.format(rate)))"); return nil }
                    d = try .exponential(mean: 1 / rate)
                } else {
                    guard need("mean") else { return nil }
                    d = try .exponential(mean: numbers["mean"]!)
                }
            case "gamma":
                if let mean = numbers["mean"], let shape = numbers["shape"] {
                    d = try .gamma(shape: shape, scale: mean / shape)
                } else {
                    guard need("shape", "scale") else { return nil }
                    d = try .gamma(shape: numbers["shape"]!, scale: numbers["scale"]!)
                }
            case "lognormal":
                if let mean = numbers["mean"] {
                    guard need("sd") else { return nil }
                    d = try .lognormal(mean: mean, sd: numbers["sd"]!)
                } else {
                    guard need("median", "sigma") else { return nil }
                    d = try .lognormal(median: numbers["median"]!, sigma: numbers["sigma"]!)
                }
            case "weibull":
                guard need("shape", "scale") else { return nil }
                d = try .weibull(shape: numbers["shape"]!, scale: numbers["scale"]!)
            case "normal":
                guard need("mean", "sd") else { return nil }
                d = try .normal(mean: numbers["mean"]!, sd: numbers["sd"]!,
                                min: numbers["min"] ?? -.infinity, max: numbers["max"] ?? .infinity)
            case "uniform":
                guard need("min", "max") else { return nil }
                return try .uniform(min: numbers["min"]!, max: numbers["max"]!)
            case "triangular":
                guard need("min", "mode", "max") else { return nil }
                return try .triangular(min: numbers["min"]!, mode: numbers["mode"]!, max: numbers["max"]!)
            case "poisson":
                guard need("mean") else { return nil }
                d = try .poisson(mean: numbers["mean"]!)
            case "negative_binomial":
                if let p = numbers["p"], let n = numbers["n"] {
                    d = try .negativeBinomial(p: p, n: n)
                } else {
                    guard need("mean", "dispersion") else { return nil }
                    d = try .negativeBinomial(mean: numbers["mean"]!, dispersion: numbers["dispersion"]!)
                }
            case "beta":
                guard need("a", "b") else { return nil }
                d = try .beta(a: numbers["a"]!, b: numbers["b"]!)
            default: // empirical
                guard need("values") else { return nil }
                let values = lists["values"] ?? []
                d = try .empirical(values: values, weights: lists["weights"] ?? values.map { _ in 1 })
            }
            if family != "normal", numbers["min"] != nil || numbers["max"] != nil {
                d = try d.capped(atLeast: numbers["min"] ?? -.infinity, atMost: numbers["max"] ?? .infinity)
            }
            return d
        } catch let problem as Distribution.ParameterError {
            error(problem.description)
            return nil
        } catch {
            self.error("\(error)")
            return nil
        }
    }

    static func exampleCall(_ family: String) -> String {
        switch family {
        case "constant": "constant(5)"
        case "exponential": "exponential(mean=100d)"
        case "gamma": "gamma(shape=2, scale=3)"
        case "lognormal": "lognormal(median=8, sigma=1)"
        case "weibull": "weibull(shape=1.5, scale=10)"
        case "normal": "normal(mean=5, sd=1, min=0)"
        case "uniform": "uniform(4, 6)"
        case "triangular": "triangular(min=1, mode=2, max=5)"
        case "poisson": "poisson(mean=3)"
        case "negative_binomial": "negative_binomial(mean=5, dispersion=2)"
        case "beta": "beta(a=2, b=5)"
        default: "empirical(values=[1, 2, 3], weights=[0.2, 0.5, 0.3])"
        }
    }
}
