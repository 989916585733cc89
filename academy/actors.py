"""Who acts in a joint operation, as the engine is told: the one seam to ``engine.joint``.

A joint operation is one exercise whose log entries carry their actor: a team (the country
it plays), the trainee and their role inside the team, or the control cell (the
instructor, role ``control``). The platform decides who may act; the engine records the
actor in its log and applies its rules per team. Every call into the engine's joint API
(``Exercise.apply(action, actor)``, ``view(team)``, ``requests(team)``, ``control_view()``,
meetings and the action plan) is in this module.
"""

from __future__ import annotations

from typing import Any

from engine.exercise import Exercise
from engine.joint import CONTROL, ROLES, Actor
from engine.records import Outcome

__all__ = ["CONTROL", "CONTROL_KINDS", "ROLES"]

# actions only the control cell takes: a trainee's are refused before they reach the log
CONTROL_KINDS = frozenset({"team_joins", "instructor_inject", "advance", "advance_to_next_event",
                           "convene_meeting", "close_meeting", "set_action_day"})


def actor(*, team: str | None, user: int | None, role: str | None) -> dict[str, Any]:
    """An actor as stored in the log (``engine.joint.Actor.model_dump()``); ``role`` None:
    a team of one, who holds every role."""
    return {"team": team, "user": user, "role": role}


def apply(live: Exercise, action: dict[str, Any], by: dict[str, Any]) -> Outcome:
    """Carry out ``action`` as ``by`` on the operation's engine."""
    return live.apply(action, Actor(**by))


def team_joins(country: str) -> dict[str, Any]:
    """The control cell's action that makes a team play ``country``."""
    return {"kind": "team_joins", "country": country}


def team_view(live: Exercise, country: str) -> Any:
    """What one country's team knows (its inbox, chart, budget, decisions): never another's."""
    return live.view(team=country)


def requests(live: Exercise, country: str) -> list[Any]:
    """Requests sent by or to the team playing ``country``."""
    return list(live.requests(country))


def control_view(live: Exercise) -> Any:
    """The control cell's omniscient summary (world, each team's knowledge, pending requests)."""
    return live.control_view()


def meetings(live: Exercise, country: str | None) -> list[Any]:
    """The case meetings ``country``'s team sits in (None: every one, the control cell's)."""
    return list(live.meetings(country))


def action_plan(live: Exercise, country: str | None) -> list[Any]:
    """The arrests and seizures ``country``'s team scheduled (None: every team's)."""
    return list(live.action_plan(country))


def action_day(live: Exercise) -> float | None:
    """The operation's coordinated action day, once the control cell has set it."""
    return live.action_day


def meeting_review(live: Exercise) -> list[Any]:
    """Each closed case meeting's agreed targets beside the real network (the joint
    debrief's: never for a team's screen during play)."""
    return list(live.meeting_review())
