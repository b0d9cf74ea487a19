import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RapportExperiment
import RapportReport
import RapportScenario

@Suite("Model regression checks")
struct CheckTests {
    static func run(_ text: String, seed: UInt64? = nil, replications: Int = 5) throws -> RunResult {
        Experiment(scenario: try Fixtures.scenario(text: text), replications: replications, seed: seed, jobs: 2).run()
    }

    static let statistical = DriftCheck(mode: .statistical(alpha: 0.05))

    @Test("An unchanged model passes, in both modes")
    func unchanged() throws {
        let text = Fixtures.smallPlatform()
        let baseline = Baseline(result: try Self.run(text))
        let again = try Self.run(text)
        #expect(!Self.statistical.compare(baseline, with: again).contains { $0.drifted })
        #expect(!DriftCheck(mode: .exact).compare(baseline, with: again).contains { $0.drifted })
    }

    @Test("20% more arrivals drifts, naming the metrics that moved")
    func moreArrivals() throws {
        let baseline = Baseline(result: try Self.run(Fixtures.smallPlatform()))
        let busier = try Self.run(Fixtures.smallPlatform().replacingOccurrences(of: "rate: 30/week", with: "rate: 36/week"))
        let drifted = Self.statistical.compare(baseline, with: busier).filter(\.drifted).map(\.metric)
        #expect(drifted.contains("clients_arrived"))
        #expect(drifted.contains("sessions_delivered"))
    }

    @Test("A new seed alone passes the statistical check and fails the exact one")
    func seedOnly() throws {
        let baseline = Baseline(result: try Self.run(Fixtures.smallPlatform()))
        let reseeded = try Self.run(Fixtures.smallPlatform(), seed: 12345)
        #expect(!Self.statistical.compare(baseline, with: reseeded).contains { $0.drifted })
        #expect(DriftCheck(mode: .exact).compare(baseline, with: reseeded).contains { $0.drifted })
    }

    @Test("Across many seeds of an unchanged model, false alarms stay within α")
    func falseAlarmRate() throws {
        let text = Fixtures.smallPlatform(horizon: "16w")
        let trials = 40
        var alarms = 0
        for trial in 0..<trials {
            let baseline = Baseline(result: try Self.run(text, seed: UInt64(1000 + trial)))
            let other = try Self.run(text, seed: UInt64(5000 + trial))
            if Self.statistical.compare(baseline, with: other).contains { $0.drifted } { alarms += 1 }
        }
        // α = 0.05 family-wise per scenario: expect about 2 of 40; 7 or more has probability < 0.5%.
        #expect(alarms <= 6, "\(alarms) false alarms in \(trials)")
    }

    /// The committed stepped-care baseline drew its "fortnightly follow-ups" well-matched share
    /// within 0.4 points where the metric moves about 2 between replications; judged by that spread
    /// alone, each of these seeds of the unchanged model flagged it (8 of seeds 1–60 did). One
    /// alarm in six is allowed, so that a future baseline does not make this test fail by chance.
    @Test("A variant whose baseline drew a tight spread does not flag reseeded runs of the same model")
    func tightBaselineSpread() throws {
        var alarms: [Int] = []
        for seed in [5, 7, 8, 15, 17, 30] {
            let check = try Fixtures.runCLI(["check", "scenarios/stepped-care.yaml", "--baseline", "reports/baselines", "--seed", "\(seed)"])
            #expect(check.status == 0 || check.status == 1, "\(check.out)\(check.err)")
            if check.status != 0 { alarms.append(seed) }
        }
        #expect(alarms.count <= 1, "false alarms at seeds \(alarms)")
    }

    @Test("Every scenario checked at once is one family: α bounds the chance of any alarm")
    func oneFamilyAcrossScenarios() throws {
        let result = try Self.run(Fixtures.smallPlatform())
        let unchanged = Baseline(result: result)
        let m = unchanged.values[0].metrics.count
        // Shift one metric's baseline so that its p-value is α / (1.5 m): below the α / m that
        // Holm asks of the smallest of m p-values, above the α / 2m it asks of 2m.
        let k = unchanged.values[0].metrics.firstIndex { $0.metric == "clients_arrived" }!
        let values = unchanged.values[0].metrics[k].values
        let now = result.variants[0].metrics["clients_arrived"]!.values
        let target = 0.05 / (1.5 * Double(m))
        var low = 0.0, high = 1.0
        while WelchTest.pValue(values.map { $0 + high }, now) > target { high *= 2 }
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if WelchTest.pValue(values.map { $0 + middle }, now) > target { low = middle } else { high = middle }
        }
        var shifted = unchanged
        shifted.values[0].metrics[k].values = values.map { $0 + high }
        let alone = Self.statistical.compare(shifted, with: result)
        #expect(alone.filter(\.drifted).map(\.metric) == ["clients_arrived"])
        let together = Self.statistical.compare([DriftCheck.Comparison(baseline: shifted, result: result),
                                                 DriftCheck.Comparison(baseline: unchanged, result: result)])
        #expect(together.count == 2 * m)
        #expect(!together.contains { $0.drifted })
    }

    @Test("JUnit output is well-formed XML whose failure count matches the drift table")
    func junit() throws {
        let baseline = Baseline(result: try Self.run(Fixtures.smallPlatform()))
        let busier = try Self.run(Fixtures.smallPlatform().replacingOccurrences(of: "rate: 30/week", with: "rate: 36/week"))
        let findings = Self.statistical.compare(baseline, with: busier)
        let xml = CheckReport.junit(findings)
        let parser = XMLParser(data: Data(xml.utf8))
        let counter = FailureCounter()
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.testcases == findings.count)
        #expect(counter.failures == findings.filter(\.drifted).count)
        #expect(counter.failures > 0)
        #expect(CheckReport.table(findings).contains("\(counter.failures) of \(findings.count) metrics drifted"))
    }

    @Test("Relative tolerance judges the metrics it names")
    func tolerance() throws {
        let baseline = Baseline(result: try Self.run(Fixtures.smallPlatform()))
        let busier = try Self.run(Fixtures.smallPlatform().replacingOccurrences(of: "rate: 30/week", with: "rate: 36/week"))
        let loose = DriftCheck(mode: .statistical(alpha: 0.05), tolerances: ["clients_arrived": 0.5])
        let findings = loose.compare(baseline, with: busier)
        #expect(findings.first { $0.metric == "clients_arrived" }?.drifted == false)
        #expect(findings.first { $0.metric == "clients_arrived" }?.test == "tolerance 50%")
    }

    @Test("The CLI exits 0 on the committed baselines and 2 when it cannot run")
    func cliExitCodes() throws {
        let ok = try Fixtures.runCLI(["check", "scenarios/validation/erlang-c.yaml", "--baseline", "reports/baselines"])
        #expect(ok.status == 0, "\(ok.out)\(ok.err)")
        let exact = try Fixtures.runCLI(["check", "scenarios/validation/erlang-c.yaml", "--baseline", "reports/baselines", "--exact"])
        #expect(exact.status == 0, "\(exact.out)")
        let reseeded = try Fixtures.runCLI(["check", "scenarios/validation/erlang-c.yaml", "--baseline", "reports/baselines", "--exact", "--seed", "99"])
        #expect(reseeded.status == 1)
        #expect(reseeded.out.contains("DRIFT: exact"))
        let missing = try Fixtures.runCLI(["check", "scenarios/nonexistent.yaml", "--baseline", "reports/baselines"])
        #expect(missing.status == 2)
    }

    /// Performance work changes how the model computes, never what: a change that alters an
    /// outcome anywhere (a tie broken another way in matching, a draw moved between streams) fails
    /// here, where the statistical check of `test.sh` lets a small shift through.
    @Test("Every shipped scenario repeats its committed baseline exactly")
    func baselinesRepeatExactly() throws {
        let exact = try Fixtures.runCLI(["check", "--baseline", "reports/baselines", "--exact"])
        #expect(exact.status == 0, "\(exact.out)\(exact.err)")
        #expect(exact.out.contains("1119 metrics in 9 scenarios"), "\(exact.out)")
    }
}

final class FailureCounter: NSObject, XMLParserDelegate {
    var testcases = 0
    var failures = 0
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "testcase" { testcases += 1 }
        if name == "failure" { failures += 1 }
    }
}
