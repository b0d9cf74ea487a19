import Testing
import RapportModel

@Suite("Capacity without rounding loss")
struct CapacityTests {
    @Test("A level of 5.5 over five days gives 27 or 28 sessions a week, each day 5 or 6")
    func halfSessions() {
        let early = (0..<5).map { QuotaRegime.sessions(onWorkingDay: $0, level: 5.5, phase: 0) }
        let late = (0..<5).map { QuotaRegime.sessions(onWorkingDay: $0, level: 5.5, phase: 0.75) }
        #expect(early == [5, 6, 5, 6, 5])
        #expect(late == [6, 5, 6, 5, 6])
        #expect(early.reduce(0, +) == 27 && late.reduce(0, +) == 28)
    }

    @Test("Over therapists' phases the week's mean is exactly level × days, for any level", arguments: [0.3, 4.0, 4.25, 5.5, 5.9, 7.75])
    func noLossOnAverage(level: Double) {
        let phases = (0..<1000).map { (Double($0) + 0.5) / 1000 }
        for days in 1...7 {
            var total = 0
            for phase in phases {
                let week = (0..<days).map { QuotaRegime.sessions(onWorkingDay: $0, level: level, phase: phase) }
                #expect(week.allSatisfy { Double($0) >= level.rounded(.down) && Double($0) <= level.rounded(.up) })
                total += week.reduce(0, +)
            }
            #expect(abs(Double(total) / Double(phases.count) - level * Double(days)) < 0.01)
        }
    }

    @Test("A whole-number level is the same every day whatever the phase")
    func wholeLevels() {
        for phase in [0.0, 0.3, 0.99] {
            #expect((0..<5).map { QuotaRegime.sessions(onWorkingDay: $0, level: 6, phase: phase) } == [6, 6, 6, 6, 6])
        }
    }
}
