import RapportExperiment

/// The scenario `rapport init` writes: small enough to read in a minute, with a comment on every
/// choice an analyst is expected to change, and two variants so the first run already compares.
enum StarterScenario {
    static func text(title: String) -> String {
        // A JSON string is a YAML double-quoted string, so any name is safe here.
        let quotedTitle = JSONValue.quote(title)
        return """
        # \(String(title.map { $0.isNewline ? " " : $0 })): a starter scenario written by `rapport init`.
        # Check it:   rapport validate THIS_FILE --resolved   (prints every default it relies on)
        # Run it:     rapport run THIS_FILE
        # Every key is described in the README's "Scenario files" section; `rapport metrics` lists the results.
        name: \(quotedTitle)
        horizon: 52w            # how long to simulate; durations carry units: 50m, 3h, 14d, 6w, 12mo, 2y
        warmup: 8w              # results before this are discarded (or: auto)
        replications: 10        # independent runs per variant; more gives narrower intervals
        seed: 1                 # same seed, same results, on any machine and thread count

        clients:
          arrivals:
            rate: 60/week       # new referrals; also 12/day or 1/hour
            weekday: {mon: 1.2, sat: 0.5, sun: 0.5}   # busier Mondays; unlisted days are 1
          concerns: {anxiety: 0.4, depression: 0.4, trauma: 0.2}     # shares; they need not sum to 1
          severity: {mild: 0.4, moderate: 0.45, severe: 0.15}
          modality: {video: 0.8, phone: 0.2}
          language: {english: 0.9, spanish: 0.1}
          sessions_needed: lognormal(median=8, sigma=0.8, min=1, max=26)
          patience: exponential(mean=60d)     # how long a referral waits before giving up (or: none)
          no_show: {first: 0.10, follow_up: 0.06}

        therapists:
          - group: generalists
            count: 20
            proficiency: {anxiety: 0.8, depression: 0.8, default: 0.4}   # 0 to 1, by concern
            languages: [english]
            modalities: [video, phone]
            working_days: [mon, tue, wed, thu, fri]
            slots_per_day: 8
            sustainable_level: uniform(4, 7)   # sessions a day each can give well
            experience: uniform(1, 15)         # years
          - group: trauma specialists
            count: 5
            proficiency: {trauma: 0.95, anxiety: 0.7, default: 0.5}
            languages: [english, spanish]
            modalities: [video]
            sustainable_level: uniform(4, 6)
            experience: uniform(5, 20)

        policy:
          matching: {best-fit: {tolerance: 14d}}   # or: earliest-available, batch-optimal, client-choice
          quota: individual-thresholds             # or: {fixed-quota: 7}, competition

        match_quality:
          weights: {concern: 0.6, severity: 0.2, preferences: 0.2}
          hard_constraints: [language]

        # Each variant is the scenario above with these changes; every variant sees the same clients.
        variants:
          - name: individual-thresholds
          - name: fixed-quota
            policy: {quota: {fixed-quota: 7}}

        """
    }
}
