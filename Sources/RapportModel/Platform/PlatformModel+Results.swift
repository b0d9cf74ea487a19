extension PlatformModel {
    /// The replication's metrics, series and distributions.
    public func result(events: Int) -> ReplicationResult {
        var r = tally.result(therapists: therapists, wellbeing: config.wellbeing.enabled, events: events)
        if config.clinical.enabled {
            outcomes.record(into: &r, fteYears: tally.fteDays / 365, therapists: therapists)
        }
        if let pathway { pathway.tally.record(into: &r, config: pathway.config, clinical: config.clinical.enabled) }
        if waiting.count > 0, r.metrics["clients_arrived", default: 0] > 0 {
            let weekly = r.series["waitlist"] ?? []
            if weekly.count >= 8 {
                let recent = weekly.suffix(4).reduce(0, +) / 4
                let earlier = weekly.dropLast(4).suffix(4).reduce(0, +) / 4
                // Growth by more than a quarter of the month's arrivals is demand outrunning
                // capacity, not the noise or seasonality of a stable waitlist.
                let arrivalsPerFourWeeks = r.metrics["clients_arrived", default: 0] / Double(weekly.count) * 4
                if recent - earlier > 0.25 * arrivalsPerFourWeeks {
                    r.warnings.append("the waitlist was still growing at the end of the run (\(Int(earlier)) → \(Int(recent)) over the last 8 weeks): demand may exceed capacity")
                }
            }
        }
        return r
    }
}
