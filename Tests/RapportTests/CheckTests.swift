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
}

final class FailureCounter: NSObject, XMLParserDelegate {
    var testcases = 0
    var failures = 0
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "testcase" { testcases += 1 }
        if name == "failure" { failures += 1 }
    }
}
