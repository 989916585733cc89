"""Engine benchmarks (figures, not timed tests). Run: python bench/engine_bench.py [--calibrate-runs N]

1. Engine cost per simulated event against bare SimPy timeouts, in the same run.
2. A full heuristic run of each shipped scenario (median).
3. Replaying a 200-action log.
4. `calibrate` with N runs per policy on two worker processes.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

import simpy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine import actions as A  # noqa: E402
from engine.__main__ import calibrate  # noqa: E402
from engine.exercise import Exercise, Overrides  # noqa: E402
from engine.policies import run_policy  # noqa: E402
from engine.scenario import load_scenario  # noqa: E402

FILES = sorted((ROOT / "scenarios").glob("*.yaml"))


def bare_simpy(n_events: int) -> float:
    """Seconds per event for processes doing nothing but timeouts, stepped like the engine."""
    env = simpy.Environment()

    def proc(env: simpy.Environment, k: int):
        for _ in range(k):
            yield env.timeout(1.0)

    per = 20
    gc.collect()
    for _ in range(max(1, n_events // (per * 2))):
        env.process(proc(env, per))
    count, t0 = 0, time.perf_counter()
    while env.peek() < float("inf"):
        env.step()
        count += 1
    return (time.perf_counter() - t0) / count


def engine_per_event(scenario, seeds: range) -> tuple[float, int]:
    """Seconds per event spent inside the engine's simulation (no bot, no world building)."""
    total_t, total_n = 0.0, 0
    for seed in seeds:
        ex = Exercise(scenario, seed, Overrides(shipment_rate=4.0))
        ex.world.outgoing("")  # world set-up (adjacency) is not simulation time
        gc.collect()  # nor is collecting the garbage Faker left while building the world
        t0 = time.perf_counter()
        while not ex.finished:
            ex.sim.run_until(ex.scenario.duration_days)
        total_t += time.perf_counter() - t0
        total_n += ex.sim.events
    return total_t / total_n, total_n


def median_time(fn, repeat: int) -> float:
    xs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        xs.append(time.perf_counter() - t0)
    return statistics.median(xs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calibrate-runs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=15)
    a = ap.parse_args()
    scenarios = {p.stem: load_scenario(p) for p in FILES}
    for s in scenarios.values():  # warm up Faker locales and imports
        run_policy(s, 0, "heuristic")

    print("1. engine time per simulated event vs bare SimPy timeouts (same run)")
    for sid, s in scenarios.items():
        eng, n = engine_per_event(s, range(20))
        bare = bare_simpy(n)
        print(
            f"   {sid:<30} engine {eng * 1e6:6.2f} us/event  bare {bare * 1e6:5.2f} us/event  "
            f"ratio {eng / bare:4.2f}x  ({n} events)"
        )

    print("2. full heuristic run, median (budget 200 ms)")
    for sid, s in scenarios.items():
        seeds = iter(range(1000))
        t = median_time(lambda s=s, seeds=seeds: run_policy(s, next(seeds), "heuristic"), a.repeat)
        print(f"   {sid:<30} {t * 1000:7.1f} ms")

    print("3. replay of a 200-action log, median (budget 300 ms)")
    s = scenarios["wildlife-ivory-corridor"]
    log = run_policy(s, 3, "heuristic").log
    while len(log) < 200:
        log.append({"t": 0, "action": A.Advance(days=1).model_dump(mode="json")})
    log = log[:200]
    t = median_time(lambda: Exercise.from_log(s, 3, log), a.repeat)
    print(f"   wildlife-ivory-corridor        {t * 1000:7.1f} ms for {len(log)} actions")

    print(f"4. calibrate --runs {a.calibrate_runs} (x3 policies) on 2 workers (budget 60 s)")
    for path in FILES[:1] if a.calibrate_runs >= 500 else FILES:
        t0 = time.perf_counter()
        res = calibrate(str(path), a.calibrate_runs, ["random", "heuristic", "oracle"], workers=2)
        el = time.perf_counter() - t0
        meds = "  ".join(f"{p} {r['median']:.1f}" for p, r in res.items())
        print(f"   {path.stem:<30} {el:6.1f} s   medians: {meds}")


if __name__ == "__main__":
    main()
