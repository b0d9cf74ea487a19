import Foundation
import RapportScenario
import Yams

/// The settings a leader changes most, read from and written back into a scenario's YAML:
/// demand, the roster by group, the quota regime and its level, the error in therapists' stated
/// thresholds, the matching policy and its tolerance, the horizon and the replications. Everything else is edited in the YAML tab.
public struct Levers: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public var name: String
        public var count: String
    }

    public static let quotaRegimes = ["individual-thresholds", "fixed-quota", "competition"]
    public static let matchingPolicies = ["earliest-available", "best-fit", "batch-optimal", "client-choice"]

    /// Arrival rate as written, e.g. `150/week`.
    public var demand: String = ""
    public var groups: [Group] = []
    public var quota: String = "individual-thresholds"
    /// Sessions a day for a fixed quota; ranking pressure for competition; unused otherwise.
    public var quotaLevel: String = ""
    /// How a fixed quota is filled (`cap` or `balanced`), kept as the file has it.
    public var quotaFill: String = ""
    /// How far therapists' stated thresholds are off their true sustainable level (sessions a
    /// day; a number or a distribution), under individual thresholds.
    public var thresholdError: String = ""
    public var matching: String = "earliest-available"
    /// How much longer than the soonest slot best-fit matching may wait for a better fit.
    public var tolerance: String = ""
    public var horizon: String = ""
    public var replications: String = ""

    public init() {}

    /// The levers as the YAML sets them (top level only: variants may override them).
    public init(yaml: String) {
        guard let root = try? Yams.compose(yaml: yaml) else { return }
        demand = root["clients"]?["arrivals"]?["rate"]?.string ?? ""
        if case .sequence(let roster)? = root["therapists"] {
            groups = roster.enumerated().map { i, entry in
                Group(name: entry["group"]?.string ?? entry["name"]?.string ?? "group \(i + 1)",
                      count: entry["count"]?.string ?? "1")
            }
        }
        if let q = root["policy"]?["quota"] {
            let (name, settings) = Self.choice(q, among: Self.quotaRegimes)
            quota = name ?? quota
            if name == "fixed-quota" {
                quotaLevel = settings?.string ?? settings?["sessions"]?.string ?? ""
                quotaFill = settings?["fill"]?.string ?? ""
            }
            if name == "competition" { quotaLevel = settings?["pressure"]?.string ?? "" }
        }
        if let m = root["policy"]?["matching"] {
            let (name, settings) = Self.choice(m, among: Self.matchingPolicies)
            matching = name ?? matching
            if name == "best-fit" { tolerance = settings?["tolerance"]?.string ?? "14d" }
        }
        thresholdError = root["wellbeing"]?["stated_threshold"]?["error"]?.string ?? ""
        horizon = root["horizon"]?.string ?? ""
        replications = root["replications"]?.string ?? ""
    }

    /// A policy written as a bare name or as `{name: settings}`.
    static func choice(_ node: Node, among names: [String]) -> (String?, Node?) {
        if let s = node.scalar?.string { return (s, nil) }
        if case .mapping(let map) = node {
            for (key, value) in map { if let k = key.string, names.contains(k) { return (k, value) } }
        }
        return (nil, nil)
    }

    /// Each lever as (dotted path, YAML value in flow style), in a fixed order.
    public var edits: [(path: [PathStep], value: String)] {
        var out: [(path: [PathStep], value: String)] = []
        if !demand.isEmpty { out.append(([.key("clients"), .key("arrivals"), .key("rate")], Self.scalar(demand))) }
        for (i, group) in groups.enumerated() where !group.count.isEmpty {
            out.append(([.key("therapists"), .index(i), .key("count")], Self.scalar(group.count)))
        }
        let level = Self.scalar(quotaLevel)
        switch quota {
        case "fixed-quota":
            let sessions = quotaLevel.isEmpty ? "7" : level
            out.append(([.key("policy"), .key("quota")], quotaFill.isEmpty ? "{fixed-quota: \(sessions)}"
                                                          : "{fixed-quota: {sessions: \(sessions), fill: \(Self.scalar(quotaFill))}}"))
        case "competition": out.append(([.key("policy"), .key("quota")], quotaLevel.isEmpty ? "competition" : "{competition: {pressure: \(level)}}"))
        default: out.append(([.key("policy"), .key("quota")], Self.scalar(quota)))
        }
        switch matching {
        case "best-fit": out.append(([.key("policy"), .key("matching")], "{best-fit: {tolerance: \(tolerance.isEmpty ? "14d" : Self.scalar(tolerance))}}"))
        default: out.append(([.key("policy"), .key("matching")], Self.scalar(matching)))
        }
        if !thresholdError.isEmpty {
            out.append(([.key("wellbeing"), .key("stated_threshold"), .key("error")], Self.scalar(thresholdError)))
        }
        if !horizon.isEmpty { out.append(([.key("horizon")], Self.scalar(horizon))) }
        if !replications.isEmpty { out.append(([.key("replications")], Self.scalar(replications))) }
        return out
    }

    /// A user's value as one YAML scalar: plain when that reads back as the same text, quoted
    /// otherwise, so a form field can never inject structure into the file.
    static func scalar(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let safe = trimmed.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-".unicodeScalars.contains($0) }
        if safe, !trimmed.isEmpty { return trimmed }
        let escaped = trimmed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ")
        return "\"\(escaped)\""
    }

    /// `yaml` with every lever set. Values on one line are replaced in place and values written
    /// over several lines on their key's line, so comments and layout survive; a lever the file
    /// does not have yet is inserted as block YAML.
    public func applied(to yaml: String) -> String {
        var text = yaml
        // Only what differs from the file: an untouched lever leaves its part of the file alone.
        let current = Levers(yaml: yaml).edits
        for edit in edits where !current.contains(where: { $0.path == edit.path && $0.value == edit.value }) {
            text = YAMLTextEdit.setting(edit.path, to: edit.value, in: text) ?? text
        }
        return text
    }
}
