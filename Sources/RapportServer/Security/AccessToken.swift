import Foundation
import Hummingbird

/// With `--token`, every request must carry it: `Authorization: Bearer TOKEN`, or the cookie the
/// app sets when a browser first opens `/?token=TOKEN`. Without it the answer is 401.
struct AccessTokenMiddleware: RouterMiddleware {
    typealias Context = WebContext
    static let cookieName = "rapport_token"
    let token: String

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        if let bearer = request.headers[.authorization], bearer.hasPrefix("Bearer "),
           Secret.equal(String(bearer.dropFirst(7)), token) {
            return try await next(request, context)
        }
        if let cookie = request.cookies[Self.cookieName]?.value, Secret.equal(cookie, token) {
            return try await next(request, context)
        }
        // A link with ?token=… logs the browser in: a cookie, then the same page without the token.
        if let given = request.uri.queryParameters["token"].map(String.init), Secret.equal(given, token) {
            var response = Response.redirect(to: request.uri.path, type: .found)
            response.setCookie(Cookie(name: Self.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer realm=\"rapport\""
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .unauthorized, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: "401 Unauthorized: this Rapport server needs its token (open /?token=… or send Authorization: Bearer …)\n")))
    }
}

/// Comparing and making secrets.
enum Secret {
    /// Equality in time that does not depend on where the strings first differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) { diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0) }
        return diff == 0
    }

    /// 32 random bytes in hexadecimal, from the system's secure generator.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
