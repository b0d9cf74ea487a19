import Foundation
import Testing
import RapportExperiment
import RapportModel
import RapportReport
import RapportScenario

/// Decision robustness: the `uncertainty:` section, `rapport run --uncertainty N`, its statistics,
/// and that draws, jobs, shards and resumes never change the answer.
@Suite("Decision robustness (uncertainty analysis)")
struct UncertaintyTests {
    /// Few therapists against many: with demand near the smaller team's capacity, the larger one
    /// has shorter waits in every world (more servers never lengthen a queue fed the same clients).
    static func staffing(_ uncertainty: String = "") -> String {
        Fixtures.smallPlatform(extra: """
            variants:
              - name: few
                therapists:
                  - {group: generalists, count: 3, proficiency: {default: 0.8}, languages: [english, spanish], modalities: [video, phone], sustainable_level: "uniform(4, 6)"}
              - name: many
                therapists:
                  - {group: generalists, count: 14, proficiency: {default: 0.8}, languages: [english, spanish], modalities: [video, phone], sustainable_level: "uniform(4, 6)"}
            \(uncertainty)
            """, horizon: "20w")
    }

    @Test("The uncertainty: section is read with its priors and samples")
    func parses() throws {
        let scenario = try Fixtures.scenario(text: Self.staffing("""
            uncertainty:
              draws: 12
              replications: 2
              priors:
                wellbeing.growth_per_extra_session: uniform(0.6, 2.4)
                wellbeing.quits_per_year: normal(0.26, 0.03)
              samples:
                - {outcomes.quality_effect: 0.4}
                - {outcomes.quality_effect: 0.6}
            """))
        let spec = try #require(scenario.uncertainty)
        #expect(spec.draws == 12)
        #expect(spec.replications == 2)
        #expect(spec.priors.map(\.parameter) == ["wellbeing.growth_per_extra_session", "wellbeing.quits_per_year"])
        #expect(spec.priors[0].text == "uniform(0.6, 2.4)")
        #expect(spec.samples.map { $0.map(\.value) } == [[0.4], [0.6]])
        #expect(scenario.baseConfig != nil)
    }

    @Test("Every problem in the section is reported in one pass, located")
    func locatedErrors() {
        let problems = Fixtures.problems(Self.staffing("""
            uncertainty:
              draws: 0
              priors:
                wellbeing.growth_per_extra_sesion: uniform(0.6, 2.4)
                wellbeing.quits_per_year: normal(-3, 0.1)
                wellbeing.burnout_threshold: banana(1)
                wellbeing.recovery_half_life: uniform(7, 28)
              samples:
                - {outcomes.quality_effect: -1}
                - {wellbeing.recovery_half_life: 10}
                - 5
            """))
        let text = problems.joined(separator: "\n")
        #expect(problems.count == 7, "\(text)")
        #expect(text.contains(":35:10: error: uncertainty.draws: expected a number from 1 to 10000, found '0'"), "\(text)")
        #expect(text.contains(":37:5: error: uncertainty.priors.wellbeing.growth_per_extra_sesion: 'wellbeing.growth_per_extra_sesion' is not an uncertain parameter; did you mean 'wellbeing.growth_per_extra_session'?"), "\(text)")
        #expect(text.contains("uncertainty.priors.wellbeing.quits_per_year: a prior for wellbeing.quits_per_year centred at -3, outside what it can be (0 to 12)"), "\(text)")
        #expect(text.contains("uncertainty.priors.wellbeing.burnout_threshold:"), "\(text)")
        #expect(text.contains("uncertainty.samples[0].outcomes.quality_effect: expected a number from 0 to 1000, found '-1'"), "\(text)")
        #expect(text.contains("uncertainty.samples[1].wellbeing.recovery_half_life: wellbeing.recovery_half_life has a prior as well as sample values"), "\(text)")
        #expect(text.contains("uncertainty.samples[2]: expected a parameter set"), "\(text)")
        // `uncertainty:` belongs to the whole scenario, not to a variant.
        let inVariant = Fixtures.problems(Fixtures.smallPlatform(extra: "variants:\n  - name: a\n    uncertainty: {draws: 3}\n"))
        #expect(inVariant.contains { $0.contains("unknown key 'uncertainty'") }, "\(inVariant)")
    }

    @Test("The JSON Schema knows the section and names exactly the registry's parameters")
    func schema() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: SchemaTests.schemaPath))
        let schema = try JSONValue.parse(String(decoding: data, as: UTF8.self))
        let names = schema["properties"]?["uncertainty"]?["properties"]?["priors"]?["propertyNames"]?["enum"]?.array?.compactMap(\.string)
        #expect(names == UncertainParameter.all.map(\.name))
        let text = Self.staffing("""
            uncertainty:
              draws: 12
              priors: {wellbeing.quits_per_year: "normal(0.26, 0.03)"}
              samples:
                - {outcomes.quality_effect: 0.4}
            """)
        #expect(Fixtures.problems(text).isEmpty)
        let files = try SchemaTests.temporaryFiles([("uncertainty.yaml", text), ("misspelt.yaml", Self.staffing("uncertainty: {priors: {wellbeing.quits: 'uniform(0.1, 0.3)'}}"))])
        guard let result = SchemaTests.validate(files) else { return }
        #expect(result.results[files[0]] == true, "\(result.output)")
        #expect(result.results[files[1]] == false, "\(result.output)")
    }

    @Test("Impossible settings are refused before anything runs")
    func refusedUpFront() throws {
        let one = try Fixtures.scenario(text: Fixtures.smallPlatform())
        #expect(throws: UncertaintyDesign.Problem.self) { try UncertaintyDesign(scenario: one, draws: 10) }
        let two = try Fixtures.scenario(text: Self.staffing())
        #expect(throws: UncertaintyDesign.Problem.self) { try UncertaintyDesign(scenario: two, draws: 1) }
        #expect(throws: UncertaintyDesign.Problem.self) { try UncertaintyDesign(scenario: two, draws: 10_001) }
    }

    @Test("A draw's parameters are deterministic, its own, and shared by every variant that does not set them")
    func drawsAreShared() throws {
        let scenario = try Fixtures.scenario(text: Self.staffing("""
            uncertainty:
              priors:
                wellbeing.growth_per_extra_session: uniform(0.6, 2.4)
                wellbeing.admin_per_session: normal(0.01, 0.2)
            """))
        let design = try UncertaintyDesign(scenario: scenario, draws: 40)
        #expect(design.values(draw: 5).map(\.value) == design.values(draw: 5).map(\.value))
        #expect(design.values(draw: 5).map(\.value) != design.values(draw: 6).map(\.value))
        #expect(design.innerSeed(draw: 5) != design.innerSeed(draw: 6))
        // Truncated to what the parameter can be: admin load is never negative.
        let admin = (0..<40).map { design.values(draw: $0)[1].value }
        #expect(admin.allSatisfy { $0 >= 0 })
        #expect(Set(admin).count == 40)
        let world = design.scenario(draw: 5)
        let growth = design.values(draw: 5)[0].value
        for variant in world.variants { #expect(variant.config.wellbeing.growthPerExtraSession == growth) }
        // A parameter's draws do not depend on which other parameters are drawn.
        let alone = try UncertaintyDesign(scenario: try Fixtures.scenario(text: Self.staffing("""
            uncertainty:
              priors: {wellbeing.growth_per_extra_session: "uniform(0.6, 2.4)"}
            """)), draws: 40)
        #expect(alone.values(draw: 5)[0].value == growth)
        // A variant that sets the parameter itself keeps its own value.
        let own = try Fixtures.scenario(text: Fixtures.smallPlatform(extra: """
            variants:
              - name: default
              - name: no-admin
                wellbeing: {admin_per_session: 0}
            uncertainty:
              priors: {wellbeing.admin_per_session: "uniform(0.1, 0.3)"}
            """))
        let kept = try UncertaintyDesign(scenario: own, draws: 5)
        #expect(kept.kept.map { "\($0.variant): \($0.parameter)" } == ["no-admin: wellbeing.admin_per_session"])
        let keptWorld = kept.scenario(draw: 2)
        #expect(keptWorld.variants[1].config.wellbeing.adminPerSession == 0)
        #expect(keptWorld.variants[0].config.wellbeing.adminPerSession == kept.values(draw: 2)[0].value)
    }

    @Test("Without an uncertainty: section every registry parameter is drawn over its range, and demand ±20% around each variant's own")
    func defaultPriors() throws {
        let scenario = try Fixtures.scenario(text: Self.staffing())
        let design = try UncertaintyDesign(scenario: scenario, draws: 20)
        #expect(design.parameters.map(\.name) == UncertainParameter.all.map(\.name))
        for draw in 0..<20 {
            for (p, value) in zip(design.parameters, design.values(draw: draw).map(\.value)) {
                if p.name == "clients.arrivals.rate" { #expect((0.8...1.2).contains(value)) }
                else { #expect((p.registry.low...p.registry.high).contains(value), "\(p.name) = \(value)") }
            }
        }
        let factor = design.values(draw: 3).last!.value
        let world = design.scenario(draw: 3)
        #expect(abs(world.variants[0].config.clients.arrivalsPerDay - scenario.variants[0].config.clients.arrivalsPerDay * factor) < 1e-12)
    }

    @Test("samples: are drawn in turn")
    func samplesInTurn() throws {
        let scenario = try Fixtures.scenario(text: Self.staffing("""
            uncertainty:
              samples:
                - {wellbeing.quits_per_year: 0.2, outcomes.quality_effect: 0.3}
                - {wellbeing.quits_per_year: 0.25, outcomes.quality_effect: 0.5}
                - {wellbeing.quits_per_year: 0.3, outcomes.quality_effect: 0.7}
            """))
        let design = try UncertaintyDesign(scenario: scenario, draws: 7)
        let quits = (0..<7).map { design.values(draw: $0).first { $0.parameter == "wellbeing.quits_per_year" }!.value }
        #expect(quits == [0.2, 0.25, 0.3, 0.2, 0.25, 0.3, 0.2])
        #expect(design.scenario(draw: 4).variants[1].config.outcomes.qualityEffect == 0.5)
    }

    @Test("The statistics on numbers whose answer is known")
    func statistics() throws {
        // Lower waits are better: differences −1, 0, +1, +2.
        let c = try #require(Robustness.compare(variant: "b", metric: "wait_days_p50", values: [1, 2, 3, 4], reference: [2, 2, 2, 2]))
        #expect(c.better == 0.25 && c.worse == 0.5 && c.lower == 0.25 && c.higher == 0.5)
        #expect(c.median == 0.5)
        #expect(abs(c.low - -0.85) < 1e-12 && abs(c.high - 1.85) < 1e-12)
        // Higher completion is better, and a missing value leaves its world out.
        let d = try #require(Robustness.compare(variant: "b", metric: "completed_share", values: [0.5, .nan, 0.7], reference: [0.4, 0.4, 0.8]))
        #expect(d.better == 0.5 && d.worse == 0.5 && d.worlds == 2)
        // A metric without a direction of "better" has no verdict.
        #expect(Robustness.compare(variant: "b", metric: "clients_arrived", values: [1], reference: [2]) == nil)
        // Best: ties share a world.
        let best = try #require(Robustness.best(metric: "wait_days_p50", values: [[3, 1, 2], [1, 1, 5], [2, 3, 4], [9, 8, 7]]))
        let expected: [Double] = [0.375, 0.375, 0.25]
        #expect(best.shares == expected)
    }

    @Test("More therapists shorten the median wait in every plausible world; jobs, shards, merges and resumes give the same bytes")
    func knownAnswerAndReproducible() throws {
        let scenario = try Fixtures.scenario(text: Self.staffing())
        let design = try UncertaintyDesign(scenario: scenario, draws: 6, replications: 2)
        let one = try #require(UncertaintyAnalysis(design: design, jobs: 1).run())
        let two = try #require(UncertaintyAnalysis(design: design, jobs: 2).run())
        #expect(one.json().rendered() == two.json().rendered())
        let wait = try #require(one.comparisons.first { $0.metric == "wait_days_p50" && $0.variant == "many" })
        #expect(wait.better == 1 && wait.worlds == 6)
        #expect(wait.high < 0)
        #expect(one.best.first { $0.metric == "wait_days_p50" }?.shares == [0, 1])
        // Shards merged equal the whole, and a resumed run (two draws from a checkpoint) too.
        let analysis = UncertaintyAnalysis(design: design, jobs: 2)
        let parts = try (0..<3).map { i in try UncertaintyResult(json: try JSONValue.parse(analysis.run(shard: (i, 3))!.json().rendered())) }
        #expect(parts.map { $0.draws.map(\.index) } == [[0, 3], [1, 4], [2, 5]])
        #expect(try UncertaintyResult.merge(parts).json().rendered() == one.json().rendered())
        #expect(throws: ResultFileError.self) { try UncertaintyResult.merge([parts[0], parts[2]]) }
        var resumed = analysis
        resumed.finished = [1: one.draws[1], 4: one.draws[4]]
        #expect(resumed.run()?.json().rendered() == one.json().rendered())
        let sentences = UncertaintyReport.sentences(one)
        #expect(sentences == [sentences[0]])
        #expect(sentences[0].hasPrefix("many against few: cuts the median wait in 100% of plausible worlds"), "\(sentences)")
    }

    @Test("rapport run --uncertainty shards as processes, merges byte for byte, and reports in every format")
    func commandLine() throws {
        let folder = try Fixtures.temporaryFolder("rapport-uncertainty")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("staffing.yaml").path
        try Self.staffing("uncertainty: {draws: 4, replications: 1}").write(toFile: file, atomically: true, encoding: .utf8)
        // Without N, the scenario's draws.
        let whole = folder.appendingPathComponent("whole.json").path
        let run = try Fixtures.runCLI(["run", file, "--uncertainty", "--format", "json", "--output", whole, "--jobs", "2"])
        #expect(run.status == 0, "\(run.err)")
        let json = try JSONValue.parse(String(contentsOfFile: whole, encoding: .utf8))
        #expect(json["kind"]?.string == "uncertainty")
        #expect(json["draws"]?.array?.count == 4)
        var parts: [String] = []
        for i in 0..<2 {
            let part = folder.appendingPathComponent("part-\(i).json").path
            let shard = try Fixtures.runCLI(["run", file, "--uncertainty", "4", "--shard", "\(i)/2", "--format", "json", "--output", part, "--jobs", "1"])
            #expect(shard.status == 0, "\(shard.err)")
            parts.append(part)
        }
        let merged = folder.appendingPathComponent("merged.json").path
        #expect(try Fixtures.runCLI(["merge"] + parts + ["--output", merged]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: merged)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        // The whole result and a part are described by the result schema.
        if let checked = SchemaTests.validate([merged, parts[0]], schema: ResultSchemaTests.schema) {
            #expect(checked.status == 0, "\(checked.output)")
        }
        let gap = try Fixtures.runCLI(["merge", parts[0]])
        #expect(gap.status == 2 && gap.err.contains("missing"), "\(gap.err)")
        let text = try Fixtures.runCLI(["report", merged])
        #expect(text.status == 0 && text.out.contains("Robustness") && text.out.contains("many against few: cuts the median wait"), "\(text.out)\(text.err)")
        let html = try Fixtures.runCLI(["report", merged, "--format", "html"])
        #expect(html.out.contains("<svg") && html.out.contains("Probability each policy is the best"))
        #expect(try Fixtures.runCLI(["report", merged, "--format", "csv"]).out.hasPrefix("variant,reference,metric,probability_better"))
        // Usage errors exit 2.
        #expect(try Fixtures.runCLI(["run", file, "--shard", "0/2"]).status == 2)
        #expect(try Fixtures.runCLI(["run", file, "--uncertainty", "0"]).status == 2)
        #expect(try Fixtures.runCLI(["run", file, "--uncertainty", "4", "--shard", "0/2"]).status == 2)
    }
}
