import RapportModel

/// One fitted number with its interval, by the scenario path it sets.
public struct FittedValue: Sendable {
    /// Scenario path, such as `clients.no_show.first` or `clients.sessions_needed.median`.
    public var path: String
    public var estimate: Double
    public var low: Double
    public var high: Double
    /// Rows of the extract that informed it.
    public var rows: Int
    /// How it was estimated, in a few words.
    public var method: String
}

/// A goodness-of-fit test's outcome.
public struct FitTest: Sendable {
    /// What was tested ("sessions needed: lognormal").
    public var subject: String
    /// The test ("Kolmogorov–Smirnov", "Pearson dispersion", "likelihood ratio").
    public var test: String
    public var statistic: Double
    public var pValue: Double
    /// One sentence on what the result means.
    public var reading: String
}

/// A therapist group as the extract shows it.
public struct FittedGroup: Sendable {
    public var name: String
    /// Employed on the extract's last day.
    public var count: Int
    public var everEmployed: Int
    public var languages: [String]
    public var modalities: [String]
    public var workingDays: [Bool]
    /// Members whose languages, modalities or days differ from the group's most common.
    public var differing: Int
    /// The thresholds the group's therapists stated, in sessions a day. Written as the group's
    /// `stated_threshold`, not as its true level: the records never show the level.
    public var statedThreshold: DistributionFit?
}

/// Everything `rapport fit` estimated from an extract.
public struct PlatformFitResult: Sendable {
    public var source: String
    public var firstDay: Int
    public var lastDay: Int
    public var readingSummary: String
    public var confidence: Double
    public var values: [FittedValue] = []
    public var distributions: [DistributionFit] = []
    public var tests: [FitTest] = []
    /// What could not be fitted and why, and other caveats.
    public var notes: [String] = []

    public var arrivalsPerDay = 0.0
    public var weekdayMultipliers: [Double] = Array(repeating: 1, count: 7)
    public var monthMultipliers: [Double]?
    public var mixes: [(path: String, names: [String], shares: [Double])] = []
    public var sessionsNeeded: DistributionFit?
    public var sessionsCap = 26
    public var patience: DistributionFit?
    public var noShowFirst: Double?
    public var noShowFollowUp: Double?
    public var dropoutFirst: Double?
    public var dropoutLater: Double?
    /// Life table: (session number, clients at risk, dropouts).
    public var dropoutTable: [(session: Int, atRisk: Int, dropouts: Int)] = []
    public var sickDaysPerYear: Double?
    public var sickSpellMean: Double?
    public var quitsPerYear: Double?
    public var hiringLag: DistributionFit?
    public var groups: [FittedGroup] = []

    /// Days the extract covers.
    public var days: Int { lastDay - firstDay + 1 }

    /// The fitted value at `path`, if any.
    public func value(_ path: String) -> FittedValue? { values.first { $0.path == path } }
}
