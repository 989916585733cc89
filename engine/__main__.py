"""Command line: validate scenario files, print the schema, run bots, calibrate.

    python -m engine validate scenarios/*.yaml
    python -m engine schema > scenarios/scenario.schema.json
    python -m engine guide > scenarios/FIELDS.md
    python -m engine run wildlife-ivory-corridor --seed 7 --policy heuristic --json
    python -m engine calibrate scenarios/wildlife-ivory-corridor.yaml --runs 1000

A scenario is named by its file or by its id (``scenarios/<id>.yaml``, or the file in
``scenarios/`` whose ``id:`` it is). Validation prints one ``file:line: place: message``
line per problem and exits 1; it never prints a traceback. It checks objectives' module
ids against the curriculum (``curriculum/en/*.md``) when that folder is there. Calibration plays many seeds with each bot on two worker
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
from pathlib import Path
from typing import Any

from engine.diagnostics import did_you_mean
from engine.loader import module_ids_in, notes
from engine.policies import rated_batch
from engine.scenario import (
    Problem,
    Scenario,
    ScenarioError,
    load_scenario,
    scenario_json_schema,
)

HOME = Path(__file__).resolve().parent.parent  # the project, where scenarios/ is shipped


def scenario_path(name: str) -> Path:
    """The file a command names: a path as given, else the scenario with that id in
    ``./scenarios`` or the project's ``scenarios/`` (its file name or its ``id:``)."""
    given = Path(name)
    if given.is_file() or given.suffix in (".yaml", ".yml") or "/" in name:
        return given  # a path (a missing one is reported by the loader, with its name)
    ids: dict[str, Path] = {}
    for folder in (Path("scenarios"), HOME / "scenarios"):
        if (folder / f"{name}.yaml").is_file():
            return folder / f"{name}.yaml"
        for f in sorted(folder.glob("*.y*ml")):
            try:
                ids.setdefault(load_scenario(f).id, f)
            except ScenarioError:
                continue
    if name in ids:
        return ids[name]
    hint = did_you_mean(name, ids) or f" (the scenarios: {', '.join(sorted(ids))})"
    raise ScenarioError(
        [Problem(name, 0, "", f"no scenario file or scenario id '{name}'{hint}")]
    )


def curriculum_folder() -> Path | None:
    """``./curriculum/en`` or the project's, when there (an engine alone has none)."""
    for folder in (Path("curriculum") / "en", HOME / "curriculum" / "en"):
        if folder.is_dir():
            return folder
    return None


def run_summary(path: str | Scenario, seed: int, policy: str) -> dict[str, Any]:
    from engine.policies import run_policy

    scenario = path if isinstance(path, Scenario) else load_scenario(scenario_path(path))
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
) -> dict[str, dict[str, Any]]:
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
        results = list(map(rated_batch, jobs))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(rated_batch, jobs))
    played = [x for batch in results for x in batch]
    out = {}
    for i, p in enumerate(policies):
        mine = played[i * runs : (i + 1) * runs]
        xs = sorted(score for score, _ in mine)
        q = statistics.quantiles(xs, n=4) if len(xs) > 1 else [xs[0]] * 3
        out[p] = {
            "runs": runs,
            "min": xs[0],
            "q1": q[0],
            "median": statistics.median(xs),
            "q3": q[2],
            "max": xs[-1],
            "mean": round(statistics.fmean(xs), 2),
            # how often this bot got each rating on each objective (shares of its runs)
            "objectives": {
                o.id: {r: sum(rated[o.id] == r for _, rated in mine) / len(mine) for r in "PSMU"}
                for o in scenario.objectives
            },
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m engine", description="NEST Academy scenario engine"
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("validate", help="check scenario files (paths or ids)")
    v.add_argument("paths", nargs="+")
    v.add_argument(
        "--curriculum",
        type=Path,
        default=None,
        help="folder of curriculum modules whose ids objectives may name "
        "(default: curriculum/en when there)",
    )
    sub.add_parser("schema", help="print the scenario JSON Schema")
    sub.add_parser("guide", help="print the field reference of the author's guide (Markdown)")
    k = sub.add_parser("compile", help="compile the busiest modules with Cython when their "
                       "sources changed (engine/compiled.py; python3 dev.py does it)")
    k.add_argument("--force", action="store_true", help="compile even if current")
    r = sub.add_parser("run", help="play one exercise with a bot")
    r.add_argument("scenario", help="a scenario file or id")
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
    c.add_argument("scenario", help="a scenario file or id")
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
        folder = a.curriculum or curriculum_folder()
        modules = module_ids_in(folder) if folder is not None else None
        for path in a.paths:
            try:
                file = scenario_path(path)
                scenario = load_scenario(file, modules=modules)
                for note in notes(scenario, file.read_text(encoding="utf-8"), str(file)):
                    print(note)
            except ScenarioError as exc:
                bad += 1
                for problem in exc.problems:
                    print(problem)
        if not bad:
            print(f"{len(a.paths)} scenario file(s) valid")
        return 1 if bad else 0
    if a.cmd == "schema":
        print(json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False))
        return 0
    if a.cmd == "guide":
        from engine.guide import field_reference

        print(field_reference(), end="")
        return 0
    if a.cmd == "compile":
        from engine.compiled import build

        compiled = build(force=a.force)
        print("engine: compiled modules current" if compiled else "engine: runs from its source")
        return 0
    try:
        scenario = load_scenario(scenario_path(a.scenario))
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    if a.cmd == "run":
        summary = run_summary(scenario, a.seed, a.policy)
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
            for objective, shares in st["objectives"].items():
                print(f"    objective {objective:<24} " + "  ".join(
                    f"{r} {shares[r]:4.0%}".replace("%", " %") for r in "PSMU"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
