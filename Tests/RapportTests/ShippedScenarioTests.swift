import Testing
import Foundation
import RapportScenario

@Suite("Shipped scenarios")
struct ShippedScenarioTests {
    static var files: [String] {
        let scenarios = Fixtures.root.appendingPathComponent("scenarios")
        let walker = FileManager.default.enumerator(atPath: scenarios.path)
        var result: [String] = []
        while let item = walker?.nextObject() as? String {
            if item.hasSuffix(".yaml") { result.append("scenarios/" + item) }
        }
        return result.sorted()
    }

    @Test("Every shipped scenario loads without errors")
    func allLoad() throws {
        #expect(Self.files.count >= 4)
        for file in Self.files {
            #expect(throws: Never.self, "\(file)") { _ = try Fixtures.scenario(file) }
        }
    }

    @Test("Distributions and units read as written")
    func units() throws {
        let s = try Fixtures.scenario("scenarios/validation/erlang-a.yaml")
        let c = try #require(s.variants.first?.config)
        #expect(abs(c.clients.arrivalsPerDay - 18 * 24) < 1e-9)
        #expect(abs(c.clients.sessionLength.mean - 1.0 / 24) < 1e-12)
        #expect(abs((c.clients.patience?.mean ?? 0) - 2.0 / 24) < 1e-12)
        #expect(Units.days("50m") == 50.0 / 1440)
        #expect(Units.days("6w") == 42)
        #expect(Units.perDay("110/week") == 110.0 / 7)
    }

    @Test("A file without variants has one variant named base; variants override the base")
    func variants() throws {
        let base = try Fixtures.scenario(text: Fixtures.smallPlatform())
        #expect(base.variants.map(\.name) == ["base"])
        let text = Fixtures.smallPlatform(extra: "variants:\n  - name: quota\n    policy: {quota: {fixed-quota: 7}}\n  - name: same")
        let s = try Fixtures.scenario(text: text)
        #expect(s.variants.map(\.name) == ["quota", "same"])
        #expect(s.variants[0].config.quota.name == "fixed-quota")
        #expect(s.variants[1].config.quota.name == "individual-thresholds")
        #expect(s.variants[0].config.clients.arrivalsPerDay == s.variants[1].config.clients.arrivalsPerDay)
    }
}
