import Foundation
import Hummingbird
import Logging

/// `rapport serve`: the app's parts, wired into one Hummingbird application.
public struct RapportWebApp: Sendable {
    public let configuration: ServeConfiguration
    public let store: RunStore
    public let monitor: RunMonitor
    public let queue: RunQueue
    let pages: Pages
    let shipped: ShippedScenarios
    let csrfToken: String

    /// Opens the store (marking runs a previous process left unfinished as interrupted) and loads
    /// the templates. Throws when the configuration must not start.
    public init(configuration: ServeConfiguration) async throws {
        if let problem = configuration.problem { throw ServeError(problem) }
        self.configuration = configuration
        store = try RunStore(directory: configuration.dataDirectory)
        try store.markAbandonedRuns()
        monitor = RunMonitor()
        queue = RunQueue(executor: RunExecutor(store: store, monitor: monitor), slots: configuration.runSlots,
                         capacity: configuration.queueCapacity)
        csrfToken = Secret.random()
        pages = try await Pages(csrfToken: csrfToken)
        shipped = ShippedScenarios(directory: configuration.scenariosDirectory)
    }

    /// Every route behind the middleware: error pages, security headers, the token, CSRF.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: ErrorPageMiddleware(pages: pages))
        router.add(middleware: SecurityHeadersMiddleware())
        if let token = configuration.token, !token.isEmpty { router.add(middleware: AccessTokenMiddleware(token: token)) }
        router.add(middleware: CSRFMiddleware(token: csrfToken))
        router.get("/") { _, _ in Response.redirect(to: "/scenarios") }
        router.get("/assets/:name") { _, context in
            guard let response = self.pages.asset(try context.parameters.require("name")) else { throw HTTPError(.notFound) }
            return response
        }
        addScenarioRoutes(to: router)
        addEditorRoutes(to: router)
        addRunRoutes(to: router)
        addHistoryRoutes(to: router)
        return router
    }

    /// The application, listening where the configuration says.
    public func application(logger: Logger? = nil) -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "rapport.serve")
        if logger == nil { log.logLevel = .notice }
        return Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "rapport"),
            logger: log)
    }

    /// Resolves a route's `:id` parameter, 404 when it is not a number.
    static func id(_ context: WebContext, _ name: String = "id") throws -> Int64 {
        guard let id = context.parameters.get(name, as: Int64.self) else { throw HTTPError(.notFound, message: "no such item") }
        return id
    }
}
