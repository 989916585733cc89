"""Who acts in a joint operation, as the engine is told: the one seam to ``engine.joint``.

A joint operation is one exercise whose log entries carry their actor: a team (the country
it plays), the trainee and their role inside the team, or the control cell (the
instructor, role ``control``). The platform decides who may act; the engine records the
actor in its log and applies its rules per team (issue 12's engine contract).

ENGINE SEAM: every call into the new engine API (``engine.joint.Actor``,
``Exercise.apply(action, actor)``, ``Exercise.view(team)``, ``Exercise.requests(team)``,
``Exercise.control_view()``) is in this module and nowhere else in ``academy``. Until the
engine branch lands, ``apply`` plays the action as today's single-player engine does (the
platform still stores the actor beside the entry, so the log replays with its actors); the
views need the new engine and raise ``AttributeError``/``TypeError`` without it.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from engine.exercise import Exercise
from engine.records import Outcome

# engine.joint.ROLES (issue 12 contract); a test checks they agree once the engine lands
ROLES: tuple[str, ...] = ("analyst", "ncb", "prosecutor_liaison")
CONTROL = "control"  # the instructor's control cell
# actions only the control cell takes: a trainee's are refused before they reach the log
CONTROL_KINDS = frozenset({"team_joins", "instructor_inject", "advance", "advance_to_next_event",
                           "convene_meeting", "close_meeting", "set_action_day"})


def joint_engine() -> bool:
    """True when the engine can play joint operations (``engine.joint`` exists)."""
    return importlib.util.find_spec("engine.joint") is not None


def actor(*, team: str | None, user: int | None, role: str | None) -> dict[str, Any]:
    """An actor as stored in the log (``engine.joint.Actor.model_dump()``); ``role`` None:
    a team of one, who holds every role."""
    return {"team": team, "user": user, "role": role}


def apply(live: Exercise, action: dict[str, Any], by: dict[str, Any]) -> Outcome:
    """Carry out ``action`` as ``by`` on the operation's engine."""
    if not joint_engine():  # ENGINE SEAM: today's engine knows no actors
        return live.apply(action)
    from engine.joint import Actor

    return live.apply(action, Actor(**by))  # type: ignore[call-arg]


def team_joins(country: str) -> dict[str, Any]:
    """The control cell's action that makes a team play ``country``."""
    return {"kind": "team_joins", "country": country}


def team_view(live: Exercise, country: str) -> Any:
    """What one country's team knows (its inbox, chart, budget, decisions): never another's."""
    return live.view(team=country)  # type: ignore[call-arg]  # ENGINE SEAM


def requests(live: Exercise, country: str) -> list[Any]:
    """Requests sent by or to the team playing ``country``."""
    return list(live.requests(country))  # type: ignore[attr-defined]  # ENGINE SEAM


def control_view(live: Exercise) -> Any:
    """The control cell's omniscient summary (world, each team's knowledge, pending requests)."""
    return live.control_view()  # type: ignore[attr-defined]  # ENGINE SEAM


def meetings(live: Exercise, country: str | None) -> list[Any]:
    """The case meetings ``country``'s team sits in (None: every one, the control cell's)."""
    return list(live.meetings(country))  # type: ignore[attr-defined]  # ENGINE SEAM


def action_plan(live: Exercise, country: str | None) -> list[Any]:
    """The arrests and seizures ``country``'s team scheduled (None: every team's)."""
    return list(live.action_plan(country))  # type: ignore[attr-defined]  # ENGINE SEAM


def action_day(live: Exercise) -> float | None:
    """The operation's coordinated action day, once the control cell has set it."""
    return live.action_day  # type: ignore[attr-defined,no-any-return]  # ENGINE SEAM


def meeting_review(live: Exercise) -> list[Any]:
    """Each closed case meeting's agreed targets beside the real network (the joint
    debrief's: never for a team's screen during play)."""
    return list(live.meeting_review())  # type: ignore[attr-defined]  # ENGINE SEAM
