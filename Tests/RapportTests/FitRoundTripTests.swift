import Foundation
import RapportExperiment
import RapportFit
import RapportModel
import RapportRandom
import RapportScenario
import Testing

/// The fitting code's main test: simulate a platform with known parameters, export it as an
/// extract, read the extract back, fit it, and recover every fitted parameter within its
/// interval.
@Suite struct FitRoundTripTests {
    static let scenarioPath = "scenarios/data/synthetic-platform.yaml"

    /// The value the fit should recover at `path`, from the scenario that made the extract;
    /// nil when the path has no known truth (which fails the test).
    static func truth(_ path: String, config c: ModelConfig, fit: PlatformFitResult) -> Double? {
        let weekdayMean = c.clients.weekdayMultipliers.reduce(0, +) / 7
        let lengths = [31.0, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let monthMean = zip(c.clients.monthMultipliers, lengths).reduce(0) { $0 + $1.0 * $1.1 } / 365
        let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let parts = path.split(separator: ".").map(String.init)
        switch path {
        case "clients.arrivals.rate": return c.clients.arrivalsPerDay * 7 * weekdayMean * monthMean
        case "clients.no_show.first": return c.clients.noShowFirst
        case "clients.no_show.follow_up": return c.clients.noShowFollowUp
        case "outcomes.dropout.first": return c.outcomes.dropoutFirst
        case "outcomes.dropout.later": return c.outcomes.dropoutLater
        case "wellbeing.quits_per_year": return c.wellbeing.quitsPerYear
        case "wellbeing.sick_days_per_year": return c.wellbeing.sickDaysPerYear
        case "wellbeing.sick_spell_mean": return c.wellbeing.sickSpellMeanDays
        default: break
        }
        if path.hasPrefix("clients.arrivals.weekday."), let w = weekdays.firstIndex(of: parts[3]) {
            return c.clients.weekdayMultipliers[w] / weekdayMean
        }
        if path.hasPrefix("clients.arrivals.month."), let m = months.firstIndex(of: parts[3]) {
            return c.clients.monthMultipliers[m] / monthMean
        }
        let mixes: [String: Mix] = ["concerns": c.clients.concerns, "severity": c.clients.severity,
                                    "modality": c.clients.modality, "language": c.clients.language]
        if parts.count == 3, parts[0] == "clients", let mix = mixes[parts[1]], let i = mix.names.firstIndex(of: parts[2]) {
            return mix.share(i)
        }
        // Distribution parameters: the family's own when the fit chose the true family (or one
        // that nests it), otherwise the fitted distribution's mean.
        let distributions: [String: Distribution] = [
            "clients.sessions_needed": c.clients.sessionsNeeded, "clients.patience": c.clients.patience!,
            "staffing.hiring_lag": c.staffing.hiringLag,
        ].merging(c.therapistGroups.map { ("therapists[\($0.name)].stated_threshold", Self.statedTruth($0, c)) }) { a, _ in a }
        guard let owner = distributions.keys.first(where: { path.hasPrefix($0 + ".") }), let truth = distributions[owner] else { return nil }
        let name = String(path.dropFirst(owner.count + 1))
        switch (truth.family, name) {
        case let (.lognormal(mu, _), "median"): return exp(mu)
        case let (.lognormal(_, sigma), "sigma"): return sigma
        case let (.exponential(mean), "mean"): return mean
        case let (.exponential(mean), "scale"): return mean
        case (.exponential, "shape"): return 1
        case let (.uniform(a, _), "min"): return a
        case let (.uniform(_, b), "max"): return b
        default: return nil
        }
    }

    /// What the group's therapists state. The synthetic platform's therapists state their true
    /// level exactly (no optimism, error or admin), so that is its distribution.
    static func statedTruth(_ group: TherapistGroup, _ c: ModelConfig) -> Distribution {
        precondition(c.wellbeing.statedThreshold.isExact && c.wellbeing.adminPerSession == 0 && c.wellbeing.adminPerDay == 0,
                     "the round trip's platform states its levels exactly")
        return group.statedThreshold ?? group.sustainableLevel
    }

    /// The fit of a family other than the truth's: its mean must cover the truth's mean.
    static func meanCovers(_ fit: DistributionFit, truth: Distribution) -> Bool {
        fit.chosen.mean.low <= truth.mean && truth.mean <= fit.chosen.mean.high
    }

    @Test func simulateExportFitRecoversEveryParameter() throws {
        let scenario = try Fixtures.scenario(Self.scenarioPath)
        let config = scenario.variants[0].config
        let extract = EventExport.extract(config, seed: scenario.seed, index: 0)
        // Through the files, as a platform would hand them over.
        let folder = try Fixtures.temporaryFolder("roundtrip")
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ExtractWriter.files(extract) {
            try file.text.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        let reading = try ExtractReader.read(directory: folder.path)
        #expect(reading.problems.isEmpty, "\(reading.problems.prefix(5))")
        #expect(reading.extract == extract)
        // Family-wise 95%: each interval at 1 − 0.05/k for k fitted values (Bonferroni).
        let count = PlatformFit.fit(reading, source: "roundtrip").values.count
        let fit = PlatformFit.fit(reading, source: "roundtrip", confidence: 1 - 0.05 / Double(count))
        #expect(fit.values.count == count && count >= 40)
        var checked = 0
        for value in fit.values {
            let owner = fit.distributions.first { value.path.hasPrefix($0.path + ".") }
            if let truth = Self.truth(value.path, config: config, fit: fit) {
                #expect(value.low <= truth && truth <= value.high,
                        "\(value.path): truth \(truth) outside [\(value.low), \(value.high)] (estimate \(value.estimate))")
                checked += 1
            } else if let owner {
                // A family other than the truth's was chosen: its mean must cover the true mean.
                let truthDistribution: Distribution? = owner.path == "staffing.hiring_lag" ? config.staffing.hiringLag
                    : config.therapistGroups.first { owner.path == "therapists[\($0.name)].stated_threshold" }.map { Self.statedTruth($0, config) }
                let covered = truthDistribution.map { Self.meanCovers(owner, truth: $0) } ?? false
                #expect(covered, "\(value.path) (\(owner.chosen.family.rawValue)): no known truth, and its mean [\(owner.chosen.mean.low), \(owner.chosen.mean.high)] does not cover the true mean")
                checked += 1
            } else {
                Issue.record("\(value.path): no known truth to check it against")
            }
        }
        #expect(checked == fit.values.count)
        // The families that generated the data are the ones AIC picks where the data are ample.
        #expect(fit.sessionsNeeded?.chosen.family == .lognormal)
        #expect(fit.patience?.chosen.family == .exponential || fit.patience?.chosen.family == .weibull)
        #expect(fit.groups.map(\.name) == ["generalists", "bilingual"])
        #expect(fit.groups.allSatisfy { $0.statedThreshold?.chosen.family == .uniform })
        // And no test of fit rejects the true model.
        for test in fit.tests { #expect(test.pValue > 0.001, "\(test.subject): \(test.test) p = \(test.pValue)") }
    }

    @Test func fittedScenarioLoadsAndCarriesTheFittedValues() throws {
        let scenario = try Fixtures.scenario(Self.scenarioPath)
        let extract = EventExport.extract(scenario.variants[0].config, seed: scenario.seed, index: 0)
        let reading = ExtractReading(extract: extract, problems: [], referralsUsed: extract.referrals.count, referralsRefused: 0,
                                     therapistsUsed: extract.therapists.count, therapistsRefused: 0)
        let fit = PlatformFit.fit(reading, source: "synthetic")
        let yaml = FittedScenarioWriter.yaml(fit)
        let fitted = try ScenarioLoader.load(text: yaml, file: "fitted.yaml").variants[0].config
        #expect(abs(fitted.clients.noShowFirst - fit.noShowFirst!) < 1e-3)
        #expect(abs(fitted.outcomes.dropoutLater - fit.dropoutLater!) < 1e-3)
        let rateError = abs(fitted.clients.arrivalsPerDay - fit.arrivalsPerDay) / fit.arrivalsPerDay
        #expect(rateError < 1e-3)
        let groups: [String] = fitted.therapistGroups.map { $0.name }
        #expect(groups == ["generalists", "bilingual"])
        let patienceMean: Double = fitted.clients.patience?.mean ?? 0
        #expect(patienceMean > 30)
        #expect(yaml.contains("# lognormal chosen by AIC"))
        #expect(yaml.contains("Kolmogorov–Smirnov D ="))
        #expect(yaml.contains("referrals.csv: \(extract.referrals.count) rows used, 0 refused"))
    }

    /// The shipped extract is what the documented command writes today, byte for byte, so an
    /// analyst who re-runs it gets the same files (and the README's worked example, computed from
    /// them, stays true). A model or random-number change that moves the export fails here.
    @Test func shippedExtractIsTheDocumentedExport() throws {
        let shipped = "scenarios/data/synthetic-platform"
        let regenerate = "rapport run \(Self.scenarioPath) --export-events \(shipped)"
        let folder = try Fixtures.temporaryFolder("shipped-extract")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Fixtures.runCLI(["run", Self.scenarioPath, "--export-events", folder.path])
        #expect(run.status == 0, "\(run.err)")
        for name in ["referrals.csv", "therapists.csv"] {
            // Bytes, not Strings: String equality would forgive a change of Unicode normalisation.
            let fresh = try Data(contentsOf: folder.appendingPathComponent(name))
            let kept = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("\(shipped)/\(name)")))
            guard fresh != kept else { continue }
            let freshLines = String(decoding: fresh, as: UTF8.self).split(separator: "\n")
            let keptLines = String(decoding: kept, as: UTF8.self).split(separator: "\n")
            let line = zip(freshLines, keptLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(freshLines.count, keptLines.count)
            Issue.record("""
                \(shipped)/\(name) is not what `\(regenerate)` writes now \
                (\(keptLines.count) lines shipped, \(freshLines.count) exported; first difference at line \(line + 1)). \
                If the change that moved it is meant, regenerate the extract with `\(regenerate)` \
                and re-run the README's worked example (From your data to a decision) on it.
                """)
        }
    }

    /// The records hold stated thresholds, never levels. A platform whose therapists overstate
    /// (Rapport's default optimism, error and admin), fitted and simulated again, must state what
    /// the records did: before the fit wrote `stated_threshold`, it wrote the stated thresholds as
    /// true levels, and the model's optimism, error and admin then moved them a second time
    /// (mean −0.18 and sd +25% on this platform).
    @Test func fittedPlatformStatesWhatTheRecordsShow() throws {
        func staff(_ yaml: String) throws -> [Double] {
            let scenario = try ScenarioLoader.load(text: yaml, file: "staff.yaml")
            return EventExport.extract(scenario.variants[0].config, seed: scenario.seed, index: 0).therapists.compactMap(\.statedThreshold)
        }
        func summary(_ x: [Double]) -> (mean: Double, sd: Double) {
            let mean = x.reduce(0, +) / Double(x.count)
            return (mean, (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot())
        }
        // Defaults for optimism (0.25), error (sd 0.75) and admin (0.1 a session): one week,
        // 600 therapists, enough to read their stated thresholds.
        let platform = """
            name: Overstating platform
            horizon: 1w
            seed: 7
            clients: {arrivals: {rate: 10/week}}
            therapists:
              - group: everyone
                count: 600
                sustainable_level: uniform(4, 6)
            """
        let recorded = try staff(platform)
        let scenario = try ScenarioLoader.load(text: platform, file: "platform.yaml")
        let extract = EventExport.extract(scenario.variants[0].config, seed: scenario.seed, index: 0)
        let reading = ExtractReading(extract: extract, problems: [], referralsUsed: extract.referrals.count, referralsRefused: 0,
                                     therapistsUsed: extract.therapists.count, therapistsRefused: 0)
        let fitted = FittedScenarioWriter.yaml(PlatformFit.fit(reading, source: "overstating"))
        #expect(fitted.contains("stated_threshold:") && !fitted.contains("sustainable_level:"))
        // The fitted platform at ten times the headcount, so that its own sampling noise is small.
        let tenfold = fitted.replacingOccurrences(of: #"count: \d+"#, with: "count: 6000", options: .regularExpression)
            .replacingOccurrences(of: "horizon: 104w", with: "horizon: 1w").replacingOccurrences(of: "warmup: 13w", with: "warmup: 0d")
        let restated = try staff(tenfold)
        #expect(restated.count >= 6000)
        let before = summary(recorded), after = summary(restated)
        let standardError = (before.sd * before.sd / Double(recorded.count) + after.sd * after.sd / Double(restated.count)).squareRoot()
        #expect(abs(after.mean - before.mean) < 3 * standardError, "stated thresholds: mean \(after.mean) against the records' \(before.mean)")
        #expect(abs(after.sd / before.sd - 1) < 0.12, "stated thresholds: sd \(after.sd) against the records' \(before.sd)")
    }

    @Test func exportDatesFollowTheModelCalendar() {
        #expect(CivilDate.parse("2018-01-01") == EventExport.epochDay)
        #expect(CivilDate.weekday(EventExport.epochDay) == 0)
        #expect(CivilDate.format(CivilDate.days(year: 2024, month: 2, day: 29)) == "2024-02-29")
        #expect(CivilDate.parse("2023-02-29") == nil)
    }
}
