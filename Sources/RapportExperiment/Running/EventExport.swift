import RapportKernel
import RapportModel

/// `rapport run --export-events`: one replication recorded as a platform's extract.
public enum EventExport {
    /// Day 0 of a simulation on the extract's calendar: Monday 1 January 2018, so weekdays and
    /// months match the model's calendar (day 0 a Monday in January) for the first two years.
    public static let epochDay = 17_532

    /// Simulates replication `index` of `config` (weekly mode) and returns what a platform's
    /// extract of it would hold on its last day.
    public static func extract(_ config: ModelConfig, seed: UInt64, index: Int) -> PlatformExtract {
        let recorder = EventRecorder(epochDay: epochDay)
        var simulation = Simulation(model: PlatformModel(config: config, streams: StreamSet(seed: seed, replication: index)))
        simulation.model.record(into: recorder)
        simulation.model.start(&simulation.calendar)
        simulation.run(until: config.horizon)
        return recorder.extract(lastDay: Int(config.horizon.rounded(.up)) - 1)
    }
}
