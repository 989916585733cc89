"""Calibrating a scenario: bot trainees play it many times, in the background.

Before a workshop an instructor wants to know whether their edit made the scenario too
easy or too hard: the random, heuristic and oracle bots (``engine.policies``) each play
many seeds and the score distributions are compared (a sound scenario ranks oracle >
heuristic > random). A few hundred runs take a minute or more, so they run in a worker
*process* (the engine is pure Python; a thread in the web server would hold its GIL and
slow every trainee down), fed in small batches by a thread that writes the progress into
the ``CalibrationRun`` row after each batch. The page only polls that row. The batches are
played by the engine's own batch function (``engine.policies.score_batch``), as the CLI does.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime, timedelta, timezone

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from academy.db import session_scope
from academy.errors import AcademyError
from academy.models import CalibrationRun, Role, ScenarioVersion, User
from academy.scenarios import parse
from engine.policies import score_batch

POLICIES = ("random", "heuristic", "oracle")
MAX_RUNS = 300
BATCH = 5
STALE_AFTER = timedelta(minutes=10)  # a run whose server stopped never finishes


def start(
    session: Session, *, user: User | None, scenario_version_id: int, runs: int,
    policies: list[str] | None = None,
) -> CalibrationRun:
    """A new calibration row (call ``launch`` after the commit to start playing)."""
    if user is None or user.role not in (Role.instructor, Role.admin):
        raise AcademyError("forbidden")
    if session.get(ScenarioVersion, scenario_version_id) is None:
        raise AcademyError("not_found")
    policies = [p for p in (policies or list(POLICIES)) if p in POLICIES]
    if not policies or not 1 <= runs <= MAX_RUNS:
        raise AcademyError("calibration_invalid", max=MAX_RUNS)
    run = CalibrationRun(scenario_version_id=scenario_version_id, runs=runs, policies=policies,
                         total=runs * len(policies), scores={p: [] for p in policies},
                         created_by=user.id)
    session.add(run)
    session.flush()
    return run


def launch(engine: Engine, run_id: int) -> threading.Thread:
    """Play the run's batches in a worker process; returns the feeding thread."""
    thread = threading.Thread(target=_play, args=(engine, run_id), daemon=True,
                              name=f"calibration-{run_id}")
    thread.start()
    return thread


def _play(engine: Engine, run_id: int) -> None:
    try:
        with session_scope(engine) as s:
            run = s.get(CalibrationRun, run_id)
            assert run is not None
            text = s.get(ScenarioVersion, run.scenario_version_id).text  # type: ignore[union-attr]
            runs, policies = run.runs, list(run.policies)
        scenario = parse(text)
        jobs = [(scenario, p, range(i, min(i + BATCH, runs)))
                for p in policies for i in range(0, runs, BATCH)]
        context = multiprocessing.get_context("spawn")  # never fork a threaded server
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            futures = {pool.submit(score_batch, job): job[1] for job in jobs}
            for future in as_completed(futures):
                _record(engine, run_id, futures[future], future.result())
        _finish(engine, run_id, "done", "")
    except Exception as error:  # noqa: BLE001 — any failure must reach the page, not vanish
        _finish(engine, run_id, "failed", f"{type(error).__name__}: {error}"[:500])


def _record(engine: Engine, run_id: int, policy: str, scores: list[float]) -> None:
    with session_scope(engine) as s:
        run = s.get(CalibrationRun, run_id)
        assert run is not None
        merged = {k: list(v) for k, v in run.scores.items()}
        merged.setdefault(policy, []).extend(round(x, 2) for x in scores)
        run.scores, run.done = merged, run.done + len(scores)
        run.updated_at = datetime.now(timezone.utc)
        s.add(run)


def _finish(engine: Engine, run_id: int, status: str, error: str) -> None:
    with session_scope(engine) as s:
        run = s.get(CalibrationRun, run_id)
        if run is not None:
            run.status, run.error = status, error
            run.updated_at = datetime.now(timezone.utc)
            s.add(run)


def get(session: Session, *, user: User | None, run_id: int) -> CalibrationRun:
    if user is None or user.role not in (Role.instructor, Role.admin):
        raise AcademyError("forbidden")
    run = session.get(CalibrationRun, run_id)
    if run is None:
        raise AcademyError("not_found")
    if run.status == "running" and datetime.now(timezone.utc) - run.updated_at > STALE_AFTER:
        run.status, run.error = "failed", "interrupted"
        session.add(run)
    return run


def runs_of(session: Session, *, user: User | None, scenario_id: str) -> list[CalibrationRun]:
    """Earlier calibrations of any version of a scenario, newest first."""
    if user is None or user.role not in (Role.instructor, Role.admin):
        raise AcademyError("forbidden")
    versions = select(ScenarioVersion.id).where(ScenarioVersion.scenario_id == scenario_id)
    return list(session.exec(select(CalibrationRun)
                             .where(col(CalibrationRun.scenario_version_id).in_(versions))
                             .order_by(col(CalibrationRun.id).desc())).all())


def distribution_rows(run: CalibrationRun) -> list[dict[str, object]]:
    """One row per bot game (policy, score) for a histogram or box plot."""
    return [{"policy": policy, "score": score}
            for policy, scores in run.scores.items() for score in scores]
