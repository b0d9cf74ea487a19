import Testing
import RapportExperiment
import RapportModel

/// Part-time therapists: an FTE per group, so headcount and FTE differ.
@Suite("Part-time staff")
struct PartTimeTests {
    static func platform(fte: String) -> String {
        Fixtures.smallPlatform(policy: "quota: {fixed-quota: 6}")
            .replacingOccurrences(of: "    count: 10\n", with: "    count: 10\n    fte: \(fte)\n")
    }

    @Test("A 0.5 FTE therapist offers half the slots and half the quota's sessions")
    func halfTimeHalfSlots() throws {
        let full = Fixtures.simulate(try Fixtures.config(Self.platform(fte: "1.0")))
        let half = Fixtures.simulate(try Fixtures.config(Self.platform(fte: "0.5")))
        // Therapist 0 is a generalist on the starting roster in both runs.
        #expect(full.weeklySlots(of: 0) == 40 && half.weeklySlots(of: 0) == 20)
        #expect(full.capacity(of: 0, day: 100).weekly == 30 && half.capacity(of: 0, day: 100).weekly == 15)
        // The specialists, full-time over five days, are untouched.
        #expect(half.weeklySlots(of: 12) == 40)
    }

    @Test("Per-FTE metrics count FTE, not heads; fte_end weighs each therapist")
    func perFTEUsesFTE() throws {
        let result = Experiment(scenario: try Fixtures.scenario(text: Self.platform(fte: "0.5")), replications: 2).run()
        let m = result.variants[0].metrics
        let fte = try #require(m["fte_end"]?.mean), heads = try #require(m["headcount_end"]?.mean)
        #expect(fte < heads)
        // Ten generalists at 0.5 and four specialists at 1 when nobody has left.
        #expect(fte <= 9.0 + 1e-9 && fte >= 7)
    }

    @Test("An FTE above what the working days allow is refused, at the line")
    func tooMuchFTE() {
        let text = Self.platform(fte: "0.9").replacingOccurrences(of: "    fte: 0.9\n", with: "    fte: 0.9\n    working_days: [mon, tue, wed, thu]\n")
        let problems = Fixtures.problems(text)
        #expect(problems.count == 1 && problems[0].contains("therapists[0].fte") && problems[0].contains("at most 0.8"), "\(problems)")
    }
}
