"""Exercise room speed: the server-side cost of one trainee action (engine + database).

For every shipped scenario, a trainee's exercise is played through ``academy.exercises.play``
— the same call the desk makes — against a real SQLite file (WAL) or DATABASE_URL:
a mix of intelligence requests, notices, inspections and time advances, as a trainee
would. Each action's wall time covers loading the record, checking the stored log,
running the engine and writing the log row and summary. Prints p50/p95/max per
scenario. Target (issue 4): p95 under 200 ms.

    .venv/bin/python bench/exercise_bench.py [--actions 60]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import select  # noqa: E402

from academy import exercises  # noqa: E402
from academy.db import make_engine, session_scope, upgrade  # noqa: E402
from academy.demo import seed_demo  # noqa: E402
from academy.models import User  # noqa: E402
from academy.scenarios import sync_shipped  # noqa: E402


def next_action(view, n: int) -> dict:  # type: ignore[no-untyped-def]
    """A plausible trainee action given what they know (cycled by n)."""
    info = view.actions
    targets = [e.id for e in view.entities if e.type in ("person", "company", "vessel")]
    step = n % 6
    if step == 0 and targets and info.sources:
        return {"kind": "request_intel", "source": info.sources[n % len(info.sources)].id,
                "target": targets[n % len(targets)]}
    if step == 1:
        return {"kind": "advance", "days": 1}
    if step == 2 and targets:
        return {"kind": "request_notice", "colour": "blue", "subject": targets[-1],
                "purpose": "locate"}
    if step == 3 and info.locations:
        return {"kind": "inspection", "location": info.locations[n % len(info.locations)],
                "start_day": view.day, "days": 3}
    if step == 4 and info.shipments:
        return {"kind": "seizure", "shipment": info.shipments[0],
                "location": info.locations[-1], "start_day": view.day, "days": 5}
    return {"kind": "advance_to_next_event"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=60)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    engine = make_engine(f"sqlite:///{folder}/bench.db")
    upgrade(engine)
    with session_scope(engine) as s:
        seed_demo(s)
        versions = sync_shipped(s)
        trainee_id = s.exec(select(User).where(User.role == "trainee")).one().id
    print(f"{'scenario':32} {'actions':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    worst = 0.0
    for version in versions:
        with session_scope(engine) as s:
            user = s.get(User, trainee_id)
            record = exercises.start(s, user=user, scenario_version_id=version.id, workshop_id=1)
            exercise_id = record.id
        held = None
        timings = []
        for n in range(args.actions):
            if held is not None and held.live.finished:
                break
            view = held.live.view() if held else None
            action = next_action(view, n) if view else {"kind": "advance", "days": 1}
            start = time.perf_counter()
            with session_scope(engine) as s:
                held = exercises.play(s, exercise_id=exercise_id, user_id=trainee_id,
                                      held=held, action=action)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        worst = max(worst, p95)
        print(f"{version.scenario_id:32} {len(timings):>7} {statistics.median(timings):>8.1f} "
              f"{p95:>8.1f} {timings[-1]:>8.1f}")
    print(f"worst p95: {worst:.1f} ms (target < 200 ms)")


if __name__ == "__main__":
    main()
