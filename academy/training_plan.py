"""From a country team's readiness gaps to its training: the plan, the request, the workshop.

The weakest indicators of a team's latest round (agreed scores, else the assessors' average)
choose the training: the curriculum modules and the scenario objectives that each indicator
declares in ``guidance/framework.yaml`` (``modules`` and ``objectives``), ranked by how many
weak indicators they serve. The difficulty preset follows the team's overall maturity: a
task force that is still laying its foundations plays the scenarios with more resources and
less corruption than written, so the exercise teaches rather than overwhelms (NEST Academy's
own rule of thumb, stated here so an instructor can change it on the workshop page).

A team member *requests* the plan (the team chooses to share its weakest indicators with
the instructors); an instructor turns a request into a workshop with one click: the modules
and scenarios assigned, the preset applied, the workshop tied to the team so that its
after-action items come back to the team's indicators (``academy.improvement``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from sqlmodel import Session, col, select

from academy.assessments import rounds_of_team, scores_of_round
from academy.assignments import assign_scenario, set_modules
from academy.errors import AcademyError
from academy.guidance import Framework
from academy.models import (
    CountryTeam,
    ReadinessAssessment,
    Role,
    TrainingRequest,
    User,
    Workshop,
    utcnow,
)
from academy.readiness import results, weakest
from academy.teams import require_team
from academy.workshops import create_workshop

WEAKEST = 6  # indicators a plan answers
MAX_SCENARIOS = 3
# difficulty preset per maturity band (Foundational, Developing, Established, Advanced)
PRESETS: tuple[dict[str, float], ...] = (
    {"resources": 1.5, "corruption": 0.5}, {"resources": 1.25}, {}, {})


@dataclass(frozen=True)
class Planned:
    """A module or scenario of the plan and the weak indicators it trains."""

    id: str
    indicators: tuple[str, ...]
    objectives: tuple[str, ...] = ()  # for a scenario: its objectives that train them


@dataclass(frozen=True)
class TrainingPlan:
    weakest: tuple[tuple[str, float], ...]  # (indicator id, score), lowest first
    modules: tuple[Planned, ...]
    scenarios: tuple[Planned, ...]
    band: int  # index of the team's maturity band
    overrides: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TrainingPlan:
        def planned(rows: object) -> tuple[Planned, ...]:
            return tuple(Planned(r["id"], tuple(r["indicators"]), tuple(r.get("objectives", ())))
                         for r in rows)  # type: ignore[union-attr, index]
        return cls(tuple((str(i), float(s)) for i, s in data["weakest"]),  # type: ignore[union-attr]
                   planned(data["modules"]), planned(data["scenarios"]),
                   int(data["band"]), dict(data.get("overrides") or {}))  # type: ignore[arg-type, call-overload]


def _ranked(found: dict[str, list[str]]) -> list[str]:
    """Ids serving the most weak indicators first; first met breaks ties."""
    order = list(found)
    return sorted(order, key=lambda key: (-len(found[key]), order.index(key)))


def propose(framework: Framework, scores: Mapping[str, float], *,
            limit: int = WEAKEST) -> TrainingPlan:
    """The plan for ``scores``: what trains its ``limit`` weakest indicators."""
    weak = weakest(framework, scores, limit)
    modules: dict[str, list[str]] = {}
    scenarios: dict[str, list[str]] = {}
    objectives: dict[str, list[str]] = {}
    for indicator, _ in weak:
        for module_id in indicator.modules:
            modules.setdefault(module_id, []).append(indicator.id)
        for target in indicator.objectives:
            scenario_id, objective_id = target.split("/", 1)
            scenarios.setdefault(scenario_id, [])
            if indicator.id not in scenarios[scenario_id]:
                scenarios[scenario_id].append(indicator.id)
            if objective_id not in objectives.setdefault(scenario_id, []):
                objectives[scenario_id].append(objective_id)
    overall = results(framework, scores).overall
    band = 0
    if overall is not None:
        band = max(n for n, b in enumerate(framework.maturity) if overall >= b.min)
    return TrainingPlan(
        weakest=tuple((i.id, float(level)) for i, level in weak),
        modules=tuple(Planned(m, tuple(modules[m])) for m in _ranked(modules)),
        scenarios=tuple(Planned(s, tuple(scenarios[s]), tuple(objectives[s]))
                        for s in _ranked(scenarios)[:MAX_SCENARIOS]),
        band=band, overrides=dict(PRESETS[min(band, len(PRESETS) - 1)]))


def latest_round(session: Session, *, acting_user_id: int, team_id: int,
                 framework: Framework) -> tuple[ReadinessAssessment, dict[str, float]] | None:
    """The team's newest round that has any score, and its scores."""
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    return latest_scores(session, team_id=team_id, framework=framework)


def latest_scores(session: Session, *, team_id: int, framework: Framework
                  ) -> tuple[ReadinessAssessment, dict[str, float]] | None:
    """``latest_round`` for a caller that has checked access itself."""
    for assessment in reversed(rounds_of_team(session, team_id=team_id)):
        scores = scores_of_round(session, assessment_id=assessment.id or 0,
                                 indicator_ids=framework.indicators).scores
        if scores:
            return assessment, scores
    return None


def plan_for_team(session: Session, *, acting_user_id: int, team_id: int,
                  framework: Framework) -> tuple[ReadinessAssessment, TrainingPlan] | None:
    found = latest_round(session, acting_user_id=acting_user_id, team_id=team_id,
                         framework=framework)
    if found is None:
        return None
    assessment, scores = found
    return assessment, propose(framework, scores)


def request_training(session: Session, *, acting_user_id: int, team_id: int,
                     framework: Framework) -> TrainingRequest:
    """Share the team's current plan with the instructors (a member or an admin asks).

    While a request waits for an instructor, asking again (a second click, a colleague)
    updates that request with the current plan rather than listing the team twice."""
    found = plan_for_team(session, acting_user_id=acting_user_id, team_id=team_id,
                          framework=framework)
    if found is None or not found[1].weakest:
        raise AcademyError("plan_empty")
    assessment, plan = found
    request = session.exec(select(TrainingRequest).where(
        TrainingRequest.team_id == team_id, col(TrainingRequest.workshop_id).is_(None))
        .order_by(col(TrainingRequest.id).desc())).first()
    request = request or TrainingRequest(team_id=team_id, assessment_id=0, requested_by=0)
    request.assessment_id, request.plan = assessment.id or 0, plan.as_dict()
    request.requested_by, request.requested_at = acting_user_id, utcnow()
    session.add(request)
    session.flush()
    return request


def _staff(user: User | None) -> User:
    if user is None or user.role not in (Role.instructor, Role.admin):
        raise AcademyError("forbidden")
    return user


def requests_for(session: Session, *, user: User | None
                 ) -> list[tuple[TrainingRequest, CountryTeam]]:
    """Training requests (newest first) with their team, for instructors and admins."""
    _staff(user)
    return list(session.exec(
        select(TrainingRequest, CountryTeam)
        .join(CountryTeam, col(CountryTeam.id) == col(TrainingRequest.team_id))
        .order_by(col(TrainingRequest.id).desc())).all())


def requests_of_team(session: Session, *, acting_user_id: int, team_id: int
                     ) -> list[tuple[TrainingRequest, Workshop | None]]:
    """The team's requests, newest first, each with the workshop made from it (its join code
    is what the team hands its officers)."""
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    rows = session.exec(select(TrainingRequest).where(TrainingRequest.team_id == team_id)
                        .order_by(col(TrainingRequest.id).desc())).all()
    return [(r, session.get(Workshop, r.workshop_id) if r.workshop_id else None) for r in rows]


def create_workshop_from(session: Session, *, user: User | None, request_id: int,
                         title: str, language: str = "en") -> Workshop:
    """One click: a workshop for the team with the plan's modules, scenarios and preset."""
    instructor = _staff(user)
    request = session.get(TrainingRequest, request_id)
    if request is None:
        raise AcademyError("not_found")
    if request.workshop_id is not None:
        raise AcademyError("plan_taken")
    plan = TrainingPlan.from_dict(request.plan)
    workshop = create_workshop(session, title=title, instructor=instructor, language=language)
    workshop.country_team_id = request.team_id
    session.add(workshop)
    set_modules(session, user=instructor, workshop_id=workshop.id or 0,
                module_ids=[m.id for m in plan.modules])
    for scenario in plan.scenarios:
        assign_scenario(session, user=instructor, workshop_id=workshop.id or 0,
                        scenario_id=scenario.id, overrides=plan.overrides)
    request.workshop_id = workshop.id
    session.add(request)
    session.flush()
    return workshop
