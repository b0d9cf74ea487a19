import Foundation
import RapportRandom

/// What identifies a calibration: the same settings give the same search, so shards, checkpoints
/// and merges refuse anything run with different ones.
public struct CalibrationSettings: Sendable, Equatable {
    public var file: String
    /// FNV-1a of the scenario's text, so a merge against an edited file is refused.
    public var scenarioHash: String
    public var variant: String?
    /// Targets and parameters as the command line writes them (`metric=value±tolerance`, `name=low:high`).
    public var targets: [String]
    public var parameters: [String]
    public var designSize: Int
    public var polishBudget: Int
    public var replications: Int
    public var seed: UInt64

    public init(file: String, scenarioText: String, problem: CalibrationProblem, variant: String?) {
        self.file = file
        scenarioHash = Self.hash(scenarioText)
        self.variant = variant
        targets = problem.targets.map(\.description)
        parameters = problem.parameters.map { "\($0.name)=\(CalibrationTarget.plain($0.low)):\(CalibrationTarget.plain($0.high))" }
        designSize = problem.designSize
        polishBudget = problem.polishBudget
        replications = problem.replications
        seed = problem.seed
    }

    /// The scenario text's hash, as `scenarioHash` holds it.
    public static func hash(_ text: String) -> String { String(StreamSeed.fnv1a(text), radix: 16) }

    /// The words a checkpoint's identity hashes besides the scenario text.
    public var identityWords: [String] {
        [variant ?? "", "\(designSize)", "\(polishBudget)"] + targets + ["|"] + parameters
    }

    public var json: JSONValue {
        .object([("file", .string(file)), ("scenario_hash", .string(scenarioHash)), ("variant", variant.map(JSONValue.string) ?? .null),
                 ("targets", .array(targets.map(JSONValue.string))), ("parameters", .array(parameters.map(JSONValue.string))),
                 ("design_size", .number(Double(designSize))), ("polish_budget", .number(Double(polishBudget))),
                 ("replications", .number(Double(replications))), ("seed", .number(Double(seed)))])
    }

    public init(json: JSONValue) throws {
        guard let file = json["file"]?.string, let hash = json["scenario_hash"]?.string,
              let targets = json["targets"]?.array?.compactMap(\.string), let parameters = json["parameters"]?.array?.compactMap(\.string),
              let design = json["design_size"]?.exactInteger, design >= 1, design <= 100_000,
              let polish = json["polish_budget"]?.exactInteger, polish >= 0, polish <= 100_000,
              let replications = json["replications"]?.exactInteger, replications >= 1,
              let seed = json["seed"]?.exactInteger.flatMap({ $0 >= 0 ? UInt64($0) : nil }) else {
            throw ResultFileError("a calibration part's settings are incomplete")
        }
        self.file = file
        scenarioHash = hash
        variant = json["variant"]?.string
        self.targets = targets
        self.parameters = parameters
        designSize = design
        polishBudget = polish
        self.replications = replications
        self.seed = seed
    }
}

/// One shard of a calibration's design (`rapport calibrate --shard i/n`): the settings and the
/// design points it simulated. `rapport merge` of every shard's part finishes the calibration
/// exactly as an unsharded run would.
public struct CalibrationPart: Sendable, Equatable {
    public static let kind = "calibration-part"

    public var settings: CalibrationSettings
    public var shard: String
    /// Design index → its simulated candidate.
    public var evaluations: [Int: CalibrationEvaluation]

    public init(settings: CalibrationSettings, shard: String, evaluations: [Int: CalibrationEvaluation]) {
        self.settings = settings
        self.shard = shard
        self.evaluations = evaluations
    }

    public func json() -> JSONValue {
        .object([("kind", .string(Self.kind)), ("shard", .string(shard)), ("settings", settings.json),
                 ("design", .array(evaluations.keys.sorted().map { index in
                     .object([("index", .number(Double(index))), ("evaluation", evaluations[index]!.json)])
                 }))])
    }

    public init(json: JSONValue) throws {
        guard json["kind"]?.string == Self.kind, let settingsJSON = json["settings"] else {
            throw ResultFileError("not a calibration part (expected kind \"\(Self.kind)\")")
        }
        settings = try CalibrationSettings(json: settingsJSON)
        shard = json["shard"]?.string ?? ""
        evaluations = [:]
        for entry in json["design"]?.array ?? [] {
            guard let index = entry["index"]?.exactInteger, index >= 0, index < settings.designSize, let e = entry["evaluation"] else {
                throw ResultFileError("a calibration part's design point has no index from 0 to \(settings.designSize - 1) or no evaluation")
            }
            guard evaluations[index] == nil else { throw ResultFileError("design point \(index) appears twice in one part") }
            evaluations[index] = try CalibrationEvaluation(json: e, parameters: settings.parameters.count, targets: settings.targets.count)
        }
    }

    /// The whole design from every shard's part, in design order; refuses parts of different
    /// calibrations, overlaps and gaps.
    public static func merge(_ parts: [CalibrationPart]) throws -> (CalibrationSettings, [CalibrationEvaluation]) {
        guard let first = parts.first else { throw ResultFileError("no calibration parts to merge") }
        var design: [Int: CalibrationEvaluation] = [:]
        for part in parts {
            guard part.settings == first.settings else {
                throw ResultFileError("the parts come from different calibrations (scenario, targets, parameters, budgets, replications or seed differ); rerun them alike")
            }
            for (index, evaluation) in part.evaluations {
                if design[index] != nil { throw ResultFileError("design point \(index) appears in more than one part") }
                design[index] = evaluation
            }
        }
        let missing = (0..<first.settings.designSize).filter { design[$0] == nil }
        guard missing.isEmpty else {
            throw ResultFileError("design points \(missing.prefix(10).map(String.init).joined(separator: ", ")) are missing; run their shards")
        }
        return (first.settings, (0..<first.settings.designSize).map { design[$0]! })
    }
}
