import Foundation

/// The scenarios that come with Rapport (the repository's `scenarios/` folder), read-only.
public struct ShippedScenarios: Sendable {
    public struct Entry: Sendable {
        /// The path under the folder, e.g. `presets/routine-care.yaml`; also its id in URLs.
        public var path: String
        public var text: String
    }

    public let directory: String?
    public let entries: [Entry]

    /// Reads every `.yaml` file under `directory` (nil or missing: none).
    public init(directory: String?) {
        self.directory = directory
        guard let directory, let walker = FileManager.default.enumerator(atPath: directory) else { entries = []; return }
        var found: [Entry] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            guard let text = try? String(contentsOfFile: full, encoding: .utf8), text.utf8.count <= 1_000_000 else { continue }
            found.append(Entry(path: relative, text: text))
        }
        entries = found.sorted { ($0.path.contains("/") ? 1 : 0, $0.path) < ($1.path.contains("/") ? 1 : 0, $1.path) }
    }

    /// The entry with exactly this path; a name not in the list (`../x`, say) finds nothing.
    public func entry(_ path: String) -> Entry? { entries.first { $0.path == path } }

    /// The default folder: `scenarios/` in the working directory, else beside the repository the
    /// executable was built in (`.build/release/rapport` → `scenarios/`).
    public static func defaultDirectory() -> String? {
        let fm = FileManager.default
        var candidates = [fm.currentDirectoryPath + "/scenarios"]
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("scenarios").path)
            dir = dir.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        return candidates.first { fm.fileExists(atPath: $0 + "/baseline.yaml", isDirectory: &isDirectory) }
    }
}
