/// A model the kernel can run: it reacts to one event at a time and may schedule more.
///
/// Models are generic value types with an event enum; the kernel calls `handle` in a loop, and
/// the model's `switch` over its events does the rest. No closures or existentials are involved,
/// so the compiler can specialise the whole loop.
public protocol DiscreteEventModel {
    /// The model's event type, usually a small enum.
    associatedtype Event

    /// Reacts to `event`, which happens at `time` (equal to `calendar.now`).
    mutating func handle(_ event: Event, at time: Double, calendar: inout EventCalendar<Event>)

    /// Whether the run should end before its horizon, e.g. after a set number of arrivals.
    var isFinished: Bool { get }

    /// Completes any work the model left from its last event for the next one to finish (a
    /// model may, to overlap memory latency); the kernel calls it whenever a run stops, so the
    /// model is complete when read.
    mutating func settle(calendar: inout EventCalendar<Event>)
}

extension DiscreteEventModel {
    /// By default a model runs to its horizon.
    public var isFinished: Bool { false }

    /// By default a model leaves nothing for later.
    public mutating func settle(calendar: inout EventCalendar<Event>) {}
}

/// Runs a model's events in time order until the horizon, the model finishing, or no events.
public struct Simulation<Model: DiscreteEventModel> {
    /// The model being run; read it afterwards for results.
    public var model: Model
    /// The future event list.
    public var calendar = EventCalendar<Model.Event>()
    /// How many events have been handled.
    @inlinable public var eventsHandled: Int { handledCount }
    @usableFromInline var handledCount = 0

    /// Creates a simulation of `model` with an empty calendar.
    public init(model: Model) { self.model = model }

    /// Handles events with times up to and including `horizon`.
    ///
    /// Returns the time the run stopped at: `horizon`, or earlier if the model finished or ran out
    /// of events.
    @inlinable
    @discardableResult
    public mutating func run(until horizon: Double) -> Double {
        while !model.isFinished, let (time, event) = calendar.next(notAfter: horizon) {
            model.handle(event, at: time, calendar: &calendar)
            handledCount += 1
        }
        model.settle(calendar: &calendar)
        return model.isFinished ? calendar.now : horizon
    }
}
