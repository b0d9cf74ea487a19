#!/usr/bin/env python3
"""The M/M/c job of mmc.c, written for SimPy: a process-based reference.

    simpy_mmc.py N C LAMBDA MU SEED

N clients arrive (Poisson at LAMBDA an hour) to C servers (a simpy.Resource) with exponential
service at MU an hour, first come first served. Prints the share that waited and the mean wait
in hours, in mmc.c's format, so the three programs can be checked against each other.
"""
import random
import sys

import simpy


def main(argv):
    if len(argv) != 6:
        raise SystemExit(__doc__)
    n, c = int(argv[1]), int(argv[2])
    lam, mu, seed = float(argv[3]), float(argv[4]), int(argv[5])
    arrivals, services = random.Random(seed), random.Random(seed + 1)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=c)
    stats = {"waited": 0, "wait": 0.0}

    def client(arrived):
        with servers.request() as turn:
            yield turn
            wait = env.now - arrived
            if wait > 0:
                stats["waited"] += 1
                stats["wait"] += wait
            yield env.timeout(services.expovariate(mu))

    def source():
        for _ in range(n):
            yield env.timeout(arrivals.expovariate(lam))
            env.process(client(env.now))

    env.process(source())
    env.run()
    print(f"arrivals={n} waited_share={stats['waited'] / n:.4f} mean_wait_h={stats['wait'] / n:.4f}")


if __name__ == "__main__":
    main(sys.argv)
