import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body (or query) as name → value; the last value of a
/// repeated name wins.
struct FormFields: Sendable {
    private(set) var values: [String: String] = [:]

    init(_ encoded: String) {
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            values[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
    }

    private static func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
    }

    subscript(_ name: String) -> String? { values[name] }

    /// Reads the body of a request the CSRF middleware already collected.
    static func of(_ request: Request, context: WebContext) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormFields(String(buffer: buffer))
    }
}
