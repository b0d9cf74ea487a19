import Foundation
import HTTPTypes
import Hummingbird

/// State changes are POSTs, and every POST must prove it comes from one of the app's own pages:
/// the per-process token that each page embeds, as the `_csrf` form field or the `X-CSRF-Token`
/// header (another site's page cannot read it). A cross-site `Origin` is refused outright.
/// The body is read here, up to the size limit, so a too-large request is refused before any
/// route sees it.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = WebContext
    static let header = HTTPField.Name("X-CSRF-Token")!
    let token: String

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        guard request.method == .post else { throw HTTPError(.methodNotAllowed, message: "only GET and POST are used") }
        if let origin = request.headers[.origin], let host = request.head.authority,
           origin.components(separatedBy: "://").last != host {
            throw HTTPError(.forbidden, message: "a request from another site (Origin: \(origin)) cannot change anything here")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw HTTPError(.contentTooLarge, message: "the request is larger than \(context.maxUploadSize / 1024) KB")
        }
        var request = request
        request.body = .init(buffer: body)
        let given = request.headers[Self.header] ?? FormFields(String(buffer: body))["_csrf"]
        guard let given, Secret.equal(given, token) else {
            throw HTTPError(.forbidden, message: "this form has expired or did not come from this app; reload the page and try again")
        }
        return try await next(request, context)
    }
}
