import RapportModel

/// `rapport fit`: every input of the platform model that a platform's extract can inform.
public enum PlatformFit {
    /// Fits `reading`'s extract; intervals are at `confidence`.
    public static func fit(_ reading: ExtractReading, source: String, confidence: Double = 0.95) -> PlatformFitResult {
        let extract = reading.extract
        var result = PlatformFitResult(source: source, firstDay: extract.firstDay, lastDay: extract.lastDay,
                                       readingSummary: reading.summary, confidence: confidence)
        ArrivalFit.fit(extract, confidence: confidence, into: &result)
        ClientFit.mixes(extract.referrals, confidence: confidence, into: &result)
        ClientFit.sessionsNeeded(extract.referrals, confidence: confidence, into: &result)
        ClientFit.patience(extract, confidence: confidence, into: &result)
        ClientFit.noShows(extract.referrals, confidence: confidence, into: &result)
        ClientFit.dropout(extract.referrals, confidence: confidence, into: &result)
        StaffFit.groups(extract, confidence: confidence, into: &result)
        StaffFit.quits(extract, confidence: confidence, into: &result)
        StaffFit.sickLeave(extract, confidence: confidence, into: &result)
        StaffFit.hiringLag(extract, confidence: confidence, into: &result)
        for fit in result.distributions {
            let chosen = fit.chosen
            for p in chosen.parameters {
                result.values.append(FittedValue(path: "\(fit.path).\(p.name)", estimate: p.estimate, low: p.low, high: p.high,
                                                 rows: fit.observations, method: "\(chosen.family.rawValue), maximum likelihood (observed information)"))
            }
            let runnerUp = fit.candidates.count > 1 ? String(format: "; ΔAIC to %@ %.1f", fit.candidates[1].family.rawValue, fit.candidates[1].aic - chosen.aic) : ""
            result.tests.append(FitTest(
                subject: "\(fit.quantity): \(chosen.family.rawValue)\(runnerUp)", test: "Kolmogorov–Smirnov (against Kaplan–Meier)",
                statistic: fit.kmStatistic, pValue: fit.kmPValue,
                reading: fit.kmPValue < 0.01 ? "the fitted distribution departs from the data; see the Q–Q plot"
                    : "consistent with the data"))
        }
        return result
    }
}
