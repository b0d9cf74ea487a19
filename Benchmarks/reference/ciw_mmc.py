#!/usr/bin/env python3
"""The M/M/c job of mmc.c, written for Ciw: a queueing-network library reference.

    ciw_mmc.py HORIZON C LAMBDA MU SEED

Ciw runs to a time, not a count: HORIZON hours of Poisson arrivals at LAMBDA an hour (about
LAMBDA x HORIZON clients) to C servers with exponential service at MU an hour. Prints the share
of finished clients that waited and their mean wait in hours, in mmc.c's format.
"""
import sys

import ciw


def main(argv):
    if len(argv) != 6:
        raise SystemExit(__doc__)
    horizon, c = float(argv[1]), int(argv[2])
    lam, mu, seed = float(argv[3]), float(argv[4]), int(argv[5])
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=lam)],
        service_distributions=[ciw.dists.Exponential(rate=mu)],
        number_of_servers=[c],
    )
    ciw.seed(seed)
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_time(horizon)
    records = simulation.get_all_records()
    n = len(records)
    waits = [r.waiting_time for r in records]
    waited = sum(1 for w in waits if w > 0)
    print(f"arrivals={n} waited_share={waited / max(n, 1):.4f} mean_wait_h={sum(waits) / max(n, 1):.4f}")


if __name__ == "__main__":
    main(sys.argv)
