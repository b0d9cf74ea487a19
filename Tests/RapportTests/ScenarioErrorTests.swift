import Testing
import RapportScenario

/// Every kind of bad input gets a located message; these pin the exact text people will read.
@Suite("Scenario errors")
struct ScenarioErrorTests {
    static let minimal = """
    name: ok
    horizon: 10w
    clients:
      arrivals: {rate: 10/week}
    therapists:
      - group: all
        count: 3
    """

    static let cases: [(name: String, yaml: String, expected: [String])] = [
        ("duration without a unit", minimal.replacingOccurrences(of: "horizon: 10w", with: "horizon: 52"),
         ["bad.yaml:2:10: error: horizon: expected a duration with a unit, such as 50m, 3h, 14d, 6w or 2y, found '52'"]),
        ("misspelt key", minimal.replacingOccurrences(of: "arrivals:", with: "arivals:"),
         ["bad.yaml:4:3: error: clients.arivals: unknown key 'arivals'; did you mean 'arrivals'?",
          "bad.yaml:4:3: error: clients: missing 'arrivals' (the arrival rate, such as rate: 110/week)"]),
        ("unknown key with no close match", minimal + "\n    flavour: 1",
         ["bad.yaml:8:5: error: therapists[0].flavour: unknown key 'flavour'; expected one of group, name, count, proficiency, languages, modalities, working_days, slots_per_day, fte, sustainable_level, stated_threshold, experience"]),
        ("no-show above 1", minimal.replacingOccurrences(of: "  arrivals: {rate: 10/week}", with: "  arrivals: {rate: 10/week}\n  no_show: {first: 1.2}"),
         ["bad.yaml:5:20: error: clients.no_show.first: expected a probability between 0 and 1, found '1.2'"]),
        ("mix that does not sum to 1", minimal.replacingOccurrences(of: "  arrivals: {rate: 10/week}", with: "  arrivals: {rate: 10/week}\n  concerns: {anxiety: 0.5, depression: 0.4}"),
         ["bad.yaml:5:13: error: clients.concerns: expected shares that sum to 1, found a sum of 0.9"]),
        ("negative duration", minimal.replacingOccurrences(of: "horizon: 10w", with: "horizon: -3d"),
         ["bad.yaml:2:10: error: horizon: expected a duration > 0, found '-3d'"]),
        ("impossible distribution", minimal + "\n    sustainable_level: uniform(6, 4)",
         ["bad.yaml:8:24: error: therapists[0].sustainable_level: uniform needs min <= max (got 6, 4)"]),
        ("unknown distribution", minimal + "\n    sustainable_level: lognormall(median=5, sigma=1)",
         ["bad.yaml:8:24: error: therapists[0].sustainable_level: unknown distribution 'lognormall'; did you mean 'lognormal'?"]),
        ("true level and stated thresholds both given", minimal + "\n    sustainable_level: uniform(4, 6)\n    stated_threshold: normal(mean=5, sd=0.5, min=0)",
         ["bad.yaml:8:24: error: therapists[0].sustainable_level: a group gives either its true sustainable level or the thresholds its therapists state (stated_threshold:, whose levels the self-assessment model then implies), not both"]),
        ("negative stated threshold", minimal + "\n    stated_threshold: normal(mean=5, sd=1)",
         ["bad.yaml:8:23: error: therapists[0].stated_threshold: expected a stated threshold that cannot be negative (add min=0), found 'normal(mean=5, sd=1)'"]),
        ("no working days", minimal + "\n    working_days: []",
         ["bad.yaml:8:19: error: therapists[0].working_days: expected at least one working day, such as [mon, tue, wed, thu, fri], found an empty list"]),
        ("misspelt weekday", minimal + "\n    working_days: [mon, tuesday]",
         ["bad.yaml:8:25: error: therapists[0].working_days[1]: unknown weekday 'tuesday'; did you mean 'tue'?"]),
        ("hard constraint nobody meets", minimal.replacingOccurrences(of: "  arrivals: {rate: 10/week}", with: "  arrivals: {rate: 10/week}\n  language: {english: 0.9, spanish: 0.1}"),
         ["bad.yaml:5:37: error: clients.language.spanish: no therapist speaks 'spanish' and language is a hard constraint; these clients could never be matched"]),
        ("variant overriding a path that does not exist", minimal + "\nvariants:\n  - name: a\n    policy: {qouta: individual-thresholds}",
         ["bad.yaml:10:14: error: variants[0].policy.qouta: unknown key 'qouta'; did you mean 'quota'?"]),
        ("misspelt policy", minimal + "\npolicy:\n  matching: best-fitt",
         ["bad.yaml:9:13: error: policy.matching: unknown matching policy 'best-fitt'; did you mean 'best-fit'?"]),
        ("horizon too long", minimal.replacingOccurrences(of: "horizon: 10w", with: "horizon: 10000y"),
         ["bad.yaml:2:10: error: horizon: expected at most 100y (36500d), found '10000y'; a longer horizon would not finish in reasonable time"]),
        ("roster too large", minimal.replacingOccurrences(of: "count: 3", with: "count: 1000000000"),
         ["bad.yaml:6:3: error: therapists: expected at most 200000 therapists in all, found 1000000000; a larger roster would not fit in memory and time"]),
        ("YAML syntax", "name: x\nclients:\n  arrivals: {rate: 1/week\n",
         ["bad.yaml:4:1: error: YAML syntax: did not find expected ',' or '}' (while parsing a flow mapping)"]),
        ("colon inside a distribution", minimal + "\n    sustainable_level: lognormal(median: 8)",
         ["bad.yaml:8:40: error: YAML syntax: mapping values are not allowed in this context; inside a value write parameters with '=', as in lognormal(median=8, sigma=1)"]),
        ("duplicate key", minimal + "\nhorizon: 4w",
         ["bad.yaml:2:1: error: the key 'horizon' appears more than once in one mapping"]),
        ("empty file", "", ["bad.yaml: error: the file is empty; expected a scenario with at least clients: and therapists:"]),
        ("more languages than a mask holds", minimal.replacingOccurrences(
            of: "  arrivals: {rate: 10/week}", with: "  arrivals: {rate: 10/week}\n  language: {l0: 1}")
            + "\n    languages: [" + (0..<65).map { "l\($0)" }.joined(separator: ", ") + "]",
         ["bad.yaml:5:13: error: clients.language: expected at most 64 distinct languages across clients and therapists, found 65"]),
        ("more concerns than a client record holds", minimal.replacingOccurrences(
            of: "  arrivals: {rate: 10/week}", with: "  arrivals: {rate: 10/week}\n  concerns: {"
                + (0..<1_001).map { "c\($0): 0.000999000999" }.joined(separator: ", ") + "}"),
         ["bad.yaml:5:13: error: clients.concerns: expected at most 1000 concerns, found 1001"]),
    ]

    @Test("Each kind of bad input gets its exact, located message", arguments: cases.indices)
    func message(_ index: Int) {
        let c = Self.cases[index]
        #expect(Fixtures.problems(c.yaml) == c.expected, "\(c.name)")
    }

    @Test("Every problem is reported in one pass")
    func allAtOnce() {
        let yaml = """
        name: broken
        horizon: 52
        replications: 0
        clients:
          arrivals: {rate: fast}
          severity: {mild: 0.5, moderate: 0.3, sever: 0.2}
        therapists:
          - group: a
            count: -4
        policy:
          quota: {fixed-quota: 99}
        """
        let problems = Fixtures.problems(yaml)
        #expect(problems == [
            "bad.yaml:2:10: error: horizon: expected a duration with a unit, such as 50m, 3h, 14d, 6w or 2y, found '52'",
            "bad.yaml:3:15: error: replications: expected a number from 1 to 10000, found '0'",
            "bad.yaml:5:20: error: clients.arrivals.rate: expected a rate such as 110/week, 20/day or 8/hour, found 'fast'",
            "bad.yaml:6:40: error: clients.severity.sever: unknown category 'sever'; did you mean 'severe'?",
            "bad.yaml:9:12: error: therapists[0].count: expected a number >= 0, found '-4'",
            "bad.yaml:11:24: error: policy.quota.fixed-quota: expected a number from 1 to 12, found '99'",
        ])
    }

    @Test("The full message shows the offending line and a caret under the column")
    func caret() throws {
        do {
            _ = try ScenarioLoader.load(text: Self.minimal.replacingOccurrences(of: "count: 3", with: "count: many"), file: "q.yaml")
            Issue.record("expected an error")
        } catch let error as ScenarioError {
            #expect(error.description == """
            q.yaml:7:12: error: therapists[0].count: expected a number >= 0, found 'many'
                    count: many
                           ^
            1 error
            """)
        }
    }

    @Test("A file that cannot be read is a located error, not a crash")
    func missingFile() {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "/nonexistent/scenario.yaml") }
    }

    @Test("Load at or above capacity is a warning, not an error")
    func overloadWarning() throws {
        let scenario = try Fixtures.scenario(text: Self.minimal.replacingOccurrences(of: "10/week", with: "100/week"))
        #expect(scenario.warnings.map(\.headline) == [
            "test.yaml:4:20: warning: clients.arrivals.rate: demand is about 1412% of capacity: the waitlist stays bounded because clients give up (patience mean 100d), but about 93% of referrals will give up before a first appointment",
        ])
    }
}
