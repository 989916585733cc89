"""The trainee's agenda: what they know is coming, and so where "next event" stops.

An analyst waiting for news does not sleep through what they were told to expect: the
answers partners and sources owe them (with the delay they were quoted), the departures
their reports announced, the control windows partners agreed to open and close, the
arrests and seizures their team scheduled for an action day, the weekly budget top-up, and the end of the exercise. Only what the trainee was told goes
on the agenda — never the network's real timetable — so "advance to the next event"
cannot leak the truth, and it never runs into the end of the exercise unannounced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine import messages as M
from engine.records import AgendaItem
from engine.tariff import BUDGET_WEEK

if TYPE_CHECKING:
    from engine.simulation import Simulation

EPS = 1e-6


def agenda(sim: Simulation) -> list[AgendaItem]:
    """Everything on the trainee's agenda after now, soonest first; the end comes last."""
    now, end = sim.env.now, float(sim.scenario.duration_days)
    items: list[AgendaItem] = []

    def add(day: float, code: str, due_now: bool = False, **params: object) -> None:
        # after now; ``due_now``: the caller knows it has not come yet, so today counts
        if (now - EPS <= day if due_now else now + EPS < day) and day < end - EPS:
            items.append(AgendaItem(day, f"agenda.{code}", dict(params)))

    for day, code, params in sim.due:
        add(day, code, **params)
    for e in sim.knowledge.entities.values():
        dep = e.attributes.get("departure_day") if e.type == "shipment" else None
        if isinstance(dep, (int, float)):
            add(float(dep), "departure", shipment=e.id)
    for c in sim.controls:
        if c.side is not None and c.side != sim.acting:
            continue  # another team's window: not on this one's agenda
        place = sim.place("place", c.location)
        add(c.start, "window_open", **place)
        add(c.end, "window_close", **place)
    for p in sim.action_plan:  # the team's own arrests and seizures (engine.action_day)
        when = p.day if p.day is not None else sim.action_day
        if p.country == sim.acting and p.status == "planned" and when is not None:
            add(when, f"action_{p.what}", **p.named())  # a load in the reader's words
    weekly = sim.scenario.resources.budget_per_week * sim.ov.resources
    if weekly > 0:
        # the week after the last top-up: one due today that has not run yet is still to come
        # ("next event" may stop on news before another event due the same moment)
        add((sim.funds.weeks + 1) * BUDGET_WEEK, "budget", due_now=True,
            amount=round(weekly, 3), **M.unit("unit", sim.scenario.resources.unit))
    items.sort(key=lambda x: (x.day, x.code))
    items.append(AgendaItem(end, "agenda.end", {}))
    return items
