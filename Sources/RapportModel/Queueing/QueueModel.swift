import RapportKernel
import RapportRandom

/// Continuous scheduling: `servers` therapists available around the clock, clients served first
/// come first served, one session each, optionally abandoning after their patience runs out.
///
/// With exponential gaps and sessions this is M/M/c, and M/M/c+M with exponential patience, so
/// it must reproduce Erlang C and Erlang A; the validation tests hold it to that.
///
/// With a pathway, each step is a station of its own servers and session length, in tandem: a
/// client served at one step joins the next step's line (patience applies at the first step
/// only). With exponential sessions this is a Jackson network, each step an M/M/c of its own.
public struct QueueModel: DiscreteEventModel {
    public enum Event {
        case arrival
        /// A session ends at station `station`.
        case departure(station: Int32)
        /// Fires at a waiting client's patience deadline; `client` is their arrival number.
        case abandonment(client: Int)
    }

    /// Mean gap between arrivals, in days.
    private let meanGap: Double
    private let stationNames: [String]?
    private let warmup: Double
    private let stopAfterArrivals: Int
    private let patience: Distribution?
    private let arrivalStream: RandomStream
    private let serviceStream: RandomStream
    private let patienceStream: RandomStream

    /// The first station, where clients arrive (the only one without a pathway). It is kept apart
    /// from the later ones so that plain M/M/c touches no array of stations on its hot path.
    private var first: QueueStation
    /// The stations after the first, in pathway order (station k is `later[k - 1]`).
    private var later: [QueueStation]
    /// Busy servers over all stations, which utilisation integrates.
    private var busyTotal = 0
    private var arrivals = 0
    /// Clients who moved on to a later station's line, numbering them there.
    private var transfers = 0
    private var lastChange = 0.0
    private var busyIntegral = 0.0
    private var measuredArrivals = 0
    private var waitedCount = 0
    private var abandonedCount = 0
    private var served = 0

    /// Creates the model for one replication; schedule the first arrival with `start(_:)`.
    public init(config: ModelConfig, streams: StreamSet) {
        meanGap = 1 / config.clients.arrivalsPerDay
        // Patience applies at the first station only, so only its line needs clients' numbers.
        let patient = config.clients.patience != nil
        if let steps = config.pathway?.steps {
            let stations = steps.enumerated().map { k, step in
                QueueStation(servers: step.therapistGroups.reduce(0) { $0 + config.therapistGroups[$1].count },
                             sessionLength: step.serviceTime ?? config.clients.sessionLength, numbered: k == 0 && patient)
            }
            // A scenario's pathway has at least one step (the loader refuses none); the fallback
            // only keeps a hand-built configuration without steps from crashing.
            first = stations.first ?? QueueStation(servers: 0, sessionLength: config.clients.sessionLength, numbered: patient)
            later = Array(stations.dropFirst())
            stationNames = steps.map(\.name)
        } else {
            first = QueueStation(servers: config.initialHeadcount, sessionLength: config.clients.sessionLength,
                                 numbered: patient)
            later = []
            stationNames = nil
        }
        warmup = config.warmup
        stopAfterArrivals = config.stopAfterArrivals ?? .max
        patience = config.clients.patience
        arrivalStream = streams.arrivals
        serviceStream = streams.sessions
        patienceStream = streams.patience
    }

    /// Schedules the first arrival.
    public func start(_ calendar: inout EventCalendar<Event>) {
        calendar.scheduleArrival(.arrival, at: arrivalStream.exponential(mean: meanGap))
    }

    public mutating func handle(_ event: Event, at time: Double, calendar: inout EventCalendar<Event>) {
        switch event {
        case .arrival:
            arrivals += 1
            if arrivals < stopAfterArrivals {
                calendar.scheduleArrival(.arrival, at: time + arrivalStream.exponential(mean: meanGap))
            }
            let measured = time >= warmup
            if measured { measuredArrivals += 1 }
            if first.hasFreeServer {
                accumulateBusy(until: time)
                startSession(at: 0, arrivedAt: time, now: time, measured: measured, calendar: &calendar)
            } else {
                if measured { waitedCount += 1 }
                first.line.append(arrival: time, number: arrivals)
                if let patience {
                    calendar.schedule(.abandonment(client: arrivals), at: time + patience.sample(patienceStream))
                }
            }
        case .departure(let station):
            accumulateBusy(until: time)
            busyTotal -= 1
            if let arrival = station == 0 ? first.endSession() : later[Int(station) - 1].endSession() {
                startSession(at: station, arrivedAt: arrival, now: time, measured: arrival >= warmup, calendar: &calendar)
            }
            // The client served moves on to the next station, keeping their number in its line.
            let next = Int(station)
            if next < later.count {
                if later[next].hasFreeServer {
                    startSession(at: station + 1, arrivedAt: time, now: time, measured: time >= warmup,
                                 calendar: &calendar)
                } else {
                    transfers += 1
                    later[next].line.append(arrival: time, number: transfers)
                }
            }
        case .abandonment(let number):
            if let arrival = first.line.remove(number: number), arrival >= warmup {
                abandonedCount += 1
            }
        }
    }

    /// Starts a session at `station` for a client who joined its line at `arrival`. The busy
    /// time must already be brought up to `now` (`accumulateBusy`).
    @inline(__always)
    private mutating func startSession(at station: Int32, arrivedAt arrival: Double, now: Double, measured: Bool,
                                       calendar: inout EventCalendar<Event>) {
        busyTotal += 1
        let wait: Double? = measured ? now - arrival : nil
        let length: Double
        if station == 0 {
            if measured { served += 1 }
            length = first.startSession(waited: wait, drawingFrom: serviceStream)
        } else {
            length = later[Int(station) - 1].startSession(waited: wait, drawingFrom: serviceStream)
        }
        calendar.schedule(.departure(station: station), at: now + length)
    }

    /// Utilisation integrates busy servers over measured time, so it is brought up to date
    /// whenever the number of busy servers is about to change.
    private mutating func accumulateBusy(until time: Double) {
        let from = max(lastChange, warmup)
        if time > from { busyIntegral += Double(busyTotal) * (time - from) }
        lastChange = time
    }

    /// The replication's metrics, for a run that ended at `end`.
    public func result(end: Double, events: Int) -> ReplicationResult {
        var result = ReplicationResult()
        let resolved = Double(served + abandonedCount)
        result.metrics["clients_arrived"] = Double(measuredArrivals)
        let waits = first.waits
        result.metrics["wait_days_mean"] = waits.mean
        result.metrics["wait_days_p50"] = waits.quantile(0.5)
        result.metrics["wait_days_p90"] = waits.quantile(0.9)
        result.metrics["wait_days_p95"] = waits.quantile(0.95)
        result.metrics["waited_share"] = measuredArrivals == 0 ? .nan : Double(waitedCount) / Double(measuredArrivals)
        result.metrics["abandoned_share"] = resolved == 0 ? .nan : Double(abandonedCount) / resolved
        result.metrics["sessions_delivered"] = Double(served)
        result.metrics["sessions_per_client_mean"] = served == 0 ? .nan : 1
        let measuredSpan = end - warmup
        let totalServers = later.reduce(first.servers) { $0 + $1.servers }
        result.metrics["utilisation"] = measuredSpan > 0 && totalServers > 0
            ? (busyIntegral + Double(busyTotal) * max(0, end - max(lastChange, warmup))) / (Double(totalServers) * measuredSpan)
            : .nan
        if let stationNames {
            for (k, name) in stationNames.enumerated() {
                let sketch = k == 0 ? first.waits : later[k - 1].waits
                result.metrics[MetricRegistry.perStepName("step_wait_days_mean", step: name)] = sketch.mean
                result.metrics[MetricRegistry.perStepName("step_wait_days_p90", step: name)] = sketch.quantile(0.9)
            }
        }
        result.events = events
        return result
    }
}
