import Testing
import RapportExperiment
import RapportKernel
import RapportModel
import RapportRandom

@Suite("Matching policies")
struct MatchingTests {
    static func randomCandidates(_ stream: RandomStream, count: Int) -> [Candidate] {
        (0..<count).map { Candidate(therapist: $0, firstSession: Double(stream.index(below: 60)) + stream.uniform(), quality: stream.uniform()) }
    }

    @Test("Best-fit never picks beyond its tolerance, and picks the best fit within it", arguments: 0..<40)
    func bestFitTolerance(seed: Int) {
        let stream = RandomStream(seed: UInt64(seed), replication: 0, name: "candidates")
        let candidates = Self.randomCandidates(stream, count: 1 + stream.index(below: 30))
        let tolerance = Double(stream.index(below: 21))
        let choice = MatchingPolicy.bestFit(toleranceDays: tolerance).choose(from: candidates, choiceStream: stream)!
        let earliest = candidates.map(\.firstSession).min()!
        #expect(choice.firstSession <= earliest + tolerance)
        let eligible = candidates.filter { $0.firstSession <= earliest + tolerance }
        #expect(choice.quality == eligible.map(\.quality).max())
        let first = MatchingPolicy.earliestAvailable.choose(from: candidates, choiceStream: stream)!
        #expect(first.firstSession == earliest)
    }

    @Test("Hard constraints are never violated, under every policy", arguments: ["earliest-available", "best-fit", "batch-optimal", "client-choice"])
    func hardConstraints(policy: String) throws {
        let scenario = try Fixtures.scenario("scenarios/matching.yaml")
        var config = scenario.variants.first { $0.name == policy }!.config
        config.fit.modalityIsHard = true
        config.horizon = 120
        var simulation = Simulation(model: PlatformModel(config: config, streams: StreamSet(seed: 5, replication: 0)))
        simulation.model.recordsMatches = true
        simulation.model.start(&simulation.calendar)
        simulation.run(until: config.horizon)
        let log = simulation.model.matchLog
        #expect(log.count > 500)
        for match in log {
            #expect(match.therapistLanguages.contains(match.clientLanguage))
            #expect(match.therapistModalities.contains(match.clientModality))
        }
    }

    @Test("Fit-aware policies beat earliest-available on match quality; batch-optimal wins its own objective")
    func policiesCompared() throws {
        let scenario = try Fixtures.scenario("scenarios/matching.yaml")
        let result = Experiment(scenario: scenario, replications: 5).run()
        func mean(_ v: String, _ m: String) -> Double { result.variants.first { $0.name == v }!.metrics[m]!.mean }
        func diff(_ v: String, _ m: String) -> PairedDifference { result.comparisons.first { $0.variant == v && $0.metric == m }! }
        #expect(diff("best-fit", "match_quality_mean").ciLow! > 0.05)
        #expect(diff("batch-optimal", "match_quality_mean").ciLow! > 0.05)
        // The objective batch-optimal maximises: Σ q − α·wait, per match, with α = 0.01 per day.
        let alpha = 0.01
        let objective = { (v: String) in mean(v, "match_quality_mean") - alpha * mean(v, "wait_days_mean") }
        #expect(objective("batch-optimal") >= objective("best-fit"))
        // The wait cost is reported beside it.
        #expect(diff("best-fit", "wait_days_mean").mean > 0)
        let arrivals = result.variants.map { $0.metrics["clients_arrived"]!.values }
        for a in arrivals { #expect(a == arrivals[0]) }
    }

    @Test("Clearer profiles raise the match quality of client choice")
    func profileClarity() throws {
        var qualities: [Double] = []
        for clarity in ["0.0", "0.9"] {
            let scenario = try Fixtures.scenario("scenarios/matching.yaml", overrides: [
                ("variants[3].policy.matching.client-choice.profile_clarity", clarity),
                ("variants[3].policy.matching.client-choice.noise", "0.6"),
            ])
            let choice = scenario.variants.filter { $0.name == "client-choice" }
            var restricted = scenario
            restricted.variants = choice
            qualities.append(Experiment(scenario: restricted, replications: 4).run().variants[0].metrics["match_quality_mean"]!.mean)
        }
        #expect(qualities[1] > qualities[0] + 0.02)
    }

    @Test("A client with no feasible therapist waits and is counted")
    func noFeasibleTherapist() throws {
        let text = Fixtures.smallPlatform(extra: "match_quality: {hard_constraints: [language, modality]}")
            .replacingOccurrences(of: "modality: {video: 0.7, phone: 0.3}", with: "modality: {video: 0.7, phone: 0.2, chat: 0.1}")
        // Nobody offers chat: refused up front.
        #expect(Fixtures.problems(text).count == 1)
        let soft = Fixtures.smallPlatform().replacingOccurrences(of: "language: {english: 0.8, spanish: 0.2}", with: "language: {english: 0.8, spanish: 0.2}")
        let result = Experiment(scenario: try Fixtures.scenario(text: soft), replications: 2).run()
        #expect(result.variants[0].metrics["no_feasible_therapist_share"]!.mean == 0)
    }
}
