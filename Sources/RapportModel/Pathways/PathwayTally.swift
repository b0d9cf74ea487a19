/// Per-step counts of a pathway run over measured clients (arrived after the warm-up), and the
/// metrics they become.
struct PathwayTally {
    /// Days from joining a step's waitlist to the step's first appointment, by step.
    var stepWaits: [QuantileSketch]
    /// Days from referral to the first treatment appointment (after any assessment).
    var treatmentWaits = QuantileSketch()
    /// Clients whose first treatment step was this one.
    var entered: [Int]
    /// Finished courses (two or more attended treatment sessions) by entry step, and their outcomes.
    var finished: [Int]
    var casesAtStart: [Int]
    var recovered: [Int]
    var reliablyImproved: [Int]
    /// Clients who attended a first session in a step with a step-up rule, and those who stepped up.
    var stepUpEligible = 0
    var steppedUp = 0
    /// Groups that held a first session, their members then, and their sizes.
    var groupsStarted = 0
    var groupMembersAtStart = 0
    var groupPlaces = 0

    init(steps: Int) {
        stepWaits = Array(repeating: QuantileSketch(), count: steps)
        entered = Array(repeating: 0, count: steps)
        finished = Array(repeating: 0, count: steps)
        casesAtStart = Array(repeating: 0, count: steps)
        recovered = Array(repeating: 0, count: steps)
        reliablyImproved = Array(repeating: 0, count: steps)
    }

    /// The metrics, per-step ones named `metric.step` (see `MetricRegistry.perStepName`).
    func record(into r: inout ReplicationResult, config: PathwayConfig, clinical: Bool) {
        let share = { (part: Int, whole: Int) in whole == 0 ? Double.nan : Double(part) / Double(whole) }
        let assessment = config.hasAssessment ? stepWaits[0] : QuantileSketch()
        r.metrics["assessment_wait_days_mean"] = assessment.mean
        r.metrics["assessment_wait_days_p90"] = assessment.count == 0 ? .nan : assessment.quantile(0.9)
        r.metrics["treatment_wait_days_mean"] = treatmentWaits.mean
        r.metrics["treatment_wait_days_p90"] = treatmentWaits.count == 0 ? .nan : treatmentWaits.quantile(0.9)
        r.metrics["step_up_rate"] = share(steppedUp, stepUpEligible)
        r.metrics["group_fill_rate"] = share(groupMembersAtStart, groupPlaces)
        let totalEntered = entered.reduce(0, +)
        for (s, step) in config.steps.enumerated() where step.kind != .assessment {
            let name = { (metric: String) in MetricRegistry.perStepName(metric, step: step.name) }
            r.metrics[name("step_wait_days_mean")] = stepWaits[s].mean
            r.metrics[name("step_wait_days_p90")] = stepWaits[s].count == 0 ? .nan : stepWaits[s].quantile(0.9)
            r.metrics[name("entry_share")] = share(entered[s], totalEntered)
            if clinical {
                r.metrics[name("entry_finished_courses")] = Double(finished[s])
                r.metrics[name("entry_recovery_rate")] = share(recovered[s], casesAtStart[s])
                r.metrics[name("entry_reliable_improvement_rate")] = share(reliablyImproved[s], finished[s])
            }
        }
    }
}
