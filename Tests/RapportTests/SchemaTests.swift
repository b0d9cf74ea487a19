import Testing
import Foundation

/// `schema/scenario.schema.json` is what editors use to check scenario files as they are typed.
/// These tests validate YAML against it with Python's `jsonschema` and `yaml` (PyYAML) modules,
/// and check that it agrees with the loader on files each should accept or refuse.
@Suite("Scenario JSON Schema")
struct SchemaTests {
    static let schemaPath = Fixtures.path("schema/scenario.schema.json")

    /// Validates each file named on the command line; prints `RESULT <file> ok|invalid` for each,
    /// with the reasons, and exits 0 when all are valid, 10 when any is not, 3 without the modules.
    static let script = #"""
        import json, sys
        try:
            import yaml, jsonschema
        except ImportError as error:
            print("missing Python module: %s" % error.name)
            sys.exit(3)
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        def plain(node):
            # As JSON sees YAML: keys are text, and dates are the text they were written as.
            if isinstance(node, dict):
                return {str(k): plain(v) for k, v in node.items()}
            if isinstance(node, list):
                return [plain(v) for v in node]
            if hasattr(node, "isoformat"):
                return node.isoformat()
            return node
        invalid = 0
        for path in sys.argv[2:]:
            with open(path, encoding="utf-8") as f:
                document = plain(yaml.safe_load(f))
            errors = list(validator.iter_errors(document))
            print("RESULT %s %s" % (path, "invalid" if errors else "ok"))
            for error in errors:
                where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
                print("  %s: %s" % (where, error.message[:400]))
            invalid += bool(errors)
        sys.exit(10 if invalid else 0)
        """#

    static let installHint = "install Python 3 with the jsonschema and PyYAML modules "
        + "(apt-get install python3-jsonschema python3-yaml, or pip install jsonschema pyyaml)"

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Validates `files` (YAML or JSON) against `schema`; nil, with an issue recorded, when the
    /// tools are missing.
    static func validate(_ files: [String], schema: String = schemaPath) -> (status: Int32, output: String, results: [String: Bool])? {
        let probe: (status: Int32, output: String)
        do {
            probe = try run(["-c", """
                import importlib.util, sys
                missing = [m for m in ("yaml", "jsonschema") if importlib.util.find_spec(m) is None]
                print(", ".join(missing)); sys.exit(1 if missing else 0)
                """])
        } catch {
            Issue.record("cannot start /usr/bin/env python3 (\(error)); \(installHint)")
            return nil
        }
        guard probe.status == 0 else {
            let what = probe.status == 127 ? "python3 is not on the PATH"
                : "python3 lacks the module(s) \(probe.output.trimmingCharacters(in: .whitespacesAndNewlines))"
            Issue.record("the schema tests need Python: \(what); \(installHint)")
            return nil
        }
        do {
            let result = try run(["-c", script, schema] + files)
            var results: [String: Bool] = [:]
            for line in result.output.split(separator: "\n") where line.hasPrefix("RESULT ") {
                let parts = line.dropFirst("RESULT ".count)
                if let space = parts.lastIndex(of: " ") {
                    results[String(parts[..<space])] = parts[parts.index(after: space)...] == "ok"
                }
            }
            return (result.status, result.output, results)
        } catch {
            Issue.record("cannot run python3: \(error); \(installHint)")
            return nil
        }
    }

    /// Writes `texts` to a fresh temporary folder; returns their paths in order.
    static func temporaryFiles(_ texts: [(name: String, text: String)]) throws -> [String] {
        let folder = try Fixtures.temporaryFolder("rapport-schema")
        return try texts.map { item in
            let url = folder.appendingPathComponent(item.name)
            try item.text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
    }

    static var shippedScenarioPaths: [String] {
        let folder = Fixtures.root.appendingPathComponent("scenarios")
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var result: [String] = []
        while let item = walker?.nextObject() as? String {
            if item.hasSuffix(".yaml") { result.append(folder.appendingPathComponent(item).path) }
        }
        return result.sorted()
    }

    @Test("Every shipped scenario is valid against the schema")
    func shippedScenariosValidate() throws {
        #expect(FileManager.default.fileExists(atPath: Self.schemaPath), "missing \(Self.schemaPath)")
        let files = Self.shippedScenarioPaths
        #expect(files.count >= 4, "expected the shipped scenarios under scenarios/")
        guard let result = Self.validate(files) else { return }
        #expect(result.status == 0, "schema validation failed:\n\(result.output)")
        #expect(result.results.count == files.count, "not every file was checked:\n\(result.output)")
    }

    @Test("An unknown top-level key fails schema validation")
    func unknownTopLevelKeyFails() throws {
        let text = try String(contentsOfFile: Fixtures.path("scenarios/baseline.yaml"), encoding: .utf8) + "\nhorizn: 4w\n"
        let files = try Self.temporaryFiles([("horizn.yaml", text)])
        guard let result = Self.validate(files) else { return }
        #expect(result.status == 10, "expected the schema to refuse 'horizn', got status \(result.status):\n\(result.output)")
        #expect(result.results[files[0]] == false)
        #expect(result.output.contains("horizn"), "the schema's message should name the unknown key:\n\(result.output)")
        // The loader refuses it too.
        #expect(!Fixtures.problems(text).isEmpty)
    }

    /// Broken scenarios the loader refuses; the schema must refuse each as well.
    static var brokenScenarios: [(name: String, text: String)] {
        let base = Fixtures.smallPlatform()
        func replacing(_ old: String, _ new: String) -> String {
            if !base.contains(old) { Issue.record("Fixtures.smallPlatform() no longer contains '\(old)'; update this case") }
            return base.replacingOccurrences(of: old, with: new)
        }
        return [
            ("unknown-key.yaml", base + "\nhorizn: 4w\n"),
            ("misspelt-parameter.yaml", replacing("median=6", "medain=6")),
            ("unknown-distribution.yaml", replacing("lognormal(median", "lognormol(median")),
            ("duration-without-unit.yaml", replacing("horizon: 26w", "horizon: 26")),
            ("rate-without-unit.yaml", replacing("rate: 30/week", "rate: 30")),
            ("negative-horizon.yaml", replacing("horizon: 26w", "horizon: -26w")),
            ("zero-horizon.yaml", replacing("horizon: 26w", "horizon: 0w")),
            ("unknown-matching.yaml", Fixtures.smallPlatform(policy: "matching: fastest")),
            ("bare-fixed-quota.yaml", Fixtures.smallPlatform(policy: "quota: fixed-quota")),
            ("fixed-quota-13.yaml", Fixtures.smallPlatform(policy: "quota: {fixed-quota: 13}")),
            ("two-quotas.yaml", Fixtures.smallPlatform(policy: "quota: {fixed-quota: 6, competition: {}}")),
            ("best-fit-unknown-setting.yaml", Fixtures.smallPlatform(policy: "matching: {best-fit: {tolerence: 7d}}")),
            ("unknown-severity.yaml", base.replacingOccurrences(of: "  modality:", with: "  severity: {mild: 0.5, extreme: 0.5}\n  modality:")),
            ("probability-above-1.yaml", base.replacingOccurrences(of: "  modality:", with: "  no_show: {first: 1.5}\n  modality:")),
            ("unknown-client-key.yaml", replacing("  arrivals: {rate: 30/week}", "  arrivals: {rate: 30/week}\n  arrival: {rate: 30/week}")),
            ("slots-13.yaml", replacing("    count: 4\n", "    count: 4\n    slots_per_day: 13\n")),
            ("group-and-name.yaml", replacing("  - group: specialists", "  - group: specialists\n    name: Dr Lee")),
            ("no-count.yaml", replacing("    count: 4\n", "")),
            ("bad-weekday.yaml", replacing("    count: 4\n", "    count: 4\n    working_days: [mon, funday]\n")),
            ("missing-therapists.yaml", base.components(separatedBy: "therapists:")[0]),
            ("variant-seed.yaml", base + "\nvariants:\n  - name: a\n    seed: 3\n"),
            ("variant-without-name.yaml", base + "\nvariants:\n  - horizon: 8w\n"),
            ("empty-variants.yaml", base + "\nvariants: []\n"),
            ("unknown-metric.yaml", base + "\ncheck:\n  tolerance: {wait_time: 0.1}\n"),
            ("hard-constraint.yaml", base + "\nmatch_quality:\n  hard_constraints: [gender]\n"),
            ("wellbeing-flag.yaml", base + "\nwellbeing:\n  enabled: maybe\n"),
            ("mode.yaml", base + "\nmode: daily\n"),
        ]
    }

    @Test("The schema refuses scenarios the loader refuses for reasons a schema can see")
    func brokenScenariosFail() throws {
        let cases = Self.brokenScenarios
        for item in cases {
            #expect(!Fixtures.problems(item.text, file: item.name).isEmpty, "the loader accepted \(item.name)")
        }
        let files = try Self.temporaryFiles(cases)
        guard let result = Self.validate(files) else { return }
        #expect(result.status == 10, "\(result.output)")
        for (item, file) in zip(cases, files) {
            #expect(result.results[file] == false, "the schema accepted \(item.name):\n\(item.text)")
        }
    }

    /// Alternative forms the loader accepts; the schema must accept each as well.
    static var alternativeForms: [(name: String, text: String)] {
        let base = Fixtures.smallPlatform()
        return [
            ("kitchen-sink.yaml", FuzzTests.kitchenSink),
            ("small-platform.yaml", base),
            ("bare-matching.yaml", Fixtures.smallPlatform(policy: "matching: client-choice")),
            ("quota-bounds.yaml", Fixtures.smallPlatform(policy: "quota: {fixed-quota: 6, floor: 2, ceiling: 8}")),
            ("quota-empty-settings.yaml", Fixtures.smallPlatform(policy: "quota: {competition: }")),
            ("matching-null-settings.yaml", Fixtures.smallPlatform(policy: "matching: {earliest-available: }")),
            ("distribution-mapping.yaml", base.replacingOccurrences(of: "sessions_needed: lognormal(median=6, sigma=0.6, min=1, max=20)",
                                                                   with: "sessions_needed: {uniform: [2, 12]}")),
            ("distribution-constant.yaml", base.replacingOccurrences(of: "sessions_needed: lognormal(median=6, sigma=0.6, min=1, max=20)",
                                                                    with: "sessions_needed: 8")),
            ("distribution-case.yaml", base.replacingOccurrences(of: "lognormal(median=6, sigma=0.6, min=1, max=20)",
                                                                with: "LogNormal( Median = 6 , sigma=0.6, MAX=20, min=1 )")),
            ("patience-none.yaml", base.replacingOccurrences(of: "  modality:", with: "  patience: None\n  modality:")),
            ("patience-duration.yaml", base.replacingOccurrences(of: "  modality:", with: "  patience: 10 days\n  modality:")),
            ("rate-per-span.yaml", base.replacingOccurrences(of: "rate: 30/week", with: "rate: 120 / 4w")),
            ("numbers-as-text.yaml", base.replacingOccurrences(of: "count: 10", with: "count: 1_0")),
            ("whole-float.yaml", base.replacingOccurrences(of: "count: 10", with: "count: 10.0")),
            ("booleans.yaml", base + "\nwellbeing:\n  enabled: off\nstaffing:\n  replace_departures: NO\n"),
            ("warmup-zero.yaml", base.replacingOccurrences(of: "warmup: 4w", with: "warmup: 0d")),
            ("languages-scalar.yaml", base.replacingOccurrences(of: "languages: [english]", with: "languages: english")),
            ("no-hard-constraints.yaml", base + "\nmatch_quality:\n  hard_constraints: []\n"),
            ("hires.yaml", base + "\nstaffing:\n  hires:\n    - {at: 0d, group: generalists, count: 1}\n"),
            ("sweep.yaml", base + "\nsweep:\n  clients.arrivals.rate: [20/week, 30/week]\n  therapists[0].count: [8, 10]\n"),
            ("partial-variant.yaml", base + "\nvariants:\n  - name: busier\n    clients: {arrivals: {rate: 40/week}}\n  - name: same\n"),
        ]
    }

    @Test("The schema accepts the alternative forms the loader accepts")
    func alternativeFormsValidate() throws {
        let cases = Self.alternativeForms
        for item in cases {
            #expect(Fixtures.problems(item.text, file: item.name).isEmpty, "the loader refused \(item.name): \(Fixtures.problems(item.text))")
        }
        let files = try Self.temporaryFiles(cases)
        guard let result = Self.validate(files) else { return }
        #expect(result.status == 0, "\(result.output)")
        for (item, file) in zip(cases, files) {
            #expect(result.results[file] == true, "the schema refused \(item.name)")
        }
    }
}
