import RapportKernel
import RapportModel

/// Runs one replication of one configuration.
public enum Replication {
    /// Simulates `config` as replication `index` of a run seeded with `seed`.
    ///
    /// Streams depend only on (seed, index, stream name), so the same arguments give the same
    /// result on any thread, and every variant sees the same arrivals.
    public static func run(_ config: ModelConfig, seed: UInt64, index: Int) -> ReplicationResult {
        let streams = StreamSet(seed: seed, replication: index)
        switch config.mode {
        case .continuous:
            var simulation = Simulation(model: QueueModel(config: config, streams: streams))
            simulation.model.start(&simulation.calendar)
            let end = simulation.run(until: config.horizon)
            // A run stopped by its arrival count ends when the last client is served.
            let finish = config.stopAfterArrivals != nil && simulation.calendar.count == 0 ? simulation.calendar.now : end
            return simulation.model.result(end: finish, events: simulation.eventsHandled)
        case .weekly:
            var simulation = Simulation(model: PlatformModel(config: config, streams: streams))
            simulation.model.start(&simulation.calendar)
            simulation.run(until: config.horizon)
            return simulation.model.result(events: simulation.eventsHandled)
        }
    }
}
