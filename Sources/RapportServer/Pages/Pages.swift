import Foundation
import Hummingbird
import Mustache
import RapportExperiment

/// The page templates (Mustache, shipped as resources) and the static assets, loaded once.
/// `{{value}}` escapes HTML; `{{{value}}}` is used only for markup the server built and escaped
/// itself (the report, its SVG charts).
struct Pages: Sendable {
    let library: MustacheLibrary
    let assets: [String: (type: String, body: String)]
    /// Put into every page, for its forms and its scripts' POSTs.
    let csrfToken: String

    init(csrfToken: String) async throws {
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil),
              let assetFolder = Bundle.module.url(forResource: "Assets", withExtension: nil) else {
            throw ServeError("the server's templates are missing from the build (Rapport_RapportServer.resources)")
        }
        library = try await MustacheLibrary(directory: templates.path)
        var assets: [String: (type: String, body: String)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: assetFolder.path) {
            let body = try String(contentsOf: assetFolder.appendingPathComponent(name), encoding: .utf8)
            let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/plain; charset=utf-8"
            assets[name] = (type, body)
        }
        self.assets = assets
        self.csrfToken = csrfToken
    }

    /// The named template filled with `data` (plus what every page needs), as an HTML response.
    func render(_ template: String, _ data: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var context = data
        context["csrf"] = csrfToken
        context["version"] = ServeInfo.version
        let html = library.render(context, withTemplate: template) ?? "template \(template) is missing"
        return Self.response(html, type: "text/html; charset=utf-8", status: status)
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func asset(_ name: String) -> Response? {
        guard let asset = assets[name] else { return nil }
        return Self.response(asset.body, type: asset.type)
    }
}

/// A problem that stops the server from starting.
public struct ServeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

enum ServeInfo {
    static var version: String { RapportVersion.current }
}
