import RapportModel

extension Fixtures {
    /// A small stepped-care platform: assessment (optional), low intensity with a step-up rule,
    /// groups for mild anxiety, and high intensity for severe presentations.
    static func smallPathway(assessment: Bool = true, stepUp: String = "{to: high_intensity, no_reliable_improvement_by: 4}",
                             group: String = "{size: 6, start_at: 4, sessions: 5}", arrivals: String = "40/week",
                             horizon: String = "40w", extraPolicy: String = "") -> String {
        """
        name: small pathway
        horizon: \(horizon)
        warmup: 4w
        replications: 3
        seed: 11
        clients:
          arrivals: {rate: \(arrivals)}
          concerns: {anxiety: 0.5, depression: 0.5}
          severity: {mild: 0.4, moderate: 0.4, severe: 0.2}
          patience: exponential(mean=90d)
        therapists:
          - {group: assessors, count: 2, slots_per_day: 6}
          - {group: pwp, count: 6, slots_per_day: 7}
          - {group: facilitators, count: 2, slots_per_day: 2}
          - {group: hi, count: 8, slots_per_day: 5}
        policy:
          matching: earliest-available
          quota: {fixed-quota: 6}
          \(extraPolicy)
        pathway:
        \(assessment ? "  assessment: {therapists: [assessors], session_minutes: 45}" : "")
          entry:
            - {severity: [severe], step: high_intensity}
            - {severity: [mild], concern: [anxiety], step: groups}
            - step: low_intensity
          steps:
            - name: low_intensity
              therapists: [\(assessment ? "pwp" : "pwp, assessors")]
              session_minutes: 35
              sessions_needed: lognormal(median=6, sigma=0.3, min=2, max=10)
              improvement: 0.5
              step_up: \(stepUp)
            - name: groups
              therapists: [facilitators]
              session_minutes: 90
              group: \(group)
            - name: high_intensity
              therapists: [hi]
              sessions_needed: lognormal(median=8, sigma=0.3, min=2, max=16)
        """
    }

    /// One replication of a pathway scenario text, for its audit.
    static func pathwayRun(_ text: String, seed: UInt64 = 3) throws -> (model: PlatformModel, audit: PathwayAudit) {
        let model = simulate(try config(text), seed: seed)
        guard let audit = model.pathwayAudit else { throw PathwayTestError.noPathway }
        return (model, audit)
    }
}

enum PathwayTestError: Error { case noPathway }
