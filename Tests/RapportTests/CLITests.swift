import Testing
import Foundation

/// The command line as people use it: exit codes and what lands on the terminal.
@Suite("Command line")
struct CLITests {
    @Test("validate on a broken file exits 2 with located messages and does not crash")
    func validateBroken() throws {
        let folder = try Fixtures.temporaryFolder("rapport-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.yaml").path
        try "name: x\nhorizon: 52\nclients:\n  arivals: {rate: 1/week}\ntherapists: []\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try Fixtures.runCLI(["validate", file])
        #expect(run.status == 2)
        #expect(run.err.contains("broken.yaml:2:10: error: horizon: expected a duration with a unit"))
        #expect(run.err.contains("broken.yaml:4:3: error: clients.arivals: unknown key 'arivals'; did you mean 'arrivals'?"))
        #expect(run.err.hasSuffix("errors\n"))
        let runToo = try Fixtures.runCLI(["run", file])
        #expect(runToo.status == 2)
        #expect(runToo.out.isEmpty)
    }

    @Test("validate accepts every shipped scenario")
    func validateShipped() throws {
        let run = try Fixtures.runCLI(["validate", "scenarios/baseline.yaml", "scenarios/quota-vs-thresholds.yaml", "scenarios/matching.yaml"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("scenarios/quota-vs-thresholds.yaml: ok (8 variants: individual-thresholds, thresholds-exact, fixed-quota-4, fixed-quota-5, fixed-quota-6, fixed-quota-7, fixed-quota-8, competition)"))
    }

    @Test("run agrees with Erlang C through the command line, and the same seed gives identical JSON twice")
    func runJSON() throws {
        let args = ["run", "scenarios/validation/erlang-c.yaml", "--replications", "3", "--format", "json"]
        let first = try Fixtures.runCLI(args), second = try Fixtures.runCLI(args)
        #expect(first.status == 0)
        #expect(first.out == second.out)
        #expect(first.out.contains("\"schema_version\": 1"))
        #expect(first.out.contains("\"waited_share\": {"))
    }

    @Test("Bad flags get a usage error, not a crash")
    func badFlags() throws {
        #expect(try Fixtures.runCLI(["run", "scenarios/baseline.yaml", "--replications", "0"]).status != 0)
        #expect(try Fixtures.runCLI(["sweep", "scenarios/baseline.yaml", "--shard", "3/3"]).status != 0)
        #expect(try Fixtures.runCLI(["plan", "scenarios/baseline.yaml", "--target", "wait<14"]).status != 0)
        #expect(try Fixtures.runCLI(["report", "/nonexistent.json"]).status == 2)
    }
}
