import Foundation
import RapportModel
import RapportRandom

/// What the referrals say about clients: mixes, sessions needed, patience, no-shows, dropout.
enum ClientFit {
    static func mixes(_ referrals: [ReferralRecord], confidence: Double, into result: inout PlatformFitResult) {
        let columns: [(String, KeyPath<ReferralRecord, String>)] = [
            ("clients.concerns", \.concern), ("clients.severity", \.severity), ("clients.modality", \.modality), ("clients.language", \.language),
        ]
        for (path, key) in columns {
            var (names, counts, shares) = ProportionFit.shares(referrals.map { $0[keyPath: key] })
            if path == "clients.severity" {
                // Severity weights follow mild, moderate, severe: keep that order.
                let order = ExtractColumns.severities.filter(names.contains)
                let index = order.map { names.firstIndex(of: $0)! }
                names = order
                counts = index.map { counts[$0] }
                shares = index.map { shares[$0] }
            }
            result.mixes.append((path, names, shares))
            for (name, count) in zip(names, counts) {
                result.values.append(ProportionFit.value("\(path).\(name)", count, of: referrals.count, confidence: confidence,
                                                         method: "share of referrals (Clopper–Pearson interval)"))
            }
        }
    }

    /// Sessions needed: a completer needed exactly what they attended; a client who dropped out
    /// or is still in treatment needed more (right-censored). The model rounds a continuous draw
    /// capped to [1, cap], so a count k stands for [k − ½, k + ½).
    static func sessionsNeeded(_ referrals: [ReferralRecord], confidence: Double, into result: inout PlatformFitResult) {
        let completers = referrals.filter { $0.endReason == .completed }
        guard completers.count >= 10 else {
            result.notes.append("sessions needed: \(completers.count) completed treatments; at least 10 are needed")
            return
        }
        let cap = completers.map(\.attendedSessions).max()!
        result.sessionsCap = cap
        var observations: [Observation] = []
        for r in referrals {
            let k = r.attendedSessions
            switch r.endReason {
            case .completed:
                let low = k <= 1 ? -Double.infinity : Double(k) - 0.5
                let high = k >= cap ? Double.infinity : Double(k) + 0.5
                observations.append(.interval(Double(k), low: low, high: high))
            case .droppedOut, .open:
                guard k >= 1, k < cap else { continue }
                observations.append(.rightCensored(Double(k) + 0.5, above: Double(k) + 0.5))
            case .abandoned:
                continue
            }
        }
        guard let fit = DistributionFit.fit(observations, families: [.lognormal, .gamma, .weibull, .exponential],
                                            quantity: "sessions needed", path: "clients.sessions_needed", unit: "sessions",
                                            confidence: confidence) else { return }
        result.sessionsNeeded = fit
        result.distributions.append(fit)
    }

    /// Patience: an abandoned referral waited its patience out (a whole number of days d stands
    /// for [d − ½, d + ½]); one matched, or still waiting at the extract's end, had more patience
    /// than its wait (right-censored).
    static func patience(_ extract: PlatformExtract, confidence: Double, into result: inout PlatformFitResult) {
        var observations: [Observation] = []
        var usedMatched = 0, usedFirst = 0
        for r in extract.referrals {
            switch r.endReason {
            case .abandoned:
                let d = Double(r.endDay! - r.referralDay)
                observations.append(.interval(d, low: max(0, d - 0.5), high: d + 0.5))
            default:
                let waitedUntil: Int
                if let m = r.matchedDay { waitedUntil = m; usedMatched += 1 } else if let f = r.firstAppointmentDay { waitedUntil = f; usedFirst += 1 } else {
                    waitedUntil = r.endDay ?? extract.lastDay
                }
                let c = Double(waitedUntil - r.referralDay)
                if c > 0.5 { observations.append(.rightCensored(c - 0.5, above: c - 0.5)) }
            }
        }
        if usedFirst > 0 && usedMatched == 0 {
            result.notes.append("patience: no matched_date column, so waits were taken up to the first appointment; patience is then overstated by the days between booking and the first appointment")
        }
        let events = observations.filter { !$0.censored }.count
        guard events >= 10 else {
            result.notes.append("patience: \(events) referrals abandoned the waitlist; at least 10 are needed, so patience is written as none")
            return
        }
        guard let fit = DistributionFit.fit(observations, families: [.exponential, .weibull, .lognormal, .gamma],
                                            quantity: "patience", path: "clients.patience", unit: "days",
                                            confidence: confidence) else { return }
        result.patience = fit
        result.distributions.append(fit)
    }

    /// No-shows: the first booked appointment and later ones, as binomial shares.
    static func noShows(_ referrals: [ReferralRecord], confidence: Double, into result: inout PlatformFitResult) {
        let booked = referrals.filter { $0.attendedSessions + $0.missedSessions > 0 }
        let known = booked.filter { $0.firstAttended != nil }
        let bookings = booked.reduce(0) { $0 + $1.attendedSessions + $1.missedSessions }
        let missed = booked.reduce(0) { $0 + $1.missedSessions }
        if known.count == booked.count, !booked.isEmpty {
            let firstMissed = known.filter { $0.firstAttended == false }.count
            let first = ProportionFit.value("clients.no_show.first", firstMissed, of: known.count, confidence: confidence,
                                            method: "missed first appointments (exact binomial interval)")
            let later = ProportionFit.value("clients.no_show.follow_up", missed - firstMissed, of: bookings - known.count, confidence: confidence,
                                            method: "missed later appointments (exact binomial interval)")
            result.values += [first, later]
            result.noShowFirst = first.estimate
            result.noShowFollowUp = later.estimate
        } else if bookings > 0 {
            let all = ProportionFit.value("clients.no_show.follow_up", missed, of: bookings, confidence: confidence,
                                          method: "missed appointments (exact binomial interval)")
            result.values.append(all)
            result.noShowFirst = all.estimate
            result.noShowFollowUp = all.estimate
            result.notes.append("no-shows: first_attended is missing for some referrals, so one rate was fitted for first and later appointments")
        }
    }

    /// Dropout hazard by session number (a life table), and the model's two rates: after a first
    /// appointment that was attended, and after any later session (in Rapport a client who missed
    /// their first appointment meets the later hazard from their first session on). A
    /// likelihood-ratio test says whether one rate for every later session is consistent with the table.
    static func dropout(_ referrals: [ReferralRecord], confidence: Double, into result: inout PlatformFitResult) {
        let maxSession = referrals.map(\.attendedSessions).max() ?? 0
        guard maxSession >= 1 else { return }
        var atRisk = [Int](repeating: 0, count: maxSession + 1), dropouts = [Int](repeating: 0, count: maxSession + 1)
        // Session 1 of clients who missed their first appointment: a later session to the model.
        var missedFirstAtRisk = 0, missedFirstDropouts = 0
        for r in referrals where r.attendedSessions >= 1 {
            let k = r.attendedSessions
            for s in 1...k where !(s == k && r.endReason == .completed) { atRisk[s] += 1 }
            if r.endReason == .droppedOut { dropouts[k] += 1 }
            if r.firstAttended == false, !(k == 1 && r.endReason == .completed) {
                missedFirstAtRisk += 1
                if k == 1, r.endReason == .droppedOut { missedFirstDropouts += 1 }
            }
        }
        result.dropoutTable = (1...maxSession).filter { atRisk[$0] > 0 }.map { ($0, atRisk[$0], dropouts[$0]) }
        let first = ProportionFit.value("outcomes.dropout.first", dropouts[1] - missedFirstDropouts, of: atRisk[1] - missedFirstAtRisk,
                                        confidence: confidence, method: "life table, first appointment attended (exact binomial interval)")
        let laterRisk = atRisk.dropFirst(2).reduce(0, +) + missedFirstAtRisk
        let laterDrops = dropouts.dropFirst(2).reduce(0, +) + missedFirstDropouts
        let later = ProportionFit.value("outcomes.dropout.later", laterDrops, of: laterRisk, confidence: confidence,
                                        method: "life table, sessions 2 on (exact binomial interval)")
        result.values += [first, later]
        result.dropoutFirst = first.estimate
        result.dropoutLater = later.estimate
        // Likelihood ratio: one hazard for every later session against one per session (those
        // with at least 20 clients at risk).
        let h = later.estimate
        var lr = 0.0, groups = 0
        for s in 2...max(2, maxSession) where s <= maxSession && atRisk[s] >= 20 {
            let n = Double(atRisk[s]), d = Double(dropouts[s]), hs = d / n
            if d > 0 { lr += 2 * d * log(hs / h) }
            if n - d > 0 { lr += 2 * (n - d) * log((1 - hs) / (1 - h)) }
            groups += 1
        }
        if groups >= 2, h > 0, h < 1 {
            let p = StandardDistributions.chiSquaredUpperTail(lr, degreesOfFreedom: Double(groups - 1))
            result.tests.append(FitTest(
                subject: "dropout: one hazard after every later session", test: "likelihood ratio", statistic: lr, pValue: p,
                reading: p < 0.01 ? "the hazard changes with the session number beyond what one later rate describes; see the life table"
                    : "one hazard for sessions 2 on is consistent with the life table"))
        }
        result.notes.append("dropout: these are the platform's average hazards; Rapport scales them by how much each session helped (or by match quality when symptoms are off) and by a therapist effect of mean 1")
    }
}
