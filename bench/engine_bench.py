"""Engine benchmarks (figures, not timed tests). Run: python bench/engine_bench.py [--help]

1. Engine cost per simulated event against bare SimPy timeouts, in the same run (the engine
   as this process runs it: its compiled modules where built, ``NEST_PURE_PYTHON=1`` for the
   Python source; the first line says which): each of
   ``--repeat`` repeats runs 20 fresh exercises (built beforehand, shipment rate x4, no
   trainee) and then bare SimPy processes doing only timeouts for the same number of
   events, stepped by the same loop; medians of both and of the paired ratios. CPU time of
   this process, so other work on a shared machine does not count. The events are every
   event SimPy steps, bookkeeping included (process starts and ends, the budget's put
   events); a second ratio counts the timeouts only, on both sides.
2. A full heuristic run of each shipped scenario, world building included (median of
   ``--repeat`` seeds; wall and CPU time).
3. Replaying a 200-action log (median; wall and CPU time).
4. ``calibrate`` with N runs *per policy* (x3 policies) on two worker processes: wall
   time, and the workers' CPU time (halved: what two free cores would take); one
   scenario unless ``--calibrate-all``.
5. Where a calibration-like run spends its time: ``--profile-runs`` seeds x 3 policies of
   every scenario under cProfile, each function's own time (``tottime``) summed by where it
   lives — SimPy's event loop, the engine's handlers and processes, the bots (policies,
   analyst, oracle), world building (world, Faker, networkx), pydantic and the rest
   (stdlib: random, re, ...). Profiling slows every call alike, so shares, not seconds,
   are the figure.
6. What answers as SimPy processes cost: full heuristic runs with ``Simulation.later`` as a
   process (today) and as a bare callback on a timeout (engine version 1), alternated in
   the same run on the same seeds; median CPU ms per run and events per run of each.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import resource
import statistics
import sys
import time
from pathlib import Path

import simpy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine import actions as A  # noqa: E402
from engine import compiled  # noqa: E402
from engine.__main__ import calibrate  # noqa: E402
from engine.exercise import Exercise, Overrides  # noqa: E402
from engine.policies import run_policy  # noqa: E402
from engine.scenario import load_scenario  # noqa: E402

FILES = sorted((ROOT / "scenarios").glob("*.yaml"))
# Per-event figures use this process's CPU time: on a shared machine, wall time also counts
# the moments another process held the core, which says nothing about the engine.
CLOCK = time.process_time


def bare_simpy(n_events: int) -> float:
    """Seconds per event for processes doing nothing but timeouts, stepped like the engine.

    The loop is the engine's own ``Simulation.run_until`` loop (peek, step, count), so the
    only difference between the two figures is what the engine does inside its events.
    """
    env = simpy.Environment()

    def proc(env: simpy.Environment, k: int):
        for _ in range(k):
            yield env.timeout(1.0)

    per = 20
    for _ in range(max(1, n_events // per)):
        env.process(proc(env, per))
    gc.collect()
    peek, step, count, end = env.peek, env.step, 0, float("inf")
    t0 = CLOCK()
    while peek() < end:
        step()
        count += 1
    return (CLOCK() - t0) / count


def engine_per_event(scenario, seeds: range) -> tuple[float, int]:
    """Seconds per event spent inside the engine's simulation (no bot, no world building).

    Exercises are built first (Faker, networkx and SimPy process set-up are not simulation
    time); then each is run to the end of the exercise under the clock.
    """
    exercises = [Exercise(scenario, seed, Overrides(shipment_rate=4.0)) for seed in seeds]
    gc.collect()  # nor is collecting the garbage Faker left while building the worlds
    t0 = CLOCK()
    for ex in exercises:
        ex.sim.run_until(ex.scenario.duration_days)
    elapsed = CLOCK() - t0
    total_n = sum(ex.sim.events for ex in exercises)
    return elapsed / total_n, total_n


def per_event_ratio(scenario, repeat: int) -> tuple[float, float, float, int]:
    """Median engine and bare seconds per event, and the median of the paired ratios.

    Each repeat measures the engine on 20 fresh exercises, then bare SimPy on the same
    number of events straight after, so both see the same machine load.
    """
    engine, bare, ratio = [], [], []
    n = 0
    for r in range(repeat):
        eng, n = engine_per_event(scenario, range(r * 20, r * 20 + 20))
        b = bare_simpy(n)
        engine.append(eng)
        bare.append(b)
        ratio.append(eng / b)
    return statistics.median(engine), statistics.median(bare), statistics.median(ratio), n


def timer_share(scenario, seeds: range) -> float:
    """Share of the events ``engine_per_event`` counts that are timeouts (legs, departures,
    weekly top-ups, answers' delays). The rest is bookkeeping SimPy adds: a process's start
    and end (every shipment, every ``later``) and the budget container's put events. Bare
    SimPy has 20 timeouts per process start and end. Counted apart, untimed."""
    timeouts = total = 0
    for seed in seeds:
        ex = Exercise(scenario, seed, Overrides(shipment_rate=4.0))
        env, end = ex.sim.env, ex.scenario.duration_days
        while env.peek() < end:
            timeouts += isinstance(env._queue[0][3], simpy.Timeout)  # the event due next
            total += 1
            env.step()
    return timeouts / total


def median_time(fn, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process, in seconds."""
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calibrate-runs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--calibrate-all", action="store_true", help="every scenario, not just one")
    ap.add_argument("--profile-runs", type=int, default=10, help="seeds per policy in 5")
    ap.add_argument("--sections", default="1,2,3,4,5,6", help="which benchmarks to run, e.g. 1,4")
    a = ap.parse_args()
    sections = {int(x) for x in a.sections.split(",")}
    scenarios = {p.stem: load_scenario(p) for p in FILES}
    for s in scenarios.values():  # warm up Faker locales and imports
        run_policy(s, 0, "heuristic")
    if 1 in sections:
        _per_event(scenarios, a.repeat)
    if 2 in sections:
        _full_runs(scenarios, a.repeat)
    if 3 in sections:
        _replay(scenarios, a.repeat)
    if 4 in sections:
        _calibrate(a.calibrate_runs, a.calibrate_all)
    if 5 in sections:
        _profile(scenarios, a.profile_runs)
    if 6 in sections:
        _processes(scenarios, a.repeat)


def _per_event(scenarios, repeat: int) -> None:
    mode = ("compiled modules (engine/compiled.py)" if compiled.in_use()
            else "Python source (NEST_PURE_PYTHON=1, or not compiled here)")
    print(
        f"1. engine time per simulated event vs bare SimPy timeouts (same run; median of "
        f"{repeat} paired repeats, 20 exercises each; budget 3x); engine: {mode}"
    )
    bare_share = 20 / 22  # bare_simpy: 20 timeouts between a process's start and its end
    for sid, s in scenarios.items():
        eng, bare, ratio, n = per_event_ratio(s, repeat)
        share = timer_share(s, range(20))
        print(
            f"   {sid:<30} engine {eng * 1e6:6.2f} us/event  bare {bare * 1e6:5.2f} us/event  "
            f"ratio {ratio:4.2f}x  ({n} events per repeat, engine {eng * n / 20 * 1000:5.3f} ms "
            f"per exercise)\n"
            f"   {'':<30} counting timeouts only ({share * 100:.0f} % of the engine's events): "
            f"ratio {ratio * bare_share / share:4.2f}x"
        )


def _full_runs(scenarios, repeat: int) -> None:
    print("2. full heuristic run, median (budget 200 ms)")
    for sid, s in scenarios.items():
        seeds = iter(range(1000))
        t, c = median_time(lambda s=s, seeds=seeds: run_policy(s, next(seeds), "heuristic"), repeat)
        print(f"   {sid:<30} {t * 1000:7.1f} ms wall  {c * 1000:7.1f} ms CPU")


def _replay(scenarios, repeat: int) -> None:
    print("3. replay of a 200-action log, median (budget 300 ms)")
    s = scenarios["wildlife-ivory-corridor"]
    log = run_policy(s, 3, "heuristic").log
    while len(log) < 200:
        log.append({"t": 0, "action": A.Advance(days=1).model_dump(mode="json")})
    log = log[:200]
    t, c = median_time(lambda: Exercise.from_log(s, 3, log), repeat)
    print(
        f"   wildlife-ivory-corridor        {t * 1000:7.1f} ms wall  {c * 1000:7.1f} ms CPU "
        f"for {len(log)} actions"
    )


def _calibrate(runs: int, every: bool) -> None:
    print(f"4. calibrate --runs {runs} (x3 policies) on 2 workers (budget 60 s)")
    for path in FILES if every or runs < 500 else FILES[:1]:
        t0, c0 = time.perf_counter(), _children_cpu()
        res = calibrate(str(path), runs, ["random", "heuristic", "oracle"], workers=2)
        el, cpu = time.perf_counter() - t0, _children_cpu() - c0
        meds = "  ".join(f"{p} {r['median']:.1f}" for p, r in res.items())
        print(
            f"   {path.stem:<30} {el:6.1f} s wall, {cpu:6.1f} s CPU in the workers "
            f"(= {cpu / 2:5.1f} s on two free cores)   medians: {meds}"
        )


BOTS = ("engine/policies.py", "engine/analyst.py", "engine/oracle.py")
WORLD = ("engine/world.py", "engine/identifiers.py", "engine/network.py", "engine/shipment_plan.py")


def _where(filename: str) -> str:
    """The part of a run a function belongs to, from the file it lives in."""
    f = filename.replace("\\", "/")
    if "/simpy/" in f:
        return "simpy"
    if f.endswith(BOTS):
        return "bots"
    if f.endswith(WORLD) or "/faker/" in f or "/networkx/" in f:
        return "world building"
    if "/engine/" in f and "/site-packages/" not in f:
        return "engine"
    if "/pydantic" in f or "pydantic_core" in f:
        return "pydantic (actions, records)"
    return "other (stdlib random, re, ...)"


def profile_shares(scenarios, runs: int) -> tuple[dict[str, float], float]:
    """Each part's share of the own time of a calibration-like run, and the total seconds."""
    from engine.world import FakerPool

    prof = cProfile.Profile()
    fakers = FakerPool()
    prof.enable()
    for s in scenarios.values():
        for policy in ("random", "heuristic", "oracle"):
            for seed in range(runs):
                run_policy(s, seed, policy, fakers=fakers).score()
    prof.disable()
    st = pstats.Stats(prof)
    parts: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, tt, _ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        key = _where(name if filename == "~" else filename)  # "~": a built-in, named by its type
        parts[key] = parts.get(key, 0.0) + tt
    total = sum(parts.values())
    return {k: v / total for k, v in parts.items()}, total


def _profile(scenarios, runs: int) -> None:
    print(
        f"5. where a calibration-like run spends its time ({runs} seeds x 3 policies x "
        f"{len(scenarios)} scenarios under cProfile; share of own time)"
    )
    shares, total = profile_shares(scenarios, runs)
    keys = ("simpy", "engine", "bots", "world building", "pydantic (actions, records)",
            "other (stdlib random, re, ...)")
    for key in keys:
        print(f"   {key:<30} {shares.get(key, 0.0) * 100:5.1f} %")
    print(f"   ({total:.1f} s profiled)")


def _later_as_callback(sim, delay, fn):  # type: ignore[no-untyped-def]
    """``Simulation.later`` as engine version 1 had it: a callback on a bare timeout."""
    ev = sim.env.timeout(max(delay, 0.0))
    ev.callbacks.append(lambda _ev: fn())
    return ev


def _processes(scenarios, repeat: int) -> None:
    from engine.simulation import Simulation

    print(
        f"6. answers, intelligence and injects as SimPy processes vs callbacks (heuristic runs, "
        f"median of {repeat} alternated repeats of 5 seeds, CPU)"
    )
    as_process = Simulation.later
    for sid, s in scenarios.items():
        cpu: dict[str, list[float]] = {"process": [], "callback": []}
        events: dict[str, int] = {}
        for r in range(repeat):
            for variant in ("process", "callback") if r % 2 == 0 else ("callback", "process"):
                Simulation.later = as_process if variant == "process" else _later_as_callback
                try:
                    gc.collect()
                    c0 = CLOCK()
                    runs = [run_policy(s, seed, "heuristic") for seed in range(5)]
                    cpu[variant].append((CLOCK() - c0) / 5)
                finally:
                    Simulation.later = as_process
                events[variant] = sum(ex.sim.events for ex in runs) // 5
        p, c = statistics.median(cpu["process"]), statistics.median(cpu["callback"])
        print(
            f"   {sid:<30} process {p * 1000:6.1f} ms/run ({events['process']} events)  "
            f"callback {c * 1000:6.1f} ms/run ({events['callback']} events)  "
            f"cost {100 * (p / c - 1):+5.1f} %"
        )


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (the pool's workers, once joined)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


if __name__ == "__main__":
    main()
