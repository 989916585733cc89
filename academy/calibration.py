"""Calibrating a scenario: bot trainees play it many times, in the background.

Before a workshop an instructor wants to know whether their edit made the scenario too
easy or too hard: the random, heuristic and oracle bots (``engine.policies``) each play
many seeds and the score distributions are compared (a sound scenario ranks oracle >
heuristic > random). A few hundred runs take a minute or more, so ``start`` only queues the
run: a ``CalibrationRun`` row that any server's worker (``academy.worker``) claims and plays,
writing its progress into the row after each batch. The page only polls that row, so any
server can show any run's progress.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from academy.errors import AcademyError
from academy.models import CalibrationRun, Role, ScenarioVersion, User

POLICIES = ("random", "heuristic", "oracle")
MAX_RUNS = 300


def start(
    session: Session, *, user: User | None, scenario_version_id: int, runs: int,
    policies: list[str] | None = None,
) -> CalibrationRun:
    """A queued calibration run (after the commit, wake a worker: ``academy.worker``)."""
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


def get(session: Session, *, user: User | None, run_id: int) -> CalibrationRun:
    if user is None or user.role not in (Role.instructor, Role.admin):
        raise AcademyError("forbidden")
    run = session.get(CalibrationRun, run_id)
    if run is None:
        raise AcademyError("not_found")
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
