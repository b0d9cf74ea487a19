import Foundation
import Testing
import RapportExperiment
import RapportModel
import RapportReport

@Suite("Metric registry")
struct MetricRegistryTests {
    @Test("The README's metric table is the registry's, word for word")
    func readmeTable() throws {
        let readme = try String(contentsOfFile: Fixtures.path("README.md"), encoding: .utf8)
        let begin = "<!-- metrics:begin (generated from MetricRegistry; MetricRegistryTests checks it) -->\n"
        let end = "<!-- metrics:end -->"
        let start = try #require(readme.range(of: begin)), stop = try #require(readme.range(of: end))
        let table = String(readme[start.upperBound..<stop.lowerBound])
        if table != MetricGlossary.markdown() {
            // Leave the expected table where a person (or an editor) can paste it from.
            let expected = Fixtures.path(".build/metrics-table.md")
            try? MetricGlossary.markdown().write(toFile: expected, atomically: true, encoding: .utf8)
            Issue.record("the README's metric table is out of date: replace it with \(expected)")
        }
    }

    @Test("Every metric a platform run reports is registered, with a definition and a denominator, and nothing registered is missing")
    func everyMetricRegistered() throws {
        let result = Experiment(scenario: try Fixtures.scenario(text: Fixtures.smallPlatform()), replications: 2).run()
        let reported = Set(result.variants[0].metrics.keys)
        let registered = Set(MetricRegistry.names)
        #expect(reported == Set(MetricRegistry.all.filter { !$0.needsPathway }.map(\.name)))
        #expect(MetricRegistry.names.count == registered.count, "no name twice")
        for d in MetricRegistry.all {
            #expect(d.definition.hasSuffix(".") && d.definition.count > 15, "\(d.name)")
            #expect(!d.over.isEmpty, "\(d.name)")
            #expect(d.unit != .share || d.name.hasSuffix("_share") || d.name.hasSuffix("_rate") || d.name == "utilisation", "\(d.name): shares say so in their name")
        }
    }

    @Test("A pathway run reports every pathway metric, per-step ones once for each treatment step, and nothing unregistered")
    func pathwayMetricsRegistered() throws {
        let result = Experiment(scenario: try Fixtures.scenario(text: Fixtures.smallPathway()), replications: 2).run()
        let reported = Set(result.variants[0].metrics.keys)
        let steps = ["low_intensity", "groups", "high_intensity"]
        var expected = Set(MetricRegistry.all.filter { !$0.perStep }.map(\.name))
        for d in MetricRegistry.all where d.perStep {
            for step in steps { expected.insert(MetricRegistry.perStepName(d.name, step: step)) }
        }
        #expect(reported == expected, "missing \(expected.subtracting(reported).sorted()), extra \(reported.subtracting(expected).sorted())")
        #expect(reported.allSatisfy { MetricRegistry.definition($0) != nil })
        #expect(MetricRegistry.definition("step_wait_days_mean.groups")?.name == "step_wait_days_mean")
        #expect(MetricRegistry.definition("wait_days_mean.groups") == nil, "only per-step metrics take a step")
    }

    @Test("burnout_risk_share has one definition: the registry's, used by the table tooltip and the frontier axis")
    func oneBurnoutDefinition() throws {
        let d = try #require(MetricRegistry.definition("burnout_risk_share"))
        #expect(d.over == "active therapists' working days")
        let result = Experiment(scenario: try Fixtures.scenario(text: Fixtures.smallPlatform()), replications: 2).run()
        let html = HTMLReport.render(result)
        #expect(html.contains(d.definition.replacingOccurrences(of: "'", with: "&#39;")) || html.contains(d.definition))
    }
}

extension MetricRegistryTests {
    @Test("The result schema lists every registered metric with the registry's definition and denominator")
    func resultSchema() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("schema/result.schema.json")))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        let variant = try #require(defs["variant"] as? [String: Any])
        let metrics = try #require((variant["properties"] as? [String: Any])?["metrics"] as? [String: Any])
        let properties = try #require(metrics["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(MetricRegistry.names))
        for d in MetricRegistry.all {
            let description = (properties[d.name] as? [String: Any])?["description"] as? String
            #expect(description == "\(d.definition) Over: \(d.over). Unit: \(d.unit.rawValue). Better: \(d.better.rawValue).", "\(d.name)")
        }
    }
}
