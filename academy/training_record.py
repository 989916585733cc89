"""What a country's officers have trained, beside the country's readiness scores over time.

A country's officers are the trainees of the workshops made for its team (``Workshop.
country_team_id``). Per indicator, the team sees its score in every round beside the
training that indicator calls for: how many of its officers passed each of the indicator's
modules, and the exercises they finished in the scenarios that train it, with their mean
score — so a country can see whether training moved its scores. (A rise after training is
not proof that training caused it; the page says so.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from statistics import mean

from sqlmodel import Session, col, select

from academy.guidance import Framework
from academy.models import (
    ExerciseRecord,
    Membership,
    ModuleProgress,
    Role,
    ScenarioVersion,
    Workshop,
)
from academy.teams import require_team


@dataclass(frozen=True)
class TrainingDone:
    officers: int  # trainees in the team's workshops
    passed: dict[str, int]  # module id → officers who passed it
    exercises: dict[str, list[float]]  # scenario id → scores of finished exercises


@dataclass(frozen=True)
class IndicatorProgress:
    indicator_id: str
    trend: tuple[float | None, ...]  # the score in each round, oldest first
    modules_passed: int  # officer × module passes among the indicator's modules
    exercises: int  # finished exercises in the indicator's scenarios
    mean_score: float | None


def training_done(session: Session, *, acting_user_id: int, team_id: int) -> TrainingDone:
    """The training of the team's officers (members of the team or admins may ask)."""
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    workshops = select(Workshop.id).where(Workshop.country_team_id == team_id)
    officers = set(session.exec(select(Membership.user_id).where(
        col(Membership.workshop_id).in_(workshops), Membership.role == Role.trainee)).all())
    passed: dict[str, int] = {}
    exercises: dict[str, list[float]] = {}
    if officers:
        for module_id in session.exec(select(ModuleProgress.module_id).where(
                col(ModuleProgress.user_id).in_(officers),
                col(ModuleProgress.completed_at).is_not(None))).all():
            passed[module_id] = passed.get(module_id, 0) + 1
        for scenario_id, score in session.exec(
                select(ScenarioVersion.scenario_id, ExerciseRecord.score)
                .join(ScenarioVersion, col(ScenarioVersion.id) == col(ExerciseRecord.scenario_version_id))
                .where(col(ExerciseRecord.user_id).in_(officers),
                       col(ExerciseRecord.workshop_id).in_(workshops),
                       col(ExerciseRecord.finished).is_(True))).all():
            exercises.setdefault(scenario_id, []).append(float(score))
    return TrainingDone(len(officers), passed, exercises)


def progress(framework: Framework, rounds: list[Mapping[str, float]],
             done: TrainingDone) -> list[IndicatorProgress]:
    """Per indicator (framework order): its trend over ``rounds`` and the training done."""
    rows = []
    for indicator in framework.indicators.values():
        scenario_ids = {o.split("/", 1)[0] for o in indicator.objectives}
        scores = [s for sid in sorted(scenario_ids) for s in done.exercises.get(sid, [])]
        rows.append(IndicatorProgress(
            indicator.id, tuple(r.get(indicator.id) for r in rounds),
            sum(done.passed.get(m, 0) for m in indicator.modules), len(scores),
            round(mean(scores), 1) if scores else None))
    return rows
