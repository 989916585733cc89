"""A joint operation: several countries' teams play one case on one clock.

INTERPOL's regional operations put investigators from several countries on one case: each
country's NEST works from its own file, asks its partners through their National Central
Bureaus, and acts the same day. Here a team plays a country once the control cell (the
instructor) says so (``team_joins``); from then on a request to that country is no longer
answered by a draw (``engine.trust``) but waits in the team's queue as a ``TeamRequest``
with the asking team's message, until the team accepts or declines it with a reason
(``answer_request``); the world acts on the answer at the time it is logged.

Who may do what inside a team is checked here, so the server and the bots obey one rule:
the NCB officer is the only one who speaks to other countries (notices, diffusions, the
case file, requests abroad, answers to partners), the prosecutor liaison the only one who
asks for warrants and court orders, the analyst tasks sources, the laboratory and the FIU.
A team of one (``role=None``) holds every team role. The clock belongs to the control cell
once a team has joined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from engine.records import Record

if TYPE_CHECKING:
    from engine.simulation import Simulation

ROLES = ("analyst", "ncb", "prosecutor_liaison")
CONTROL = "control"
Handling = Literal["share", "share_conditions", "no_share"]
HANDLINGS = ("share", "share_conditions", "no_share")

ROLE_RULE = "Team roles: only the NCB officer speaks to other countries; only the prosecutor" \
    " liaison asks for warrants and court orders; the analyst tasks sources and laboratories"
CLOCK_RULE = "One clock: in a joint operation only the control cell moves time"
HANDLING_RULE = "Handling code (3x5x2 style): intelligence received under 'do not share'" \
    " may not be passed on to a third party without the originator's consent"

# action kind -> roles that may take it at home (a team of one holds them all)
ROLE_TABLE: dict[str, tuple[str, ...]] = {
    "request_intel": ("analyst",),
    "request_forensics": ("analyst",),
    "request_fiu": ("analyst",),
    "trace_assets": ("analyst",),
    "request_warrant": ("prosecutor_liaison",),
    "freeze_assets": ("prosecutor_liaison",),
    "confiscate_assets": ("prosecutor_liaison",),
    "request_notice": ("ncb",),
    "request_diffusion": ("ncb",),
    "share_intel": ("ncb",),
    "case_meeting": ("ncb",),
    "request_support_team": ("ncb",),
    "answer_request": ("ncb",),
    # the regional case meeting (engine.meetings): the NCB proposes, the NCB and the
    # analyst speak at the table; the action day (engine.action_day): at home, any member
    "propose_meeting": ("ncb",),
    "table_items": ("ncb", "analyst"),
    "propose_target": ("ncb", "analyst"),
    "withdraw_target": ("ncb", "analyst"),  # the roles that own a target take it back
    "schedule_action": ROLES,
    "cancel_action": ROLES,  # the roles that schedule an action cancel it
    # operations at home: any member of the team; abroad: the NCB (ABROAD)
    "inspection": ROLES,
    "seizure": ROLES,
    "arrest": ROLES,
    "controlled_delivery": ROLES,
    # the control cell's
    "team_joins": (CONTROL,),
    "instructor_inject": (CONTROL,),
    "convene_meeting": (CONTROL,),
    "close_meeting": (CONTROL,),
    "set_action_day": (CONTROL,),
    "advance": (*ROLES, CONTROL),
    "advance_to_next_event": (*ROLES, CONTROL),
}
# kinds that are requests to another country when their target lies abroad: NCB only
ABROAD = ("inspection", "seizure", "arrest", "controlled_delivery", "freeze_assets")
CLOCK = ("advance", "advance_to_next_event")
# the control cell's alone, whoever asks (a team, or single play)
CONTROL_ONLY = ("team_joins", "convene_meeting", "close_meeting", "set_action_day")


class Actor(BaseModel):
    """Who took an action: the team (the ISO code of the country it plays; None: the
    single-player trainee, the home country), the user, and their role in the team
    (``ROLES``, "control" for the instructor's control cell, None: every team role)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    team: str | None = None
    user: int | None = None
    role: str | None = None


@dataclass
class TeamRequest(Record):
    """A request one team's country sent to a country another team plays."""

    id: str
    t: float
    from_country: str
    to_country: str
    kind: str  # inspection | seizure | arrest | controlled_delivery
    params: dict[str, Any]
    message: str | None  # the asking team's words (the action's rationale)
    status: str = "pending"  # pending | accepted | declined
    answered_t: float | None = None
    reason: str | None = None
    answered_by: int | None = None  # the user who answered
    _effect: Any = field(default=None, repr=False, compare=False)

    def public(self) -> TeamRequest:
        """A copy without the engine's callback (what views hand out)."""
        return TeamRequest(self.id, self.t, self.from_country, self.to_country, self.kind,
                           dict(self.params), self.message, self.status, self.answered_t,
                           self.reason, self.answered_by)

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in (
            "id", "t", "from_country", "to_country", "kind", "params", "message", "status",
            "answered_t", "reason", "answered_by")}
        d["params"] = dict(self.params)
        return d


def roles_for(kind: str, abroad: bool) -> tuple[str, ...]:
    """The roles that may take ``kind`` (``abroad``: its request goes to another country)."""
    if abroad and kind in ABROAD:
        return ("ncb",)
    return ROLE_TABLE.get(kind, ROLES)


def target_country(sim: Simulation, act: Any) -> str | None:
    """The country an action asks to act, where it names one (None: none or unknown)."""
    kind = act.kind
    if kind in ("inspection", "seizure"):
        loc = sim.locs.get(act.location)
        return loc.country if loc is not None else None
    if kind in ("arrest", "freeze_assets"):
        eid = act.subject if kind == "arrest" else act.account
        ent = sim.world.entities.get(eid)
        if ent is None:
            return None
        return sim.whereabouts.get(eid) or ent.country
    if kind == "controlled_delivery":
        from engine.deliveries import route_states

        if act.shipment not in sim.knowledge.entities:
            return None
        abroad = [c for c in route_states(sim, act.shipment) if c != sim.acting]
        return abroad[0] if abroad else None
    return None


def send(sim: Simulation, to: str, kind: str, params: dict[str, Any], effect: Any) -> TeamRequest:
    """Put a request in the queue of the team playing ``to``; ``effect(accept)`` runs when
    it answers, for the asking side (so the answer reaches the team that asked)."""
    req = TeamRequest(
        f"R{len(sim.team_requests) + 1:03d}", round(sim.env.now, 6), sim.acting, to, kind,
        params, sim.asking_message, _effect=effect,
    )
    sim.team_requests.append(req)
    return req


@dataclass(frozen=True)
class TeamSummary(Record):
    """What one side holds, for the control cell (counts, not contents)."""

    country: str
    played: bool  # a team plays it (False: the home country's file, simulated)
    inbox: int
    entities: int
    links: int
    decisions: int
    budget: float
    withheld: int  # shares refused for a handling code


@dataclass(frozen=True)
class PendingRequest(Record):
    id: str
    from_country: str
    to_country: str
    kind: str
    t: float
    waiting_days: float


@dataclass(frozen=True)
class ControlView(Record):
    """The control cell's omniscient summary: the world beside each team's knowledge."""

    day: float
    teams: list[str]
    sides: list[TeamSummary]
    pending: list[PendingRequest]
    requests: list[TeamRequest]
    members: list[dict[str, Any]]  # the real network: id, label, role, country, arrested,
    # and the sides that know the member
    shipments: dict[str, str]  # shipment -> its real status now


def control_view(sim: Simulation) -> ControlView:
    now = sim.env.now
    sides = []
    for country, k in sim.knowledge_of.items():
        sides.append(TeamSummary(
            country, country in sim.played, len(k.inbox), len(k.entities), len(k.links),
            len(sim.decisions_of[country]), round(sim.funds_of[country].left, 3),
            sim.withheld.get(country, 0),
        ))
    pending = [
        PendingRequest(r.id, r.from_country, r.to_country, r.kind, r.t, round(now - r.t, 4))
        for r in sim.team_requests if r.status == "pending"
    ]
    w = sim.world
    members = [
        {"id": m, "label": w.entities[m].label, "role": w.entities[m].role or "",
         "country": w.entities[m].country, "arrested": m in sim.arrested,
         "fled_to": sim.whereabouts.get(m),  # tipped off by an arrest (engine.action_day)
         "known_by": [c for c, k in sim.knowledge_of.items() if m in k.entities]}
        for m in w.members
    ]
    return ControlView(
        day=round(now, 4),
        teams=list(sim.played),
        sides=sides,
        pending=pending,
        requests=[r.public() for r in sim.team_requests],
        members=members,
        shipments={sid: st.status for sid, st in sim.ships.items()},
    )
