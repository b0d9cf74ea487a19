import Hummingbird

/// The request context of every route: Hummingbird's basics and the upload limit.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The largest request body accepted (a scenario is a page or two of YAML).
    public var maxUploadSize: Int { ServeConfiguration.maxBodyBytes }
}
