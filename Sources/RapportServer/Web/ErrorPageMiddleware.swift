import Foundation
import Hummingbird
import RapportExperiment

/// Any error a route throws becomes a page (or, under /api/, JSON) with its status and an escaped
/// message; nothing a request does can take the server down.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let pages: Pages

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let status: HTTPResponse.Status
            let message: String
            if let http = error as? HTTPError {
                status = http.status
                message = http.body ?? http.status.reasonPhrase
            } else if let http = error as? HTTPResponseError {
                status = http.status
                message = status.reasonPhrase
            } else {
                status = .internalServerError
                message = String(describing: error)
            }
            if request.uri.path.hasPrefix("/api/") {
                return Pages.response(JSONValue.object([("error", .string(message))]).rendered(), type: "application/json", status: status)
            }
            return pages.render("error", ["title": "\(status.code) \(status.reasonPhrase)", "message": message], status: status)
        }
    }
}
