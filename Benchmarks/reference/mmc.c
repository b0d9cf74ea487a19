/*
 * mmc: a hand-written M/M/c queue on GSL, the floor a general simulation engine can hope to
 * approach on the same job (Benchmarks/README.md, figure 1).
 *
 *   mmc N C LAMBDA MU SEED
 *
 * Simulates N arrivals to C servers: Poisson arrivals at LAMBDA an hour, exponential service at
 * MU an hour, first come first served, no abandonment. Prints the share of arrivals that waited
 * and their mean wait in hours, so the answer can be checked against Erlang C (erlang.py).
 *
 * The design is the cheapest correct one: the only pending events are the next arrival and the
 * busy servers' departures, kept in a binary min-heap of times; the waiting line is a ring
 * buffer of arrival times that grows only when it is full. Random numbers come from GSL's taus2
 * generator (gsl_rng_taus2, Rapport's) through gsl_ran_exponential, one stream for arrivals and
 * one for services, as Rapport uses one stream per purpose.
 *
 * Build: gcc -O2 -o mmc mmc.c -lgsl -lgslcblas -lm
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>

/* Departure times of busy servers: a binary min-heap. */
typedef struct {
    double *times;
    long count;
} heap;

static void heap_push(heap *h, double t) {
    long i = h->count++;
    while (i > 0) {
        long parent = (i - 1) / 2;
        if (h->times[parent] <= t) break;
        h->times[i] = h->times[parent];
        i = parent;
    }
    h->times[i] = t;
}

/* Removes the earliest time; the last element sifts down from the root. */
static double heap_pop(heap *h) {
    double top = h->times[0];
    double last = h->times[--h->count];
    long i = 0;
    for (;;) {
        long child = 2 * i + 1;
        if (child >= h->count) break;
        if (child + 1 < h->count && h->times[child + 1] < h->times[child]) child++;
        if (last <= h->times[child]) break;
        h->times[i] = h->times[child];
        i = child;
    }
    if (h->count > 0) h->times[i] = last;
    return top;
}

/* Arrival times of waiting clients: a growable ring buffer (FIFO). */
typedef struct {
    double *times;
    long head, count, capacity;
} line;

static void line_push(line *q, double t) {
    if (q->count == q->capacity) {
        long grown = q->capacity * 2;
        double *times = malloc(sizeof(double) * grown);
        if (!times) { perror("mmc"); exit(1); }
        for (long k = 0; k < q->count; k++) times[k] = q->times[(q->head + k) % q->capacity];
        free(q->times);
        q->times = times;
        q->head = 0;
        q->capacity = grown;
    }
    q->times[(q->head + q->count++) % q->capacity] = t;
}

static double line_pop(line *q) {
    double t = q->times[q->head];
    q->head = (q->head + 1) % q->capacity;
    q->count--;
    return t;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: mmc N C LAMBDA MU SEED   (e.g. mmc 1000000 50 45 1 1)\n");
        return 2;
    }
    long n = atol(argv[1]), c = atol(argv[2]);
    double lambda = atof(argv[3]), mu = atof(argv[4]);
    unsigned long seed = strtoul(argv[5], NULL, 10);
    if (n < 1 || c < 1 || !(lambda > 0) || !(mu > 0)) {
        fprintf(stderr, "mmc: N and C must be >= 1, LAMBDA and MU > 0\n");
        return 2;
    }
    gsl_rng *arrivals = gsl_rng_alloc(gsl_rng_taus2), *services = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(arrivals, seed);
    gsl_rng_set(services, seed + 1);

    heap busy = {malloc(sizeof(double) * c), 0};
    line waiting = {malloc(sizeof(double) * 1024), 0, 0, 1024};
    if (!busy.times || !waiting.times) { perror("mmc"); return 1; }

    double now = 0, next_arrival = gsl_ran_exponential(arrivals, 1 / lambda);
    long arrived = 0, waited = 0, served = 0;
    double total_wait = 0;
    while (served < n) {
        if (arrived < n && (busy.count == 0 || next_arrival <= busy.times[0])) {
            now = next_arrival;
            arrived++;
            if (busy.count < c) {
                heap_push(&busy, now + gsl_ran_exponential(services, 1 / mu));
            } else {
                line_push(&waiting, now);
            }
            next_arrival = now + gsl_ran_exponential(arrivals, 1 / lambda);
        } else {
            now = heap_pop(&busy);
            served++;
            if (waiting.count > 0) {
                double wait = now - line_pop(&waiting);
                waited++;
                total_wait += wait;
                heap_push(&busy, now + gsl_ran_exponential(services, 1 / mu));
            }
        }
    }
    printf("arrivals=%ld waited_share=%.4f mean_wait_h=%.4f\n", n, (double)waited / n, total_wait / n);
    free(busy.times);
    free(waiting.times);
    gsl_rng_free(arrivals);
    gsl_rng_free(services);
    return 0;
}
