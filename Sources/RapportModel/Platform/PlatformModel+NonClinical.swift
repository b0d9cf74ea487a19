extension PlatformModel {
    /// Whether therapist `t` spends today, a working day, in training (no sessions run). Training
    /// days fall at random working days, at the rate that gives `training_days_per_year`, from a
    /// stream of their own so that nothing else a variant draws moves.
    mutating func inTraining(_ t: Int) -> Bool {
        let perYear = config.nonClinical.trainingDaysPerYear
        guard perYear > 0 else { return false }
        let workingDaysPerYear = Double(therapists[t].workingDays.nonzeroBitCount) * 365 / 7
        return streams.training.uniform() < min(1, perYear / workingDaysPerYear)
    }

    /// Today's load from scheduled non-clinical work, in session-equivalents: extra notes and
    /// supervision on a day of sessions, a whole day's hours on a training day.
    @inline(__always)
    func nonClinicalLoad(_ t: Int, sessions: Int, training: Bool) -> Double {
        guard !config.nonClinical.isDefault else { return 0 }
        // The group's fields are read in place: a copy would retain its names and lists daily.
        let g = Int(therapists[t].group)
        if training {
            return config.nonClinical.loadWeight * Double(config.therapistGroups[g].slotsPerDay) * config.therapistGroups[g].dayShare
        }
        return config.nonClinical.dayLoad(sessions: sessions, workingDays: config.therapistGroups[g].workingDayCount)
    }
}
