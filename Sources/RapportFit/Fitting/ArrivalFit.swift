import Foundation
import RapportModel
import RapportRandom

/// The referral rate with its weekday and month profile: daily counts under a Poisson model
/// whose mean is rate × weekday multiplier × month multiplier, fitted by maximum likelihood.
/// For a log-linear Poisson model with two main effects the likelihood equations are the
/// margins, solved exactly by iterative proportional fitting.
enum ArrivalFit {
    static func fit(_ extract: PlatformExtract, confidence: Double, into result: inout PlatformFitResult) {
        let first = extract.firstDay, days = extract.lastDay - extract.firstDay + 1
        guard days >= 7 else {
            result.notes.append("arrivals: the extract covers \(days) days; at least a week is needed for a rate and weekday profile")
            return
        }
        var counts = [Double](repeating: 0, count: days)
        for r in extract.referrals where r.referralDay >= first && r.referralDay <= extract.lastDay {
            counts[r.referralDay - first] += 1
        }
        let weekday = (0..<days).map { CivilDate.weekday(first + $0) }
        let month = (0..<days).map { CivilDate.month(first + $0) }
        var daysPerMonth = [Int](repeating: 0, count: 12)
        for m in month { daysPerMonth[m] += 1 }
        // A month profile needs every month seen for at least four weeks.
        let fitMonths = daysPerMonth.allSatisfy { $0 >= 28 }
        if !fitMonths {
            result.notes.append("arrivals: the month profile needs every month covered for at least 28 days (the extract covers \(days) days); months were left at 1")
        }
        var a = [Double](repeating: 1, count: 7), b = [Double](repeating: 1, count: 12)
        let total = counts.reduce(0, +)
        var rate = total / Double(days)
        var byWeekday = [Double](repeating: 0, count: 7), byMonth = [Double](repeating: 0, count: 12)
        for d in 0..<days { byWeekday[weekday[d]] += counts[d]; byMonth[month[d]] += counts[d] }
        for _ in 0..<200 {
            var expectedW = [Double](repeating: 0, count: 7)
            for d in 0..<days { expectedW[weekday[d]] += rate * b[month[d]] }
            for w in 0..<7 { a[w] = expectedW[w] > 0 ? byWeekday[w] / expectedW[w] : 1 }
            if fitMonths {
                var expectedM = [Double](repeating: 0, count: 12)
                for d in 0..<days { expectedM[month[d]] += rate * a[weekday[d]] }
                for m in 0..<12 { b[m] = expectedM[m] > 0 ? byMonth[m] / expectedM[m] : 1 }
            }
            // Keep the multipliers averaging 1 (weekdays equally, months by their days in a
            // 365-day year) so the rate is the mean referrals a day.
            let meanA = a.reduce(0, +) / 7
            let lengths = [31.0, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            let meanB = zip(b, lengths).reduce(0) { $0 + $1.0 * $1.1 } / 365
            a = a.map { $0 / meanA }
            b = b.map { $0 / meanB }
            let expected = (0..<days).reduce(0.0) { $0 + a[weekday[$1]] * b[month[$1]] }
            rate = total / expected
        }
        result.arrivalsPerDay = rate
        result.weekdayMultipliers = a
        result.monthMultipliers = fitMonths ? b : nil
        let z = StandardDistributions.normalQuantile(1 - (1 - confidence) / 2)
        let n = Int(total)
        result.values.append(ProportionFit.rate("clients.arrivals.rate", n, per: (0..<days).reduce(0.0) { $0 + a[weekday[$1]] * b[month[$1]] },
                                                scale: 7, rows: n, confidence: confidence,
                                                method: "Poisson maximum likelihood, referrals a week"))
        for (w, name) in ExtractColumns.weekdays.enumerated() {
            // The multiplier's standard error on the log scale is about 1/√(referrals that weekday).
            let se = 1 / max(1, byWeekday[w]).squareRoot()
            result.values.append(FittedValue(path: "clients.arrivals.weekday.\(name)", estimate: a[w], low: a[w] * exp(-z * se),
                                             high: a[w] * exp(z * se), rows: Int(byWeekday[w]), method: "Poisson log-linear model (margins)"))
        }
        if fitMonths {
            let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            for m in 0..<12 {
                let se = 1 / max(1, byMonth[m]).squareRoot()
                result.values.append(FittedValue(path: "clients.arrivals.month.\(names[m])", estimate: b[m], low: b[m] * exp(-z * se),
                                                 high: b[m] * exp(z * se), rows: Int(byMonth[m]), method: "Poisson log-linear model (margins)"))
            }
        }
        // Pearson's dispersion test: are the daily counts as variable as a Poisson process's?
        var pearson = 0.0
        for d in 0..<days {
            let mu = rate * a[weekday[d]] * b[month[d]]
            if mu > 0 { pearson += (counts[d] - mu) * (counts[d] - mu) / mu }
        }
        let dof = Double(days - 7 - (fitMonths ? 11 : 0))
        if dof > 0 {
            let p = StandardDistributions.chiSquaredUpperTail(pearson, degreesOfFreedom: dof)
            result.tests.append(FitTest(
                subject: "arrivals: Poisson with weekday\(fitMonths ? " and month" : "") profile", test: "Pearson dispersion",
                statistic: pearson / dof, pValue: p,
                reading: p < 0.01 ? "daily referrals vary more than a Poisson process would (dispersion \(String(format: "%.2f", pearson / dof))): waits in the model may be understated"
                    : "daily referrals vary as a Poisson process with this profile would"))
        }
    }
}
