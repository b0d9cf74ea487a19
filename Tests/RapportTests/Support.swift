import Foundation
import RapportExperiment
import RapportKernel
import RapportModel
import RapportScenario

/// Paths and shortcuts shared by the tests.
enum Fixtures {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func scenario(_ relative: String, overrides: [(path: String, value: String)] = []) throws -> Scenario {
        try ScenarioLoader.load(path: path(relative), overrides: overrides)
    }

    static func scenario(text: String, file: String = "test.yaml") throws -> Scenario {
        try ScenarioLoader.load(text: text, file: file)
    }

    /// The diagnostics a broken scenario produces, as printed.
    static func problems(_ text: String, file: String = "bad.yaml") -> [String] {
        do {
            _ = try ScenarioLoader.load(text: text, file: file)
            return []
        } catch let error as ScenarioError {
            return error.diagnostics.filter { $0.severity == .error }.map(\.headline)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    /// A small weekly platform, quick to run, for mechanism tests.
    static func smallPlatform(extra: String = "", policy: String = "quota: individual-thresholds", horizon: String = "26w",
                              warmup: String = "4w", rate: String = "30/week", name: String = "small platform") -> String {
        """
        name: \(name)
        horizon: \(horizon)
        warmup: \(warmup)
        replications: 3
        seed: 7
        clients:
          arrivals: {rate: \(rate)}
          concerns: {anxiety: 0.5, trauma: 0.5}
          language: {english: 0.8, spanish: 0.2}
          modality: {video: 0.7, phone: 0.3}
          sessions_needed: lognormal(median=6, sigma=0.6, min=1, max=20)
        therapists:
          - group: generalists
            count: 10
            proficiency: {anxiety: 0.8, default: 0.4}
            languages: [english]
            modalities: [video, phone]
            sustainable_level: uniform(4, 6)
          - group: specialists
            count: 4
            proficiency: {trauma: 0.95, default: 0.5}
            languages: [english, spanish]
            modalities: [video]
            sustainable_level: uniform(4, 5)
        policy:
          \(policy)
        \(extra)
        """
    }

    /// One replication of a weekly platform run to its horizon, for inspecting the model itself.
    static func simulate(_ config: ModelConfig, seed: UInt64 = 1, replication: Int = 0, recordMatches: Bool = false) -> PlatformModel {
        var simulation = Simulation(model: PlatformModel(config: config, streams: StreamSet(seed: seed, replication: replication)))
        simulation.model.recordsMatches = recordMatches
        simulation.model.start(&simulation.calendar)
        simulation.run(until: config.horizon)
        return simulation.model
    }

    /// The first variant's configuration of a scenario text.
    static func config(_ text: String) throws -> ModelConfig { try scenario(text: text).variants[0].config }

    /// A new empty folder under the system's temporary directory; remove it with `defer`.
    static func temporaryFolder(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The binary built alongside the tests.
    static var rapportBinary: String {
        let candidates = [".build/release/rapport", ".build/debug/rapport"].map(path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// The web app's binary, which `swift build` puts beside `rapport`.
    static var serverBinary: String {
        URL(fileURLWithPath: rapportBinary).deletingLastPathComponent().appendingPathComponent("rapport-server").path
    }

    /// Runs the `rapport` binary; returns (exit status, stdout, stderr).
    static func runCLI(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rapportBinary)
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
