"""Command line: validate scenario files, print the schema, run bots, calibrate.

    python -m engine validate scenarios/*.yaml
    python -m engine schema > scenarios/scenario.schema.json
    python -m engine run scenarios/wildlife-ivory-corridor.yaml --seed 7 --policy heuristic --json
    python -m engine calibrate scenarios/wildlife-ivory-corridor.yaml --runs 1000

Validation prints one ``file:line: field.path: message`` line per problem and exits 1;
it never prints a traceback. Calibration plays many seeds with each bot on two worker
processes and prints the score distribution per policy; ``--runs N`` means N runs *per
policy* (seeds 0..N-1 each played by every policy).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from engine.policies import score_batch
from engine.scenario import Scenario, ScenarioError, load_scenario, scenario_json_schema


def run_summary(path: str, seed: int, policy: str) -> dict[str, Any]:
    from engine.policies import run_policy

    scenario = load_scenario(path)
    ex = run_policy(scenario, seed, policy)
    d = ex.debrief()
    return {
        "scenario": scenario.id,
        "seed": seed,
        "policy": policy,
        "score": d.score,
        "ratings": d.ratings,
        "measures": d.measures,
        "seized": sum(
            s.quantity for s in d.shipments if s.fate in ("seized", "controlled_delivery")
        ),
        "unit": scenario.unit,
        "shipments": {
            fate: sum(1 for s in d.shipments if s.fate == fate)
            for fate in (
                "seized", "controlled_delivery", "missed", "in_transit", "prevented", "not_sent"
            )
        },
        "arrests": sum(1 for m in d.members if m.arrested),
        "prosecutions": [
            {
                "person": c.label,
                "role": c.role,
                "country": c.forum,
                "path": c.path,
                "outcome": c.outcome,
                "sentence_years": list(c.sentence) if c.sentence else None,
                "exhibits": [
                    f"{e.kind}:{e.ref}" + ("" if e.usable else f" (unusable: {e.why})")
                    for e in c.exhibits
                ],
            }
            for c in d.prosecutions
        ],
        "wrongful_arrests": len(d.wrongful_arrests),
        "events": ex.sim.events,
        "actions": len(ex.log),
    }


def calibrate(
    path: str | Scenario, runs: int, policies: list[str], workers: int = 2
) -> dict[str, dict[str, float]]:
    """Play seeds ``0 .. runs-1`` with every policy: ``runs`` runs *per policy*.

    Work is cut into a few large batches per worker (each batch pickles the scenario once
    and builds its own Faker pool), so the pool's overhead stays small next to the runs.
    With ``workers <= 1`` everything runs in this process.
    """
    scenario = path if isinstance(path, Scenario) else load_scenario(path)
    batches = max(1, workers) * 4  # per policy: enough to even out the load between workers
    size = max(1, -(-runs // batches))
    jobs = [
        (scenario, p, range(i, min(i + size, runs))) for p in policies for i in range(0, runs, size)
    ]
    if workers <= 1:
        results = list(map(score_batch, jobs))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(score_batch, jobs))
    scores = [x for batch in results for x in batch]
    out = {}
    for i, p in enumerate(policies):
        xs = sorted(scores[i * runs : (i + 1) * runs])
        q = statistics.quantiles(xs, n=4) if len(xs) > 1 else [xs[0]] * 3
        out[p] = {
            "runs": runs,
            "min": xs[0],
            "q1": q[0],
            "median": statistics.median(xs),
            "q3": q[2],
            "max": xs[-1],
            "mean": round(statistics.fmean(xs), 2),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m engine", description="NEST Academy scenario engine"
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("validate", help="check scenario files")
    v.add_argument("paths", nargs="+")
    sub.add_parser("schema", help="print the scenario JSON Schema")
    r = sub.add_parser("run", help="play one exercise with a bot")
    r.add_argument("scenario")
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--policy", choices=["random", "heuristic", "oracle"], default="heuristic")
    r.add_argument("--json", action="store_true")
    c = sub.add_parser(
        "calibrate",
        help="score distribution per bot over many seeds",
        description="Play seeds 0..N-1 with every policy and print each policy's score "
        "distribution. --runs N is the number of runs PER POLICY: with the three default "
        "policies, --runs 1000 plays 3,000 exercises.",
    )
    c.add_argument("scenario")
    c.add_argument(
        "--runs",
        type=int,
        default=100,
        metavar="N",
        help="runs per policy: seeds 0..N-1, each played once by every policy (default 100)",
    )
    c.add_argument("--policies", default="random,heuristic,oracle")
    c.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    c.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)

    if a.cmd == "validate":
        bad = 0
        for path in a.paths:
            try:
                load_scenario(path)
            except ScenarioError as exc:
                bad += 1
                for p in exc.problems:
                    print(p)
        if not bad:
            print(f"{len(a.paths)} scenario file(s) valid")
        return 1 if bad else 0
    if a.cmd == "schema":
        print(json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False))
        return 0
    try:
        scenario = load_scenario(a.scenario)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    if a.cmd == "run":
        summary = run_summary(a.scenario, a.seed, a.policy)
        if a.json:
            print(json.dumps(summary, ensure_ascii=False))
        else:
            for k, val in summary.items():
                print(f"{k}: {val}")
        return 0
    t0 = time.perf_counter()
    result = calibrate(scenario, a.runs, a.policies.split(","), a.workers)
    elapsed = time.perf_counter() - t0
    if a.json:
        print(
            json.dumps({"scenario": a.scenario, "seconds": round(elapsed, 2), "policies": result})
        )
    else:
        total = a.runs * len(result)
        print(
            f"{a.scenario}: {a.runs} runs per policy ({total} in all) in {elapsed:.1f} s "
            f"on {a.workers} worker(s)"
        )
        for p, st in result.items():
            print(
                f"  {p:<10} median {st['median']:6.2f}  q1 {st['q1']:6.2f}  q3 {st['q3']:6.2f}  "
                f"min {st['min']:6.2f}  max {st['max']:6.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
