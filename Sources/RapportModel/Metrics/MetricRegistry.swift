/// What one metric means: the single definition the README's metric table, the result schema,
/// the `rapport metrics` glossary, the report's tooltips and the chart titles are all derived from.
public struct MetricDefinition: Sendable, Equatable {
    /// Which part of the platform a metric describes, in report order.
    public enum Area: String, Sendable, CaseIterable {
        case access, match, clients, outcomes, therapists, platform, pathway
    }

    /// What kind of number it is, which decides how it is formatted and bounded.
    public enum Unit: String, Sendable {
        /// A fraction from 0 to 1 (shown as a percentage); its interval stays inside [0, 1].
        case share
        /// Days.
        case days
        /// A count of people, sessions or events (never negative).
        case count
        /// A count per full-time-equivalent therapist-year.
        case perFTEYear = "per FTE-year"
        /// A score on the metric's own scale, stated in its definition.
        case score
        /// Sessions.
        case sessions
    }

    /// Which direction is better, for headlines and verdicts.
    public enum Better: String, Sendable {
        case higher, lower, neither
    }

    public let name: String
    public let area: Area
    public let unit: Unit
    /// What it measures, in one sentence a leader can read.
    public let definition: String
    /// What it is counted over: the denominator of a share or mean, the population of a quantile.
    public let over: String
    public let better: Better
    /// Whether a replication reports it only with the wellbeing model on.
    public let needsWellbeing: Bool
    /// Whether a replication reports it only with symptom scores on.
    public let needsClinical: Bool
    /// Whether only a scenario with a `pathway:` reports it.
    public let needsPathway: Bool
    /// Whether it is reported once per treatment step, as `name.step` (`step_wait_days_mean.low_intensity`).
    public let perStep: Bool
    /// A ratio written as a share that can pass 100% (bookings beyond a cap).
    let canExceedOne: Bool

    init(_ name: String, _ area: Area, _ unit: Unit, _ better: Better, _ definition: String, over: String,
         wellbeing: Bool = false, clinical: Bool = false, canExceedOne: Bool = false, pathway: Bool = false, perStep: Bool = false) {
        self.name = name
        self.area = area
        self.unit = unit
        self.better = better
        self.definition = definition
        self.over = over
        self.needsWellbeing = wellbeing
        self.needsClinical = clinical
        self.needsPathway = pathway || perStep
        self.perStep = perStep
        self.canExceedOne = canExceedOne
    }

    /// The values the metric can take, so an interval never reaches past them: shares in [0, 1],
    /// correlations in [−1, 1], changes of a score unbounded, everything else non-negative.
    public var feasibleRange: ClosedRange<Double> {
        if name.hasSuffix("_correlation") { return -1...1 }
        if name.hasSuffix("_change_mean") { return -Double.infinity...Double.infinity }
        return unit == .share && !canExceedOne ? 0...1 : 0...Double.infinity
    }

    /// The name as words, for chart axes and titles: `wait_days_p50` → "wait days p50".
    public var words: String { name.replacingOccurrences(of: "_", with: " ") }
}

/// Every scalar metric a run reports, in report order.
public enum MetricRegistry {
    public static let all: [MetricDefinition] = [
        // access
        .init("clients_arrived", .access, .count, .neither,
              "Referrals that arrived after the warm-up.", over: "the measured period"),
        .init("wait_days_mean", .access, .days, .lower,
              "Mean days from referral to the first booked appointment.", over: "clients whose first appointment came in the measured period"),
        .init("wait_days_p50", .access, .days, .lower,
              "Median days from referral to the first booked appointment.", over: "clients whose first appointment came in the measured period"),
        .init("wait_days_p90", .access, .days, .lower,
              "90th percentile of days from referral to the first booked appointment.", over: "clients whose first appointment came in the measured period"),
        .init("wait_days_p95", .access, .days, .lower,
              "95th percentile of days from referral to the first booked appointment.", over: "clients whose first appointment came in the measured period"),
        .init("waited_share", .access, .share, .lower,
              "Referrals who found no open capacity on arrival and joined the waitlist.", over: "all referrals"),
        .init("seen_within_6_weeks_share", .access, .share, .higher,
              "Referrals whose first appointment came within 6 weeks; those who gave up unseen count as not seen.",
              over: "all referrals that arrived at least 6 weeks before the end of the run"),
        .init("seen_within_18_weeks_share", .access, .share, .higher,
              "Referrals whose first appointment came within 18 weeks; those who gave up unseen count as not seen.",
              over: "all referrals that arrived at least 18 weeks before the end of the run"),
        .init("abandoned_share", .access, .share, .lower,
              "Referrals who gave up on the waitlist before a first appointment.", over: "referrals whose story ended (completed, dropped out or abandoned)"),
        .init("waitlist_mean", .access, .count, .lower,
              "Mean number of clients on the waitlist.", over: "days of the measured period"),
        // match
        .init("match_quality_mean", .match, .score, .higher,
              "Mean match quality q (0–1): concern proficiency, experience for the severity, preferences met.", over: "matches made"),
        .init("well_matched_share", .match, .share, .higher,
              "Matches with quality at or above the well-matched threshold (default q ≥ 0.7).", over: "matches made"),
        .init("no_feasible_therapist_share", .match, .share, .lower,
              "Referrals no therapist on the starting roster could serve under the hard constraints.", over: "all referrals"),
        .init("rematched_share", .match, .share, .lower,
              "Referrals re-matched because their therapist left or went on long leave.", over: "all referrals"),
        // clients
        .init("dropout_share", .clients, .share, .lower,
              "Clients who started treatment and left before completing it.", over: "clients who started treatment and finished it (completed or dropped out)"),
        .init("completed_share", .clients, .share, .higher,
              "Referrals who completed treatment.", over: "referrals whose story ended (completed, dropped out or abandoned)"),
        .init("returned_after_first_share", .clients, .share, .higher,
              "Clients who attended a second session after attending a first.", over: "clients who attended a first session"),
        .init("sessions_per_client_mean", .clients, .sessions, .neither,
              "Mean sessions attended.", over: "clients who started treatment and finished it"),
        .init("completer_sessions_mean", .clients, .sessions, .neither,
              "Mean sessions attended by clients who completed.", over: "clients who completed"),
        .init("sessions_per_client_week", .clients, .sessions, .neither,
              "Sessions attended per week a client spends on a therapist's caseload, from their match to their last session: near one for weekly clients, about half that for fortnightly ones.",
              over: "client-weeks on employed therapists' caseloads"),
        // outcomes
        .init("finished_courses", .outcomes, .count, .neither,
              "Courses of treatment that ended with at least two attended sessions (NHS Talking Therapies' finished courses).",
              over: "the measured period", clinical: true),
        .init("recovery_rate", .outcomes, .share, .higher,
              "Finished courses that were a case at the first session (PHQ-9 ≥ 10 or GAD-7 ≥ 8) and not at the last.",
              over: "finished courses that were a case at the first session", clinical: true),
        .init("reliable_improvement_rate", .outcomes, .share, .higher,
              "Finished courses with PHQ-9 down by 6 or more or GAD-7 down by 4 or more, and neither measure reliably worse.",
              over: "finished courses", clinical: true),
        .init("reliable_recovery_rate", .outcomes, .share, .higher,
              "Finished courses that both recovered and reliably improved.",
              over: "finished courses that were a case at the first session", clinical: true),
        .init("reliable_deterioration_rate", .outcomes, .share, .lower,
              "Finished courses with PHQ-9 up by 6 or more or GAD-7 up by 4 or more, and neither measure reliably better.",
              over: "finished courses", clinical: true),
        .init("phq9_change_mean", .outcomes, .score, .lower,
              "Mean change in PHQ-9 (0–27) from the first to the last attended session; negative is improvement.",
              over: "finished courses", clinical: true),
        .init("gad7_change_mean", .outcomes, .score, .lower,
              "Mean change in GAD-7 (0–21) from the first to the last attended session; negative is improvement.",
              over: "finished courses", clinical: true),
        .init("recovered_per_fte_year", .outcomes, .perFTEYear, .higher,
              "Recovered courses per full-time-equivalent therapist-year: what a policy buys in people who got better.",
              over: "FTE-years employed (active or on leave), each therapist counted at their FTE", clinical: true),
        .init("return_rate_effect_correlation", .outcomes, .score, .neither,
              "Correlation, across therapists with five or more first sessions, between their observed return rate after a first session and their true effect on outcomes: how much skill a return-rate ranking sees.",
              over: "therapists with five or more first sessions", clinical: true),
        // therapists
        .init("utilisation", .therapists, .share, .neither,
              "Booked appointments over the slots therapists offer; the same denominator in every regime.",
              over: "slots on active therapists' working days"),
        .init("booked_vs_cap_share", .therapists, .share, .neither,
              "Booked appointments over what the quota regime allows each therapist; above 100% when a caseload requirement books past the quota.",
              over: "the regime's daily caps on active therapists' working days", canExceedOne: true),
        .init("sessions_per_therapist_day_mean", .therapists, .sessions, .neither,
              "Mean sessions attended per therapist working day.", over: "active therapists' working days"),
        .init("sessions_per_therapist_day_p90", .therapists, .sessions, .neither,
              "90th percentile of sessions attended in a therapist working day.", over: "active therapists' working days"),
        .init("overbooked_day_share", .therapists, .share, .lower,
              "Therapist working days booked with at least one session more than the therapist's true sustainable level balances.",
              over: "active therapists' working days"),
        .init("burnout_risk_share", .therapists, .share, .lower,
              "Therapist working days spent at high emotional exhaustion (E ≥ the burnout threshold, default 27 of 54).",
              over: "active therapists' working days", wellbeing: true),
        .init("ever_burned_out_share", .therapists, .share, .lower,
              "Therapists who reached the burnout threshold at least once while seeing clients.", over: "therapists ever employed in the run", wellbeing: true),
        .init("exhaustion_mean", .therapists, .score, .lower,
              "Mean emotional exhaustion E (0–54, the Maslach scale).", over: "active therapists' working days", wellbeing: true),
        .init("sick_days_per_fte_year", .therapists, .perFTEYear, .lower,
              "Calendar days of sick leave per full-time-equivalent year.", over: "FTE-years employed (active or on leave), each therapist counted at their FTE", wellbeing: true),
        .init("quits_per_fte_year", .therapists, .perFTEYear, .lower,
              "Therapists who quit per full-time-equivalent year.", over: "FTE-years employed (active or on leave), each therapist counted at their FTE", wellbeing: true),
        .init("vacancy_days", .therapists, .count, .lower,
              "Days posts stood empty between a departure and the replacement's start.", over: "the measured period", wellbeing: true),
        .init("headcount_end", .therapists, .count, .higher,
              "Therapists employed (active or on leave) at the end of the run.", over: "the last day"),
        .init("fte_end", .therapists, .count, .higher,
              "Full-time equivalents employed (active or on leave) at the end of the run: headcount weighted by each therapist's FTE.", over: "the last day"),
        // platform
        .init("sessions_delivered", .platform, .sessions, .higher,
              "Sessions attended.", over: "the measured period"),
        .init("completed_per_fte_year", .platform, .perFTEYear, .higher,
              "Completed treatments per full-time-equivalent therapist-year.", over: "FTE-years employed (active or on leave), each therapist counted at their FTE"),
        // pathway
        .init("assessment_wait_days_mean", .pathway, .days, .lower,
              "Mean days from referral to the assessment appointment.", over: "clients whose assessment came in the measured period", pathway: true),
        .init("assessment_wait_days_p90", .pathway, .days, .lower,
              "90th percentile of days from referral to the assessment appointment.", over: "clients whose assessment came in the measured period", pathway: true),
        .init("treatment_wait_days_mean", .pathway, .days, .lower,
              "Mean days from referral to the first treatment appointment (after any assessment).",
              over: "clients whose first treatment appointment came in the measured period", pathway: true),
        .init("treatment_wait_days_p90", .pathway, .days, .lower,
              "90th percentile of days from referral to the first treatment appointment (after any assessment).",
              over: "clients whose first treatment appointment came in the measured period", pathway: true),
        .init("step_up_rate", .pathway, .share, .neither,
              "Clients who stepped up to a more intensive step at least once.",
              over: "clients who attended a session in a step with a step-up rule", pathway: true),
        .init("group_fill_rate", .pathway, .share, .higher,
              "Members at a group's first session over the group's size.", over: "groups that started", pathway: true),
        .init("step_wait_days_mean", .pathway, .days, .lower,
              "Mean days from joining the step's waitlist to its first appointment.",
              over: "clients whose first appointment in the step came in the measured period", perStep: true),
        .init("step_wait_days_p90", .pathway, .days, .lower,
              "90th percentile of days from joining the step's waitlist to its first appointment.",
              over: "clients whose first appointment in the step came in the measured period", perStep: true),
        .init("entry_share", .pathway, .share, .neither,
              "Clients whose first treatment step was this step.", over: "clients who had a first treatment appointment", perStep: true),
        .init("entry_finished_courses", .pathway, .count, .neither,
              "Finished courses (two or more attended treatment sessions) of clients who entered treatment at this step.",
              over: "the measured period", clinical: true, perStep: true),
        .init("entry_recovery_rate", .pathway, .share, .higher,
              "Finished courses that recovered, of clients who entered treatment at this step, whatever steps followed.",
              over: "finished courses of clients entering at the step that were a case at the first session", clinical: true, perStep: true),
        .init("entry_reliable_improvement_rate", .pathway, .share, .higher,
              "Finished courses that reliably improved, of clients who entered treatment at this step, whatever steps followed.",
              over: "finished courses of clients entering at the step", clinical: true, perStep: true),
    ]

    /// Every metric name, in report order.
    public static let names: [String] = all.map(\.name)

    private static let byName: [String: MetricDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The definition of `name`, if it is a registered metric; a per-step name (`metric.step`)
    /// has its metric's definition.
    public static func definition(_ name: String) -> MetricDefinition? {
        if let d = byName[name] { return d }
        guard let dot = name.firstIndex(of: "."), let d = byName[String(name[..<dot])], d.perStep else { return nil }
        return d
    }

    /// The name a per-step metric has for `step`.
    public static func perStepName(_ metric: String, step: String) -> String { metric + "." + step }

    /// Whether `name` is a registered metric or a per-step metric's name for some step.
    public static func isKnown(_ name: String) -> Bool { definition(name) != nil }
}
