import RapportKernel
import RapportRandom

/// Continuous scheduling: `servers` therapists available around the clock, clients served first
/// come first served, one session each, optionally abandoning after their patience runs out.
///
/// With exponential gaps and sessions this is M/M/c, and M/M/c+M with exponential patience, so
/// it must reproduce Erlang C and Erlang A; the validation tests hold it to that.
public struct QueueModel: DiscreteEventModel {
    public enum Event {
        case arrival
        case departure
        /// Fires at a waiting client's patience deadline; `client` is their arrival number.
        case abandonment(client: Int)
    }

    /// Mean gap between arrivals, in days.
    private let meanGap: Double
    private let servers: Int
    private let warmup: Double
    private let stopAfterArrivals: Int
    private let sessionLength: Distribution
    private let patience: Distribution?
    private let arrivalStream: RandomStream
    private let serviceStream: RandomStream
    private let patienceStream: RandomStream

    private var busy = 0
    private var arrivals = 0
    private var line = FIFOLine()
    private var lastChange = 0.0
    private var busyIntegral = 0.0
    private var measuredArrivals = 0
    private var waitedCount = 0
    private var abandonedCount = 0
    private var served = 0
    private var waits = QuantileSketch()

    /// Creates the model for one replication; schedule the first arrival with `start(_:)`.
    public init(config: ModelConfig, streams: StreamSet) {
        meanGap = 1 / config.clients.arrivalsPerDay
        servers = config.initialHeadcount
        warmup = config.warmup
        stopAfterArrivals = config.stopAfterArrivals ?? .max
        sessionLength = config.clients.sessionLength
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
            if busy < servers {
                startSession(arrivedAt: time, now: time, measured: measured, calendar: &calendar)
            } else {
                if measured { waitedCount += 1 }
                line.append(arrival: time, number: arrivals)
                if let patience {
                    calendar.schedule(.abandonment(client: arrivals), at: time + patience.sample(patienceStream))
                }
            }
        case .departure:
            accumulateBusy(until: time)
            busy -= 1
            if let arrival = line.popFirst() {
                startSession(arrivedAt: arrival, now: time, measured: arrival >= warmup, calendar: &calendar)
            }
        case .abandonment(let number):
            if let arrival = line.remove(number: number), arrival >= warmup {
                abandonedCount += 1
            }
        }
    }

    private mutating func startSession(arrivedAt arrival: Double, now: Double, measured: Bool,
                                       calendar: inout EventCalendar<Event>) {
        accumulateBusy(until: now)
        busy += 1
        if measured {
            served += 1
            waits.add(now - arrival)
        }
        calendar.schedule(.departure, at: now + sessionLength.sample(serviceStream))
    }

    /// Utilisation integrates busy servers over measured time, so it is brought up to date
    /// whenever the number of busy servers is about to change.
    private mutating func accumulateBusy(until time: Double) {
        let from = max(lastChange, warmup)
        if time > from { busyIntegral += Double(busy) * (time - from) }
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
        result.metrics["utilisation"] = measuredSpan > 0 && servers > 0
            ? (busyIntegral + Double(busy) * max(0, end - max(lastChange, warmup))) / (Double(servers) * measuredSpan)
            : .nan
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
