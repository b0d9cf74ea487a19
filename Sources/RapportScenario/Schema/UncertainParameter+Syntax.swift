import RapportModel

extension UncertainParameter {
    /// `value` (in the model's units: days, per day) as the scenario file writes this parameter:
    /// half-lives as durations (`14.5d`), demand as a rate (`26.4/day`), the rest as numbers.
    public func scenarioText(_ value: Double) -> String {
        let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        if name.hasSuffix("half_life") { return number + "d" }
        if name == "clients.arrivals.rate" { return number + "/day" }
        return number
    }

    /// The parameter's place in a scenario file: `wellbeing.outside_stress.per_year` is the key
    /// `per_year` inside `outside_stress` inside `wellbeing`.
    public var scenarioPath: [PathStep] { name.split(separator: ".").map { .key(String($0)) } }
}
