#!/usr/bin/env python3
"""Events per second of the platform model at two sizes, for one or two binaries, timed
alternately in one run (medians of --repeats), so that machine noise hits every configuration
alike. Quote the ratios it prints, not the rates.

Usage: Benchmarks/growth.py NEW_BINARY [OLD_BINARY] [--horizon 26w] [--repeats 3]
Prints events/s per (binary, size), the growth ratio 10k ÷ 2.5k per binary (1.0 is flat per-event
cost), and new ÷ old at each size.
"""
import argparse, json, os, statistics, subprocess, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("new")
parser.add_argument("old", nargs="?")
parser.add_argument("--horizon", default="26w")
parser.add_argument("--repeats", type=int, default=3)
args = parser.parse_args()

binaries = {"new": args.new} | ({"old": args.old} if args.old else {})
# platform-10k's two groups and demand, scaled together.
sizes = {"2.5k": (2000, 500, 6000), "10k": (8000, 2000, 24000)}
rates = {}
with tempfile.TemporaryDirectory() as work:
    for _ in range(args.repeats):
        for size, (generalists, specialists, weekly) in sizes.items():
            for name, binary in binaries.items():
                out = os.path.join(work, f"{name}-{size}.json")
                command = [binary, "run", os.path.join(root, "scenarios/bench/platform-10k.yaml"),
                           "--set", f"therapists[0].count={generalists}", "--set", f"therapists[1].count={specialists}",
                           "--set", f"clients.arrivals.rate={weekly}/week", "--set", f"horizon={args.horizon}",
                           "--replications", "1", "--jobs", "1", "--format", "json", "--output", out]
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, check=True)
                wall = time.perf_counter() - start
                events = json.load(open(out))["variants"][0]["events"]
                rates.setdefault((name, size), []).append(events / wall)
median = {key: statistics.median(values) for key, values in rates.items()}
for (name, size), rate in sorted(median.items()):
    print(f"{name:>4} {size:>5}: {rate:,.0f} events/s (median of {args.repeats})")
for name in binaries:
    print(f"{name}: events/s 10k ÷ 2.5k = {median[(name, '10k')] / median[(name, '2.5k')]:.3f}")
if args.old:
    for size in sizes:
        print(f"new ÷ old at {size}: {median[('new', size)] / median[('old', size)]:.3f}")
