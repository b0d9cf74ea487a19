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
    /// Servers and session length of each station (one without a pathway).
    private let servers: [Int]
    private let stationNames: [String]?
    private let warmup: Double
    private let stopAfterArrivals: Int
    private let sessionLength: [Distribution]
    private let patience: Distribution?
    private let arrivalStream: RandomStream
    private let serviceStream: RandomStream
    private let patienceStream: RandomStream

    private var busy: [Int]
    /// Busy servers over all stations (the sum of `busy`), which utilisation integrates.
    private var busyTotal = 0
    private var arrivals = 0
    /// Clients who moved on to a later station's line, numbering them there.
    private var transfers = 0
    private var lines: [FIFOLine]
    private var lastChange = 0.0
    private var busyIntegral = 0.0
    private var measuredArrivals = 0
    private var waitedCount = 0
    private var abandonedCount = 0
    private var served = 0
    private var waits = QuantileSketch()
    /// Waits at each station after the first (clients who arrived after the warm-up).
    private var laterWaits: [QuantileSketch]

    /// Creates the model for one replication; schedule the first arrival with `start(_:)`.
    public init(config: ModelConfig, streams: StreamSet) {
        meanGap = 1 / config.clients.arrivalsPerDay
        if let steps = config.pathway?.steps {
            servers = steps.map { $0.therapistGroups.reduce(0) { $0 + config.therapistGroups[$1].count } }
            sessionLength = steps.map { $0.serviceTime ?? config.clients.sessionLength }
            stationNames = steps.map(\.name)
        } else {
            servers = [config.initialHeadcount]
            sessionLength = [config.clients.sessionLength]
            stationNames = nil
        }
        busy = Array(repeating: 0, count: servers.count)
        lines = Array(repeating: FIFOLine(), count: servers.count)
        laterWaits = Array(repeating: QuantileSketch(), count: servers.count)
        warmup = config.warmup
        stopAfterArrivals = config.stopAfterArrivals ?? .max
        patience = config.clients.patience
        arrivalStream = streams.arrivals
        serviceStream = streams.sessions
        patienceStream = streams.patience
    }

    /// Schedules the first arrival.
    public func start(_ calendar: inout EventCalendar<Event>) {
        calendar.schedule(.arrival, at: arrivalStream.exponential(mean: meanGap))
    }

    public mutating func handle(_ event: Event, at time: Double, calendar: inout EventCalendar<Event>) {
        switch event {
        case .arrival:
            arrivals += 1
            if arrivals < stopAfterArrivals {
                calendar.schedule(.arrival, at: time + arrivalStream.exponential(mean: meanGap))
            }
            let measured = time >= warmup
            if measured { measuredArrivals += 1 }
            if busy[0] < servers[0] {
                startSession(at: 0, arrivedAt: time, now: time, measured: measured, calendar: &calendar)
            } else {
                if measured { waitedCount += 1 }
                lines[0].append(arrival: time, number: arrivals)
                if let patience {
                    calendar.schedule(.abandonment(client: arrivals), at: time + patience.sample(patienceStream))
                }
            }
        case .departure(let station):
            let k = Int(station)
            accumulateBusy(until: time)
            busy[k] -= 1
            busyTotal -= 1
            if let arrival = lines[k].popFirst() {
                startSession(at: k, arrivedAt: arrival, now: time, measured: arrival >= warmup, calendar: &calendar)
            }
            // The client served moves on to the next station, keeping their number in its line.
            let next = k + 1
            if next < servers.count {
                if busy[next] < servers[next] {
                    startSession(at: next, arrivedAt: time, now: time, measured: time >= warmup, calendar: &calendar)
                } else {
                    transfers += 1
                    lines[next].append(arrival: time, number: transfers)
                }
            }
        case .abandonment(let number):
            if let arrival = lines[0].remove(number: number), arrival >= warmup {
                abandonedCount += 1
            }
        }
    }

    private mutating func startSession(at station: Int, arrivedAt arrival: Double, now: Double, measured: Bool,
                                       calendar: inout EventCalendar<Event>) {
        accumulateBusy(until: now)
        busy[station] += 1
        busyTotal += 1
        if measured {
            if station == 0 {
                served += 1
                waits.add(now - arrival)
            } else {
                laterWaits[station].add(now - arrival)
            }
        }
        // Sampled in place: reading the element out of the array would copy the distribution
        // (retaining what its family holds) at every departure.
        let length = sessionLength.withUnsafeBufferPointer { $0[station].sample(serviceStream) }
        calendar.schedule(.departure(station: Int32(station)), at: now + length)
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
        result.metrics["wait_days_mean"] = waits.mean
        result.metrics["wait_days_p50"] = waits.quantile(0.5)
        result.metrics["wait_days_p90"] = waits.quantile(0.9)
        result.metrics["wait_days_p95"] = waits.quantile(0.95)
        result.metrics["waited_share"] = measuredArrivals == 0 ? .nan : Double(waitedCount) / Double(measuredArrivals)
        result.metrics["abandoned_share"] = resolved == 0 ? .nan : Double(abandonedCount) / resolved
        result.metrics["sessions_delivered"] = Double(served)
        result.metrics["sessions_per_client_mean"] = served == 0 ? .nan : 1
        let measuredSpan = end - warmup
        let totalServers = servers.reduce(0, +)
        result.metrics["utilisation"] = measuredSpan > 0 && totalServers > 0
            ? (busyIntegral + Double(busyTotal) * max(0, end - max(lastChange, warmup))) / (Double(totalServers) * measuredSpan)
            : .nan
        if let stationNames {
            for (k, name) in stationNames.enumerated() {
                let sketch = k == 0 ? waits : laterWaits[k]
                result.metrics[MetricRegistry.perStepName("step_wait_days_mean", step: name)] = sketch.mean
                result.metrics[MetricRegistry.perStepName("step_wait_days_p90", step: name)] = sketch.quantile(0.9)
            }
        }
        result.events = events
        return result
    }
}

/// The waiting line of continuous mode: arrival times in FIFO order, with O(log n) removal of an
/// abandoning client by arrival number and compaction so memory follows what actually waits.
struct FIFOLine {
    private var times: [Double] = []
    private var numbers: [Int] = []
    private var head = 0
    private var removed = 0

    var count: Int { times.count - head - removed }

    mutating func append(arrival: Double, number: Int) {
        times.append(arrival)
        numbers.append(number)
    }

    mutating func popFirst() -> Double? {
        while head < times.count {
            let time = times[head]
            head += 1
            if time.isNaN { removed -= 1; continue }
            compactIfSparse()
            return time
        }
        return nil
    }

    /// Removes the client with arrival number `number` if still waiting; returns their arrival time.
    mutating func remove(number: Int) -> Double? {
        // Numbers increase along the line, so binary search finds the client.
        var low = head, high = numbers.count
        while low < high {
            let mid = (low + high) / 2
            if numbers[mid] < number { low = mid + 1 } else { high = mid }
        }
        guard low < numbers.count, numbers[low] == number, !times[low].isNaN else { return nil }
        let time = times[low]
        times[low] = .nan
        removed += 1
        compactIfSparse()
        return time
    }

    private mutating func compactIfSparse() {
        guard head + removed > 1024, head + removed > times.count / 2 else { return }
        var kept = 0
        for i in head..<times.count where !times[i].isNaN {
            times[kept] = times[i]
            numbers[kept] = numbers[i]
            kept += 1
        }
        times.removeLast(times.count - kept)
        numbers.removeLast(numbers.count - kept)
        head = 0
        removed = 0
    }
}
