import RapportModel

/// A loaded, checked scenario: run settings and one model configuration per variant.
public struct Scenario: Sendable {
    /// One configuration to simulate; a file without `variants:` has one named `base`.
    public struct Variant: Sendable {
        public var name: String
        public var config: ModelConfig
        public init(name: String, config: ModelConfig) {
            self.name = name
            self.config = config
        }
    }

    /// The file the scenario came from, as the user named it.
    public var file: String
    public var name: String
    public var description: String
    public var seed: UInt64
    public var replications: Int
    public var variants: [Variant]
    /// Problems that do not stop a run, such as a load at or above capacity.
    public var warnings: [Diagnostic]
    /// Per-metric relative tolerances for `rapport check`, from the `check:` section.
    public var checkTolerances: [String: Double]
    /// Parameter grids from the `sweep:` section: path → values as written.
    public var sweep: [(path: String, values: [String])]
    /// The warm-up as written (`auto` or a duration).
    public var warmupIsAuto: Bool
    /// The `uncertainty:` section: priors or calibrated samples for `rapport run --uncertainty`.
    public var uncertainty: UncertaintySpec?
    /// The configuration before any variant's overrides, so an uncertainty analysis can tell a
    /// parameter a variant sets on purpose from one it shares with the base.
    public var baseConfig: ModelConfig?

    public init(file: String, name: String, description: String, seed: UInt64, replications: Int,
                variants: [Variant], warnings: [Diagnostic] = [], checkTolerances: [String: Double] = [:],
                sweep: [(path: String, values: [String])] = [], warmupIsAuto: Bool = false) {
        self.file = file
        self.name = name
        self.description = description
        self.seed = seed
        self.replications = replications
        self.variants = variants
        self.warnings = warnings
        self.checkTolerances = checkTolerances
        self.sweep = sweep
        self.warmupIsAuto = warmupIsAuto
    }
}

/// Sizes Rapport refuses up front because they would not fit in memory or time.
public enum ScenarioLimits {
    public static let maxHorizonDays = 100.0 * 365
    public static let maxTherapists = 200_000
    public static let maxReplications = 10_000
    public static let maxArrivalsPerReplication = 200_000_000.0
    public static let maxSlotsPerDay = 12
    public static let maxSessionsNeeded = 1_000.0
    public static let maxSustainableLevel = 24.0
    /// Languages and modalities are bits of a 64-bit mask; clients' and therapists' together.
    public static let maxLanguagesOrModalities = 64
    /// Client concerns: a client record stores theirs in 16 bits.
    public static let maxConcerns = 1_000
    public static let maxArrivalsPerDay = 10_000_000.0
    /// Each variant decodes the whole base again; more variants than this belong in a sweep.
    public static let maxVariants = 200
    /// Points in a sweep grid: each is a full run.
    public static let maxSweepPoints = 10_000
    /// Outer draws of an uncertainty analysis: each is a full run of every variant.
    public static let maxUncertaintyDraws = 10_000
    /// 2^53 − 1: every seed up to it is exact as a JSON number, so results, baselines and
    /// checkpoints repeat the run they record.
    public static let maxSeed: UInt64 = 9_007_199_254_740_991
}
