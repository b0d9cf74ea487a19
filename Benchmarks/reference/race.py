#!/usr/bin/env python3
"""The side-by-side timer: runs several commands alternately and compares their wall times.

    race.py [--runs R] [--cpu] COMMAND...

Each round runs every command once, in order (A B C, A B C, ...), after one warm-up round that
is not counted, so a change in machine speed during the race touches every command alike. For
each command it prints one line:

    <median wall s> s  <peak RSS MiB> MiB  x<ratio>  <command>

where the ratio is the median over rounds of (this command's time / the first command's time in
the same round): a paired ratio, steadier than a ratio of medians. Peak RSS is the largest
resident set of the command, from GNU time. With --cpu the times are user + system CPU
seconds instead of wall seconds: on a machine other processes are using, a run's CPU time
stretches less than its wall time. Commands are split as a POSIX shell would (shlex) and run
without a shell. A command that fails stops the race with its status.
"""
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(argv, cpu=False):
    """Wall seconds (or, with cpu, user + system CPU seconds) and peak RSS (MiB) of one run of argv.

    The peak comes from GNU time (/usr/bin/time -f %M), which forks from a small process: a child
    forked from this Python interpreter would report Python's own resident set as its peak,
    since Linux keeps the high-water mark across exec. The CPU time is the resource usage wait4
    reports for GNU time, which includes the command it waited for, to the microsecond (GNU
    time's own %U and %S are rounded to 10 ms, too coarse for runs of a tenth of a second).
    """
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", peak.name] + argv, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        if process.returncode != 0:
            raise SystemExit(f"race.py: '{shlex.join(argv)}' exited with status {process.returncode}")
        words = peak.read().split()
        if not words or not words[-1].isdigit():
            raise SystemExit(f"race.py: GNU time reported no peak memory for '{shlex.join(argv)}'")
        kib = int(words[-1])
    return (usage.ru_utime + usage.ru_stime if cpu else wall), kib / 1024


def main(args):
    runs = 5
    cpu = False
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return
    while args and args[0] in ("--runs", "--cpu"):
        if args[0] == "--cpu":
            cpu, args = True, args[1:]
        elif len(args) >= 2 and args[1].isdigit():
            runs, args = int(args[1]), args[2:]
        else:
            raise SystemExit(f"race.py: --runs takes a whole number of rounds\n{__doc__}")
    if args and args[0].startswith("-"):
        # GNU time would take it for one of its own options and time nothing.
        raise SystemExit(f"race.py: unknown option {args[0]}\n{__doc__}")
    if not args or runs < 1:
        raise SystemExit(__doc__)
    commands = [shlex.split(c) for c in args]
    for argv in commands:  # warm-up round: caches, page-ins, first-run costs
        run_once(argv)
    walls = [[] for _ in commands]
    peaks = [0.0 for _ in commands]
    for _ in range(runs):
        for i, argv in enumerate(commands):
            wall, mib = run_once(argv, cpu)
            walls[i].append(wall)
            peaks[i] = max(peaks[i], mib)
    for i, text in enumerate(args):
        ratio = statistics.median(w / f for w, f in zip(walls[i], walls[0]))
        print(f"{statistics.median(walls[i]):8.3f} s  {peaks[i]:7.1f} MiB  x{ratio:6.3f}  {text}")


if __name__ == "__main__":
    main(sys.argv[1:])
