"""What each action costs and how long its answer takes: the engine's one table of prices.

The handlers charge these costs and schedule their answers with these delays, and
``quote`` reads the same table to tell the trainee, before they send a request, what it
will cost and when to expect an answer — so the form and the engine cannot disagree.
Costs are in the scenario's budget unit (analyst-days, say). A delay is a triangular
(min, mode, max) in days, or None when the answer comes at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine.deliveries import route_states
from engine.records import Record

if TYPE_CHECKING:
    from engine.simulation import Simulation

SHARE_REPLY_DAYS = 2.0  # a partner answers a shared case file with names from its files
MEETING_DAYS = 3.0  # a regional case meeting takes place this long after it is convened
NOTICE_ANSWER_DAYS = {"blue": (2.0, 4.0, 8.0), "silver": (5.0, 9.0, 15.0)}
BUDGET_WEEK = 7.0  # the budget is topped up every this many days


class Tri:
    """A triangular distribution (min, mode, max) as ``triangular_at`` reads it."""

    def __init__(self, lo: float, mode: float, hi: float) -> None:
        self.min, self.mode, self.max = lo, mode, hi


def notice_delay(colour: str) -> Tri | None:
    spec = NOTICE_ANSWER_DAYS.get(colour)
    return None if spec is None else Tri(*spec)


@dataclass(frozen=True)
class Quote(Record):
    """The price of one action before it is sent."""

    kind: str
    cost: float
    unit: str
    delay: tuple[float, float, float] | None  # (min, mode, max) days; None: at once
    team: str | None = None  # a joint operation: the country whose team answers by hand


def _spread(countries: list[Any]) -> tuple[float, float, float]:
    """The response delay of whichever of ``countries`` is asked (the widest range)."""
    ds = [c.partner.response_days for c in countries]
    return (min(d.min for d in ds), sorted(d.mode for d in ds)[len(ds) // 2], max(d.max for d in ds))


def _last(sim: Simulation, action: dict[str, Any]) -> tuple[float, float, float] | None:
    """When the last state on a load's route will have answered a controlled delivery (the
    home state agrees at once; before a load is chosen, any partner's delay)."""
    sid = str(action.get("shipment") or "")
    known = sid in sim.knowledge.entities
    codes = route_states(sim, sid) if known else tuple(sim.countries)
    ds = [sim.countries[c].partner.response_days for c in codes
          if c != sim.acting]
    if not ds:
        return None
    return (max(d.min for d in ds), max(d.mode for d in ds), max(d.max for d in ds))


def quote(sim: Simulation, action: dict[str, Any]) -> Quote:
    """Cost and expected delay of ``action`` (a partly filled one is fine: a request to a
    partner quotes that partner's delay once its place is chosen, all partners' before)."""
    s, kind = sim.scenario, str(action.get("kind", ""))
    res, unit = s.resources, s.resources.unit
    cost, delay = 0.0, None
    if kind == "request_intel":
        src = next((x for x in s.intel_sources if x.id == action.get("source")), None)
        if src is not None:
            cost = src.cost
            delay = (src.delay_days.min, src.delay_days.mode, src.delay_days.max)
        else:
            cost = min((x.cost for x in s.intel_sources), default=0.0)
    elif kind in ("inspection", "seizure"):
        cost = res.inspection_cost
        loc = sim.locs.get(str(action.get("location")))
        delay = _spread([sim.countries[loc.country]] if loc else list(s.countries))
    elif kind == "arrest":
        delay = _spread(list(s.countries))
    elif kind == "controlled_delivery":  # the verdict comes with the last state's answer
        delay = _last(sim, action)
    elif kind == "request_notice":
        colour = str(action.get("colour"))
        review = s.legal.notice_review_days
        delay = NOTICE_ANSWER_DAYS.get(colour)
        if delay is None and colour in ("red", "green", "purple") and review > 0:
            delay = (review, review, review)  # published after the General Secretariat's review
    elif kind == "request_diffusion":  # sent at once; a locate diffusion awaits the answers
        if action.get("purpose") == "locate":
            chosen = [sim.countries[c] for c in action.get("countries") or [] if c in sim.countries]
            delay = _spread(chosen or list(s.countries))
    elif kind == "share_intel":
        delay = (SHARE_REPLY_DAYS, SHARE_REPLY_DAYS, SHARE_REPLY_DAYS)
    elif kind == "case_meeting":
        cost = res.case_meeting_cost
        delay = (MEETING_DAYS, MEETING_DAYS, MEETING_DAYS)
    elif kind == "request_forensics":
        from engine.laboratory import analyses  # the scenario's menu or its area's defaults

        menu = {a.id: a for a in analyses(s)}
        an = menu.get(str(action.get("analysis")))
        if an is not None:
            cost, d = an.cost, an.delay_days
            k = s.forensics.support_team.speedup if sim.lab.team_on(sim.env.now) else 1.0
            delay = (d.min * k, d.mode * k, d.max * k)
        else:
            cost = min((a.cost for a in menu.values()), default=0.0)
    elif kind == "request_support_team":
        team = s.forensics.support_team
        cost, d = team.cost, team.deploy_days
        delay = (d.min, d.mode, d.max)
    elif kind in ("request_fiu", "trace_assets"):
        f = s.finance
        cost, d = (f.fiu_cost, f.fiu_days) if kind == "request_fiu" else (f.trace_cost, f.trace_days)
        delay = (d.min, d.mode, d.max)
    elif kind == "freeze_assets":
        acc = sim.world.entities.get(str(action.get("account")))
        if acc is not None and acc.country != sim.acting and acc.country in sim.countries:
            delay = _spread([sim.countries[acc.country]])
        else:
            d = s.finance.freeze_days
            delay = (d.min, d.mode, d.max)
    team = _team_answers(sim, kind, action)
    if team is not None or (kind == "share_intel" and action.get("country") in sim.played):
        delay = None  # a team answers when it decides; a share to a team lands at once
    return Quote(kind, float(cost), unit, delay, team)


def _team_answers(sim: Simulation, kind: str, action: dict[str, Any]) -> str | None:
    """The country played by another team that answers this request by hand, if any."""
    if kind in ("inspection", "seizure"):
        loc = sim.locs.get(str(action.get("location")))
        country = loc.country if loc is not None else None
    elif kind == "freeze_assets":  # (an arrest's quote names no country: it would tell
        ent = sim.world.entities.get(str(action.get("account")))  # where the person is)
        country = ent.country if ent is not None else None
    else:
        return None
    return country if country in sim.played and country != sim.acting else None
