// Not API: the few things Swift 6 cannot reach in GSL directly.
// Only RapportRandom imports this module.
#ifndef RAPPORT_CGSL_SHIM_H
#define RAPPORT_CGSL_SHIM_H

// GSL's headers carry inline definitions of its hottest calls (gsl_rng_uniform, gsl_rng_get,
// gsl_rng_uniform_int, …) for callers that define HAVE_INLINE, as the GSL manual recommends for
// speed. Without it every uniform draw is a call through the PLT into a one-line wrapper; with it
// Swift calls the generator's own function directly. Same code, same numbers.
#define HAVE_INLINE 1

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_statistics_double.h>

// Swift 6 rejects the mutable global `gsl_rng_taus2` as not concurrency-safe;
// a function returning it is fine.
static inline const gsl_rng_type *cgsl_taus2(void) { return gsl_rng_taus2; }

// Likewise for the Nelder-Mead minimiser type.
static inline const gsl_multimin_fminimizer_type *cgsl_nmsimplex2(void) { return gsl_multimin_fminimizer_nmsimplex2; }

// And for the Sobol quasi-random sequence.
static inline const gsl_qrng_type *cgsl_sobol(void) { return gsl_qrng_sobol; }

#endif
