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
    func nonClinicalLoad(_ t: Int, sessions: Int, training: Bool) -> Double {
        let time = config.nonClinical
        guard !time.isDefault else { return 0 }
        let group = config.therapistGroups[Int(therapists[t].group)]
        if training { return time.loadWeight * Double(group.slotsPerDay) * group.dayShare }
        return time.dayLoad(sessions: sessions, workingDays: group.workingDayCount)
    }
}
