import RapportModel
import RapportRandom

/// The `uncertainty:` section of a scenario: what `rapport run --uncertainty` draws its plausible
/// worlds from.
///
/// ```yaml
/// uncertainty:
///   draws: 50
///   replications: 4
///   priors:
///     wellbeing.growth_per_extra_session: uniform(0.6, 2.4)
///   samples:
///     - {wellbeing.quits_per_year: 0.24}
/// ```
public struct UncertaintySpec: Sendable {
    /// A parameter of the registry (`UncertainParameter`) with the distribution its values are drawn from.
    public struct Prior: Sendable {
        public var parameter: String
        public var distribution: Distribution
        /// As written in the scenario, for reports.
        public var text: String
        public init(parameter: String, distribution: Distribution, text: String) {
            self.parameter = parameter
            self.distribution = distribution
            self.text = text
        }
    }

    /// One parameter set (from `rapport calibrate`): parameter name → value, in the order written.
    public typealias Sample = [(parameter: String, value: Double)]

    /// Outer draws when `--uncertainty` is given without a number.
    public var draws: Int?
    /// Inner replications per draw (default: the scenario's `replications`).
    public var replications: Int?
    public var priors: [Prior]
    /// Used in turn: draw d takes sample d mod count.
    public var samples: [Sample]

    public init(draws: Int? = nil, replications: Int? = nil, priors: [Prior] = [], samples: [Sample] = []) {
        self.draws = draws
        self.replications = replications
        self.priors = priors
        self.samples = samples
    }
}
