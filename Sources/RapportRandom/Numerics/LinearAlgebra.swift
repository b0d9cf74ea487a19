import CGSL

/// Small dense matrix operations through GSL's LU decomposition.
public enum LinearAlgebra {
    /// The inverse of a square matrix, or nil when it is singular or not finite.
    public static func inverse(_ matrix: [[Double]]) -> [[Double]]? {
        GSLErrorHandling.disableAbort()
        let n = matrix.count
        guard n > 0, matrix.allSatisfy({ $0.count == n && $0.allSatisfy(\.isFinite) }) else { return nil }
        let a = gsl_matrix_alloc(n, n)!, inverse = gsl_matrix_alloc(n, n)!
        let permutation = gsl_permutation_alloc(n)!
        defer { gsl_matrix_free(a); gsl_matrix_free(inverse); gsl_permutation_free(permutation) }
        for i in 0..<n { for j in 0..<n { gsl_matrix_set(a, i, j, matrix[i][j]) } }
        var sign: Int32 = 0
        guard gsl_linalg_LU_decomp(a, permutation, &sign) == GSL_SUCCESS else { return nil }
        for i in 0..<n where gsl_matrix_get(a, i, i) == 0 { return nil }
        guard gsl_linalg_LU_invert(a, permutation, inverse) == GSL_SUCCESS else { return nil }
        return (0..<n).map { i in (0..<n).map { j in gsl_matrix_get(inverse, i, j) } }
    }
}
