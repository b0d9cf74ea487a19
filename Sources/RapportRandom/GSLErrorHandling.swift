import CGSL

/// GSL's default error handler calls `abort()`. Rapport validates every parameter before GSL sees
/// it and reads return codes, so the handler is switched off once, before the first GSL call.
enum GSLErrorHandling {
    private static let disabled: Void = { _ = gsl_set_error_handler_off() }()

    static func disableAbort() { _ = disabled }
}
