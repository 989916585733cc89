"""What a workshop plays and reads: its modules, its scenarios and their difficulty.

An instructor assigns curriculum modules (by the ``id`` in each module's front matter)
and scenarios to a workshop. A scenario may be made harder or easier for this cohort
with four multipliers — detection, corruption, shipment rate, resources — the engine's
``Overrides``. The catalogue switch is the gate: when it is closed trainees can start
nothing; when it is open they see the assigned scenarios, or every scenario when none
is assigned (a workshop that does not plan its scenarios sees the whole catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError
from sqlmodel import Session, col, select

from academy.errors import AcademyError
from academy.models import (
    ExerciseRecord,
    ModuleProgress,
    ScenarioVersion,
    User,
    Workshop,
    WorkshopModule,
    WorkshopScenario,
)
from academy.roster import check_manage
from engine.exercise import Overrides

CURRICULUM = Path(__file__).resolve().parent.parent / "curriculum" / "en"
KNOBS = ("detection", "corruption", "shipment_rate", "resources")


@lru_cache(maxsize=1)
def module_titles(folder: Path = CURRICULUM) -> dict[str, str]:
    """Module id → English title, from the front matter of every curriculum file."""
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        try:
            meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        except yaml.YAMLError:
            continue
        if isinstance(meta, dict) and isinstance(meta.get("id"), str):
            found[meta["id"]] = str(meta.get("title", meta["id"]))
    return found


def modules_of(session: Session, *, workshop_id: int) -> list[str]:
    rows = session.exec(select(WorkshopModule).where(WorkshopModule.workshop_id == workshop_id)
                        .order_by(col(WorkshopModule.position))).all()
    return [r.module_id for r in rows]


def set_modules(session: Session, *, user: User, workshop_id: int, module_ids: list[str]) -> None:
    """The workshop's modules, in the order given (unknown ids are refused)."""
    check_manage(session, user=user, workshop_id=workshop_id)
    known = module_titles()
    unknown = [m for m in module_ids if m not in known]
    if unknown:
        raise AcademyError("workshop_module_unknown", module=", ".join(unknown))
    for row in session.exec(select(WorkshopModule).where(
            WorkshopModule.workshop_id == workshop_id)).all():
        session.delete(row)
    session.flush()
    for position, module_id in enumerate(dict.fromkeys(module_ids)):
        session.add(WorkshopModule(workshop_id=workshop_id, module_id=module_id, position=position))
    session.flush()


def scenarios_of(session: Session, *, workshop_id: int | None) -> dict[str, dict[str, float]]:
    """Assigned scenario id → its overrides (only the knobs that differ from 1)."""
    if workshop_id is None:
        return {}
    rows = session.exec(select(WorkshopScenario).where(
        WorkshopScenario.workshop_id == workshop_id).order_by(col(WorkshopScenario.id))).all()
    return {r.scenario_id: dict(r.overrides) for r in rows}


@dataclass(frozen=True)
class Assigned:
    """What a trainee's workshop asks of them, in the instructor's order, and how far they
    are: modules passed, scenarios played to their end."""

    modules: list[str]
    scenarios: list[str]
    modules_passed: int = 0
    scenarios_finished: int = 0


def assigned_to(session: Session, *, user_id: int) -> Assigned:
    """The modules and scenarios assigned to the trainee's workshop (the one they play in:
    their latest), with their progress against them."""
    from academy.exercises import workshop_of

    workshop = workshop_of(session, user_id=user_id)
    if workshop is None:
        return Assigned([], [])
    modules = modules_of(session, workshop_id=workshop.id or 0)
    scenarios = list(scenarios_of(session, workshop_id=workshop.id))
    passed = session.exec(select(ModuleProgress.module_id).where(
        ModuleProgress.user_id == user_id, col(ModuleProgress.module_id).in_(modules),
        col(ModuleProgress.completed_at).is_not(None))).all() if modules else []
    finished = session.exec(
        select(ScenarioVersion.scenario_id)
        .join(ExerciseRecord, col(ExerciseRecord.scenario_version_id) == col(ScenarioVersion.id))
        .where(ExerciseRecord.user_id == user_id, col(ExerciseRecord.finished).is_(True),
               col(ScenarioVersion.scenario_id).in_(scenarios))).all() if scenarios else []
    return Assigned(modules, scenarios, len(set(passed)), len(set(finished)))


def assigned_first(ids: list[str], assigned: list[str]) -> list[str]:
    """``ids`` with the assigned ones first, in the order they were assigned."""
    known = set(ids)
    chosen = [i for i in dict.fromkeys(assigned) if i in known]
    return chosen + [i for i in ids if i not in set(chosen)]


def knob_range(knob: str) -> tuple[float, float]:
    """The documented range of one difficulty knob (the engine's ``Overrides`` bounds)."""
    low = high = None
    for rule in Overrides.model_fields[knob].metadata:
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    return float(low if low is not None else 0.0), float(high if high is not None else 5.0)


def clean_overrides(values: dict[str, float]) -> dict[str, float]:
    """Validated multipliers, dropping those left at 1 (the scenario as written).

    A knob outside its range is refused by name (``override_range_<knob>``), so the
    instructor reads which one and what it accepts; nothing is saved."""
    if set(values) - set(KNOBS):
        raise AcademyError("overrides_invalid")
    numbers: dict[str, float] = {}
    for knob in KNOBS:
        if knob not in values:
            continue
        try:
            number = float(values[knob])
        except (TypeError, ValueError):
            raise AcademyError("overrides_invalid") from None
        low, high = knob_range(knob)
        if not low <= number <= high:  # also refuses NaN
            raise AcademyError(f"override_range_{knob}", low=f"{low:g}", high=f"{high:g}",
                               value=f"{number:g}")
        numbers[knob] = number
    try:
        checked = Overrides(**numbers)
    except ValidationError:
        raise AcademyError("overrides_invalid") from None
    return {k: getattr(checked, k) for k in KNOBS if abs(getattr(checked, k) - 1.0) > 1e-9}


def assign_scenario(
    session: Session, *, user: User, workshop_id: int, scenario_id: str,
    overrides: dict[str, float] | None = None,
) -> WorkshopScenario:
    """Assign a scenario (or change its overrides). Running exercises keep theirs."""
    from academy.scenarios import latest

    check_manage(session, user=user, workshop_id=workshop_id)
    if scenario_id not in {v.scenario_id for v in latest(session)}:
        raise AcademyError("not_found")
    cleaned = clean_overrides(overrides or {})
    row = session.exec(select(WorkshopScenario).where(
        WorkshopScenario.workshop_id == workshop_id,
        WorkshopScenario.scenario_id == scenario_id)).first()
    row = row or WorkshopScenario(workshop_id=workshop_id, scenario_id=scenario_id)
    row.overrides = cleaned
    session.add(row)
    session.flush()
    return row


def unassign_scenario(session: Session, *, user: User, workshop_id: int, scenario_id: str) -> None:
    check_manage(session, user=user, workshop_id=workshop_id)
    row = session.exec(select(WorkshopScenario).where(
        WorkshopScenario.workshop_id == workshop_id,
        WorkshopScenario.scenario_id == scenario_id)).first()
    if row is not None:
        session.delete(row)
        session.flush()


def set_catalogue_open(session: Session, *, user: User, workshop_id: int, open_: bool) -> None:
    workshop = check_manage(session, user=user, workshop_id=workshop_id)
    workshop.catalogue_open = open_
    session.add(workshop)


def update_details(
    session: Session, *, user: User, workshop_id: int, title: str, location: str,
    language: str, starts_on: object = None, ends_on: object = None,
) -> Workshop:
    """Change a workshop's title, place, language and dates."""
    from academy.accounts import LANGUAGES

    workshop = check_manage(session, user=user, workshop_id=workshop_id)
    title = " ".join(title.split())
    if not title or len(title) > 120:
        raise AcademyError("title_invalid")
    if starts_on and ends_on and ends_on < starts_on:  # type: ignore[operator]
        raise AcademyError("dates_invalid")
    if len(" ".join(location.split())) > 120:  # refused whole, never cut
        raise AcademyError("text_too_long", limit=120)
    workshop.title, workshop.location = title, " ".join(location.split())
    workshop.language = language if language in LANGUAGES else "en"
    workshop.starts_on, workshop.ends_on = starts_on, ends_on  # type: ignore[assignment]
    session.add(workshop)
    return workshop
