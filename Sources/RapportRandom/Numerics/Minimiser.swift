import CGSL

/// Derivative-free minimisation with GSL's Nelder–Mead simplex (`nmsimplex2`).
///
/// Used wherever a likelihood has no closed-form maximum (censored fits, mixed no-show rates)
/// and by calibration, where each evaluation is a batch of simulations.
///
/// ```swift
/// let best = Minimiser.nelderMead(start: [0, 0], steps: [1, 1]) { x in (x[0] - 1) * (x[0] - 1) + x[1] * x[1] }
/// // best.point ≈ [1, 0]
/// ```
public enum Minimiser {
    /// Where the search ended.
    public struct Outcome: Sendable {
        /// The best point found.
        public var point: [Double]
        /// The objective there.
        public var value: Double
        /// Simplex iterations used.
        public var iterations: Int
        /// Whether the simplex shrank below the tolerance before the iteration limit.
        public var converged: Bool
    }

    /// Minimises `objective` from `start`, with an initial simplex of `steps` along each axis.
    /// The search stops when the simplex's characteristic size falls below `tolerance` or after
    /// `maxIterations`, or once `maxEvaluations` objective values have been taken (checked after
    /// each iteration, so one iteration may pass it by up to n + 1). A non-finite objective value is treated as a very large one, so the
    /// simplex backs away from impossible parameters instead of failing.
    public static func nelderMead(start: [Double], steps: [Double], tolerance: Double = 1e-7, maxIterations: Int = 5_000, maxEvaluations: Int = .max,
                                  _ objective: ([Double]) -> Double) -> Outcome {
        GSLErrorHandling.disableAbort()
        let n = start.count
        precondition(n > 0 && steps.count == n, "one step per coordinate")
        return withoutActuallyEscaping(objective) { objective in
            let box = ObjectiveBox(objective, dimension: n)
            let context = Unmanaged.passUnretained(box).toOpaque()
            var function = gsl_multimin_function(
                f: { x, parameters in
                    let box = Unmanaged<ObjectiveBox>.fromOpaque(parameters!).takeUnretainedValue()
                    return box.evaluate(x!)
                },
                n: n, params: context)
            let x = gsl_vector_alloc(n)!, step = gsl_vector_alloc(n)!
            defer { gsl_vector_free(x); gsl_vector_free(step) }
            for i in 0..<n {
                gsl_vector_set(x, i, start[i])
                gsl_vector_set(step, i, steps[i])
            }
            guard let minimiser = gsl_multimin_fminimizer_alloc(cgsl_nmsimplex2(), n) else {
                fatalError("GSL could not allocate a minimiser (out of memory)")
            }
            defer { gsl_multimin_fminimizer_free(minimiser) }
            gsl_multimin_fminimizer_set(minimiser, &function, x, step)
            var iterations = 0, converged = false
            while iterations < maxIterations {
                iterations += 1
                if gsl_multimin_fminimizer_iterate(minimiser) != GSL_SUCCESS { break }
                if box.evaluations >= maxEvaluations { break }
                if gsl_multimin_test_size(gsl_multimin_fminimizer_size(minimiser), tolerance) == GSL_SUCCESS {
                    converged = true
                    break
                }
            }
            let best = (0..<n).map { gsl_vector_get(minimiser.pointee.x, $0) }
            return Outcome(point: best, value: minimiser.pointee.fval, iterations: iterations, converged: converged)
        }
    }
}

/// Carries the Swift objective through GSL's `void *params`.
private final class ObjectiveBox {
    let objective: ([Double]) -> Double
    var buffer: [Double]
    private(set) var evaluations = 0

    init(_ objective: @escaping ([Double]) -> Double, dimension: Int) {
        self.objective = objective
        buffer = Array(repeating: 0, count: dimension)
    }

    func evaluate(_ x: UnsafePointer<gsl_vector>) -> Double {
        evaluations += 1
        for i in buffer.indices { buffer[i] = gsl_vector_get(x, i) }
        let value = objective(buffer)
        return value.isFinite ? value : 1e300
    }
}
