import ArgumentParser
import Foundation
import RapportExperiment
import RapportFit
import RapportScenario

/// Writes `rapport run --export-events DIR`: replication 1 of each variant as an extract.
enum EventExportWriter {
    static func write(_ scenario: Scenario, seed: UInt64?, to folder: String) throws {
        if let continuous = scenario.variants.first(where: { $0.config.mode != .weekly }) {
            Terminal.error("error: --export-events: variant '\(continuous.name)' runs in continuous mode, which has no platform extract to export")
            throw ExitCode(2)
        }
        for variant in scenario.variants {
            let extract = EventExport.extract(variant.config, seed: seed ?? scenario.seed, index: 0)
            let target = scenario.variants.count == 1 ? folder : (folder as NSString).appendingPathComponent(variant.name)
            for file in ExtractWriter.files(extract) {
                let path = (target as NSString).appendingPathComponent(file.name)
                do {
                    try AtomicFile.write(file.text, to: path)
                } catch {
                    Terminal.error("error: cannot write \(path): \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
            Terminal.error("wrote \(target)/referrals.csv (\(extract.referrals.count) referrals) and therapists.csv (\(extract.therapists.count) therapists)")
        }
    }
}
