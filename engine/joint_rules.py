"""The joint operation's rules: who may act, a team joining, a team answering a partner.

Checked before an action's own handler (``engine.operations``), so a refusal changes
nothing: a role that may not take the action (``role.not_allowed``, naming the role that
may), the clock outside the control cell once a team has joined (``clock.control_cell``),
a team that does not play yet (``team.not_joined``). ``answer_request`` carries a team's
accept or decline into the world through the effect the asking handler left with the
request — the very code a simulated partner's answer runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine import actions as A
from engine.joint import (
    CLOCK,
    CLOCK_RULE,
    CONTROL,
    CONTROL_ONLY,
    ROLE_RULE,
    ROLES,
    Actor,
    roles_for,
    target_country,
)
from engine.messages import sender
from engine.records import Outcome
from engine.requests import ok, refuse

if TYPE_CHECKING:
    from engine.exercise import Exercise
    from engine.simulation import Simulation

ALWAYS_ABROAD = ("request_notice", "request_diffusion", "share_intel", "case_meeting",
                 "request_support_team", "answer_request", "propose_meeting", "table_items",
                 "propose_target", "withdraw_target")


def check(ex: Exercise, act: Any, actor: Actor | None) -> Outcome | None:
    """A refusal when ``actor`` may not take ``act`` now; None when it may."""
    sim, kind = ex.sim, act.kind
    role = actor.role if actor is not None else None
    team = actor.team if actor is not None else None
    if team is not None and team not in sim.played:
        return refuse("team.not_joined", f"no team plays {team} in this exercise", country=team)
    if role is not None and role != CONTROL and role not in ROLES:
        return refuse("role.unknown", f"'{role}' is not a team role", role=role)
    if kind in CLOCK:
        if sim.played and role != CONTROL:
            return refuse("clock.control_cell",
                          "the control cell moves the clock in a joint operation", CLOCK_RULE)
        return None
    if kind in CONTROL_ONLY or (kind == "instructor_inject" and team is not None):
        if role != CONTROL:
            return _not_allowed(kind, CONTROL)
        return None
    if kind == "instructor_inject":
        return None if role in (None, CONTROL) else _not_allowed(kind, CONTROL)
    if role is None:
        return None  # a team of one, or single play: every team role
    abroad = kind in ALWAYS_ABROAD or target_country(sim, act) not in (None, sim.acting)
    allowed = roles_for(kind, abroad) if role != CONTROL else ()
    if role not in allowed:
        return _not_allowed(kind, *(allowed or ROLES))
    return None


def _not_allowed(kind: str, *roles: str) -> Outcome:
    who = " or ".join(roles)
    return refuse("role.not_allowed", f"only the {who} may do this ({kind.replace('_', ' ')})",
                  ROLE_RULE, role=who, kind=kind)


def team_joins(sim: Simulation, a: A.TeamJoins) -> Outcome:
    if a.country not in sim.partner_codes:
        return refuse("team.bad_country", f"'{a.country}' is not a country of this exercise",
                      country=a.country)
    if a.country in sim.played:
        return refuse("team.already", f"a team already plays {a.country}", country=a.country)
    sim.join(a.country)
    return ok("team.joined", f"a team now plays {a.country}", country=a.country)


def answer_request(sim: Simulation, a: A.AnswerRequest, actor: Actor | None) -> Outcome:
    """The team playing the asked country answers; the world acts on it now."""
    req = next((r for r in sim.team_requests if r.id == a.request), None)
    if req is None or req.to_country != sim.acting:  # another team's request: not named
        return refuse("request.unknown", f"no request {a.request} in your queue",
                      request=a.request)
    if req.status != "pending":
        return refuse("request.answered", f"request {a.request} was already answered",
                      request=a.request)
    req.status = "accepted" if a.accept else "declined"
    req.answered_t, req.reason = round(sim.env.now, 6), a.reason
    req.answered_by = actor.user if actor is not None else None
    with sim.acting_as(req.from_country):  # the effect reaches the team that asked
        sim.knowledge.item(
            sim.env.now, sender("ncb", country=req.to_country), "B2",
            f"partner.team_{req.status}",
            {"country": req.to_country, "request": req.id, "reason": a.reason},
            "partner",
        )
        req._effect(a.accept)
    return ok(
        f"request.{req.status}",
        f"request {req.id} from {req.from_country} {req.status}",
        request=req.id,
        country=req.from_country,
    )
