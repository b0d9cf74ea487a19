import ArgumentParser
import Foundation
import RapportExperiment

/// `rapport init NAME`: a commented starter scenario that validates and runs.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter scenario, NAME.yaml, to edit into your own platform.",
        discussion: "Example: rapport init my-platform && rapport run my-platform.yaml. An existing file is never replaced.")

    @Argument(help: "The scenario's name; the file is NAME.yaml (or NAME, when it already ends in .yaml or .yml).")
    var name: String

    func validate() throws {
        guard !name.isEmpty else { throw ValidationError("give the new scenario a name, such as rapport init my-platform") }
    }

    func run() throws {
        let path = name.hasSuffix(".yaml") || name.hasSuffix(".yml") ? name : name + ".yaml"
        let title = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            try AtomicFile.create(StarterScenario.text(title: title), at: path)
        } catch let error as OutputError {
            Terminal.error("error: \(error)")
            throw ExitCode(2)
        }
        Terminal.error("wrote \(path); check it with: rapport validate \(path) --resolved; run it with: rapport run \(path)")
    }
}
