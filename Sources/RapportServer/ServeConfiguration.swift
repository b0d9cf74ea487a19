import Foundation

/// How `rapport serve` was asked to run.
public struct ServeConfiguration: Sendable {
    /// The largest request body accepted, in bytes.
    public static let maxBodyBytes = 512 * 1024

    public var host: String
    public var port: Int
    /// Where the database lives.
    public var dataDirectory: String
    /// Required on every request when set; required to be set when `host` is not loopback.
    public var token: String?
    /// The shipped scenarios' folder.
    public var scenariosDirectory: String?
    /// Runs computing at once.
    public var runSlots: Int
    /// Runs waiting at most.
    public var queueCapacity: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String, token: String? = nil,
                scenariosDirectory: String? = ShippedScenarios.defaultDirectory(), runSlots: Int = 1, queueCapacity: Int = 64) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.token = token
        self.scenariosDirectory = scenariosDirectory
        self.runSlots = runSlots
        self.queueCapacity = queueCapacity
    }

    /// Whether `host` only accepts connections from this machine.
    public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }

    /// Why this configuration must not start, or nil.
    public var problem: String? {
        if !isLoopback && (token ?? "").isEmpty {
            return "--host \(host) accepts connections from other machines; it needs --token SECRET (or RAPPORT_TOKEN), which every request must then carry"
        }
        if let token, !token.isEmpty, token.count < 16 {
            return "--token must be at least 16 characters, found \(token.count)"
        }
        if !(0...65535).contains(port) { return "--port must be from 0 (any free port) to 65535, found \(port)" }
        return nil
    }
}
