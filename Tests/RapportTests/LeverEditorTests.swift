import Foundation
import Testing
import RapportScenario
import RapportServer

/// The editor's levers: read from a scenario, written back into its YAML without disturbing the rest.
@Suite("Editor levers")
struct LeverEditorTests {
    @Test("a lever changes only its own value: comments, layout and untouched settings stay")
    func inPlace() throws {
        let original = try String(contentsOfFile: Fixtures.path("scenarios/quota-vs-thresholds.yaml"), encoding: .utf8)
        var levers = Levers(yaml: original)
        #expect(levers.demand == "150/week")
        #expect(levers.quota == "individual-thresholds")
        #expect(levers.groups.map(\.name) == ["generalists", "trauma specialists"])
        levers.demand = "170/week"
        levers.groups[1].count = "12"
        levers.quota = "fixed-quota"
        levers.quotaLevel = "6"
        levers.thresholdError = "normal(mean=0.5, sd=1)"
        let edited = levers.applied(to: original)
        let before = original.components(separatedBy: "\n"), after = edited.components(separatedBy: "\n")
        #expect(before.filter { $0.hasPrefix("#") } == after.filter { $0.hasPrefix("#") })
        #expect(after.contains("    rate: 170/week"))
        #expect(after.contains("  quota: {fixed-quota: 6}"))
        let scenario = try ScenarioLoader.load(text: edited, file: "edited.yaml")
        let back = Levers(yaml: edited)
        #expect(back.demand == "170/week" && back.groups[1].count == "12" && back.quotaLevel == "6")
        #expect(back.thresholdError == "\"normal(mean=0.5, sd=1)\"" || back.thresholdError == "normal(mean=0.5, sd=1)")
        #expect(scenario.variants.count == Levers(yaml: original).groups.count + 6)
        // Unchanged levers leave the file byte for byte.
        #expect(Levers(yaml: original).applied(to: original) == original)
    }

    @Test("a key the file lacks is added as block YAML in the right place")
    func insertion() throws {
        let original = "# roster\nname: x\ntherapists:\n  - name: Ana\n    slots_per_day: 6\n"
        let edited = try #require(Levers(yaml: original).edits.isEmpty ? nil : original)
        var levers = Levers(yaml: edited)
        levers.groups[0].count = "3"
        levers.thresholdError = "0.5"
        let out = levers.applied(to: original)
        #expect(out.hasPrefix("# roster\n"))
        #expect(out.contains("  - name: Ana\n    count: 3\n    slots_per_day: 6\n"))
        #expect(out.hasSuffix("wellbeing:\n  stated_threshold:\n    error: 0.5\n"))
    }

    @Test("a form value cannot inject YAML structure")
    func injection() throws {
        let original = "name: x\nclients:\n  arrivals:\n    rate: 10/week\n"
        var levers = Levers(yaml: original)
        levers.demand = "10/week\nhorizon: 1d\n  evil: {"
        let edited = levers.applied(to: original)
        #expect(!edited.contains("\nhorizon: 1d"))
        #expect(Levers(yaml: edited).demand.contains("evil"))
    }

    @Test("a quota or matching written over several lines is replaced on its key's line: every comment elsewhere stays")
    func multiLineLevers() throws {
        let original = """
        # Quota trial for the board
        name: multi
        clients:
          arrivals:
            rate: 150/week   # referrals, from the 2025 extract
        policy:
          # the regime under test
          quota:
            fixed-quota:
              sessions: 6    # per working day
              fill: balanced
          matching:
            best-fit:
              tolerance: 7d
        # horizon as agreed with finance
        horizon: 52w

        """
        var levers = Levers(yaml: original)
        #expect(levers.quota == "fixed-quota" && levers.quotaLevel == "6" && levers.matching == "best-fit" && levers.tolerance == "7d")
        levers.quota = "competition"
        levers.quotaLevel = ""
        levers.matching = "earliest-available"
        let edited = levers.applied(to: original)
        for comment in ["# Quota trial for the board", "# referrals, from the 2025 extract", "# the regime under test", "# horizon as agreed with finance"] {
            #expect(edited.contains(comment), "lost \(comment):\n\(edited)")
        }
        #expect(edited.contains("  quota: competition\n") && edited.contains("  matching: earliest-available\n"), "\(edited)")
        #expect(!edited.contains("sessions: 6") && !edited.contains("tolerance: 7d"))
        let back = Levers(yaml: edited)
        #expect(back.quota == "competition" && back.matching == "earliest-available" && back.demand == "150/week")
        // And back to a multi-setting quota: a flow mapping on the key's line.
        var again = back
        again.quota = "fixed-quota"
        again.quotaLevel = "7"
        let flow = again.applied(to: edited)
        #expect(flow.contains("  quota: {fixed-quota: 7}") && flow.contains("# horizon as agreed with finance"), "\(flow)")
    }
}
