#!/usr/bin/env python3
"""Run one command and print one JSON line {"median_s", "cpu_s", "peak_mib", "exit"} for it.

median_s: wall time (s) of the single run; cpu_s: user + system CPU seconds of the command and its children;
peak_mib: the largest resident set of any process it started (MiB). The same wrapper times TemKit and its peer, so
process start-up, file reading and writing count the same for both.
Usage: python3 bench/peers/timed.py COMMAND [ARGS...]
"""
import json
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: timed.py COMMAND [ARGS...]")
    start = time.perf_counter()
    result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"median_s": round(wall, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
                      "peak_mib": round(usage.ru_maxrss / 1024.0, 1), "exit": result.returncode}))
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
