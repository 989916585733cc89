"""What one sign-in costs the workshop laptop: argon2 time and memory per verify.

Each candidate setting runs in a fresh Python process (peak RSS only grows, so a process per
setting keeps the figures apart): one verify's wall time (median of --runs) and the peak
resident memory it added, then a burst of 30 verifies started at once — the trial's
"30 simultaneous sign-ins" — unbounded (one thread each) and through academy.passwords'
semaphore (the app's way). Usage::

    .venv/bin/python bench/signin_bench.py [--runs 10] [--burst 30]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout, not whichever one the venv was installed from

CANDIDATES = {  # name: (time_cost, memory_cost KiB, parallelism)
    "RFC 9106 low-memory (argon2-cffi default; before)": (3, 65536, 4),
    "OWASP m=46 MiB t=1 p=1": (1, 47104, 1),
    "OWASP m=19 MiB t=2 p=1 (chosen)": (2, 19456, 1),
    "OWASP m=12 MiB t=3 p=1": (3, 12288, 1),
    "OWASP m=7 MiB t=5 p=1": (5, 7168, 1),
}

CHILD = r"""
import json, resource, statistics, sys, threading, time
sys.path.insert(0, {root!r})
from argon2 import PasswordHasher
t, m, p, runs, burst, bounded = {t}, {m}, {p}, {runs}, {burst}, {bounded}
def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB on Linux
if bounded:
    from academy import passwords
base = rss()
hasher = PasswordHasher(time_cost=t, memory_cost=m, parallelism=p)
stored = hasher.hash("48214821")
if burst == 0:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        hasher.verify(stored, "48214821")
        times.append(time.perf_counter() - start)
    print(json.dumps({{"ms": statistics.median(times) * 1000, "mib": rss() - base}}))
else:
    def one():
        if bounded:
            passwords.bounded(hasher.verify, stored, "48214821")
        else:
            hasher.verify(stored, "48214821")
    threads = [threading.Thread(target=one) for _ in range(burst)]
    start = time.perf_counter()
    for th in threads: th.start()
    for th in threads: th.join()
    print(json.dumps({{"s": time.perf_counter() - start, "mib": rss() - base}}))
"""


def measure(t: int, m: int, p: int, runs: int, burst: int = 0, bounded: bool = False) -> dict:
    code = CHILD.format(root=str(ROOT), t=t, m=m, p=p, runs=runs, burst=burst, bounded=bounded)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--burst", type=int, default=30)
    args = parser.parse_args()
    from academy.passwords import CONCURRENT_HASHES

    print(f"{'setting':52} {'verify ms':>9} {'+MiB':>6} | burst of {args.burst}: "
          f"{'unbounded s':>11} {'+MiB':>6} | {'bounded s':>9} {'+MiB':>6} "
          f"({CONCURRENT_HASHES} workers)")
    for name, (t, m, p) in CANDIDATES.items():
        one = measure(t, m, p, args.runs)
        free = measure(t, m, p, 0, args.burst, bounded=False)
        held = measure(t, m, p, 0, args.burst, bounded=True)
        print(f"{name:52} {one['ms']:9.1f} {one['mib']:6.1f} | {'':10}"
              f"{free['s']:11.2f} {free['mib']:6.1f} | {held['s']:9.2f} {held['mib']:6.1f}")


if __name__ == "__main__":
    main()
