#!/usr/bin/env python3
"""Erlang C and Erlang A: the analytic answers Rapport's continuous mode must reproduce.

    erlang.py C LAMBDA MU            Erlang C (M/M/c): P(W>0) and the mean wait in queue Wq
    erlang.py C LAMBDA MU THETA      Erlang A (M/M/c+M, exponential patience at rate THETA):
                                     P(W>0) and P(abandon)

Rates are per hour, so Wq is in hours. Erlang C uses the closed form, computed through the
Erlang B recursion (stable for hundreds of servers). Erlang A is solved as the birth-death
chain it is: births at LAMBDA, deaths at min(n, C)·MU + max(n - C, 0)·THETA, truncated where
the tail weight is below 1e-16. P(W>0) is the chance an arrival finds every server busy
(PASTA); P(abandon) is the abandonment flow THETA·E[queue] over the arrival flow LAMBDA.
"""
import sys


def erlang_b(c, a):
    """Blocking probability of M/M/c/c with offered load a, by the recursion B(k) = aB/(k + aB)."""
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c(c, lam, mu):
    a = lam / mu
    if a >= c:
        raise SystemExit(f"erlang.py: the load {a:g} must be below C = {c} for Erlang C")
    b = erlang_b(c, a)
    p_wait = c * b / (c - a * (1 - b))
    wq = p_wait / (c * mu - lam)
    return p_wait, wq


def erlang_a(c, lam, mu, theta):
    # Unnormalised stationary weights, built as ratios so nothing overflows.
    weights = [1.0]
    n = 0
    while True:
        n += 1
        death = min(n, c) * mu + max(n - c, 0) * theta
        weights.append(weights[-1] * lam / death)
        if n > c and weights[-1] < 1e-16 * sum(weights):
            break
    total = sum(weights)
    p = [w / total for w in weights]
    p_wait = sum(p[c:])
    queue = sum((k - c) * p[k] for k in range(c, len(p)))
    return p_wait, theta * queue / lam


def main(argv):
    if len(argv) not in (4, 5):
        raise SystemExit(__doc__)
    c, lam, mu = int(argv[1]), float(argv[2]), float(argv[3])
    if len(argv) == 4:
        p_wait, wq = erlang_c(c, lam, mu)
        print(f"Erlang C: c={c} lambda={lam:g} mu={mu:g}: P(W>0)={p_wait:.4f} Wq={wq:.4f} h")
    else:
        p_wait, p_abandon = erlang_a(c, lam, mu, float(argv[4]))
        print(f"Erlang A: c={c} lambda={lam:g} mu={mu:g} theta={float(argv[4]):g}: P(W>0)={p_wait:.4f} P(abandon)={p_abandon:.4f}")


if __name__ == "__main__":
    main(sys.argv)
