import Testing
import Foundation

/// `schema/result.schema.json` documents every JSON file Rapport writes. These tests validate the
/// committed examples and baselines against it, and fresh sweep, merge and plan files, with the
/// same Python `jsonschema` check as the scenario schema.
@Suite("Result JSON Schema")
struct ResultSchemaTests {
    static let schema = Fixtures.path("schema/result.schema.json")

    static func jsonFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path(folder))) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { Fixtures.path("\(folder)/\($0)") }
    }

    @Test("Every example result and every baseline validates against the result schema")
    func committedFilesValidate() throws {
        let files = Self.jsonFiles(in: "reports/examples") + Self.jsonFiles(in: "reports/baselines")
        #expect(files.count >= 8)
        guard let result = SchemaTests.validate(files, schema: Self.schema) else { return }
        #expect(result.status == 0, "\(result.output)")
        #expect(result.results.count == files.count, "\(result.output)")
    }

    @Test("Fresh sweep, shard, merge and plan files validate; a tampered result does not")
    func freshFilesValidate() throws {
        let folder = try Fixtures.temporaryFolder("rapport-result-schema")
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let sweep = ["sweep", "scenarios/validation/erlang-c.yaml", "--replications", "2", "--jobs", "1",
                     "--set", "stop_after_arrivals=2000", "--set", "therapists[0].count=10,11"]
        #expect(try Fixtures.runCLI(sweep + ["--output", path("whole.json")]).status == 0)
        #expect(try Fixtures.runCLI(sweep + ["--shard", "0/2", "--output", path("part-0.json")]).status == 0)
        #expect(try Fixtures.runCLI(sweep + ["--shard", "1/2", "--output", path("part-1.json")]).status == 0)
        #expect(try Fixtures.runCLI(["merge", path("part-0.json"), path("part-1.json"), "--output", path("merged.json")]).status == 0)
        let plan = try Fixtures.runCLI(["plan", "scenarios/validation/erlang-c.yaml", "--replications", "2", "--set", "stop_after_arrivals=2000",
                                        "--target", "waited_share<=60%", "--output", path("plan.json")])
        #expect(plan.status == 0 || plan.status == 1, "\(plan.err)")
        let run = try Fixtures.runCLI(["run", "scenarios/validation/erlang-c.yaml", "--replications", "2", "--set", "stop_after_arrivals=2000", "--format", "json"])
        let tampered = run.out.replacingOccurrences(of: "\"schema_version\": 1", with: "\"schema_version\": 1, \"surprise\": true")
        try tampered.write(toFile: path("tampered.json"), atomically: true, encoding: .utf8)
        let files = ["whole.json", "part-0.json", "merged.json", "plan.json", "tampered.json"].map(path)
        guard let result = SchemaTests.validate(files, schema: Self.schema) else { return }
        for file in files.dropLast() { #expect(result.results[file] == true, "\(file): \(result.output)") }
        #expect(result.results[path("tampered.json")] == false, "an unknown field is caught")
    }
}
