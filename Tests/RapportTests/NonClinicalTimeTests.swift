import Testing
import RapportExperiment
import RapportModel

/// `non_clinical`: notes, supervision and training take capacity and add load.
@Suite("Non-clinical time")
struct NonClinicalTimeTests {
    static func platform(_ time: String) -> String {
        Fixtures.smallPlatform(extra: time.isEmpty ? "" : "non_clinical: \(time)", policy: "quota: {fixed-quota: 8}")
    }

    @Test("Notes and supervision take slots from the day", arguments: [
        ("", 40), ("{notes: 20m}", 30), ("{supervision: 2h/week}", 35), ("{notes: 15m, supervision: 5h/week}", 30),
    ])
    func slotsTaken(time: String, weeklySlots: Int) throws {
        let model = Fixtures.simulate(try Fixtures.config(Self.platform(time)))
        #expect(model.weeklySlots(of: 0) == weeklySlots)
    }

    @Test("Training days cut sessions and scheduled non-clinical work adds exhaustion")
    func trainingAndLoad() throws {
        func metrics(_ time: String) throws -> [String: Double] {
            Experiment(scenario: try Fixtures.scenario(text: Self.platform(time)), replications: 3).run().variants[0].metrics.mapValues(\.mean)
        }
        let plain = try metrics("")
        let training = try metrics("{training: 1/week}")
        let supervised = try metrics("{supervision: 4h/week, load_weight: 1}")
        #expect(training["sessions_per_client_week"]! < 0.9 * plain["sessions_per_client_week"]!)
        #expect(supervised["exhaustion_mean"]! > plain["exhaustion_mean"]!)
    }

    @Test("Non-clinical time that leaves no session in a day is refused")
    func noRoomLeft() {
        let problems = Fixtures.problems(Self.platform("{notes: 8h}"))
        #expect(problems.count == 2 && problems.allSatisfy { $0.contains("no session fits a working day") }, "\(problems)")
    }
}
