"""Every shipment's fate, and why: the debrief's list, and what the flow rating counts.

A debrief that says "got through" teaches nothing; one that says "it passed Dar es
Salaam on day 12, two days before your inspection window opened" does. Each planned
consignment gets one record — those that left, and those that never did — with a cause:
which control found it, or why none did (no request, the partner did not act, the window
missed it, an official tipped the network off or waved it through, surveillance was lost),
why a find was seized though a controlled delivery was asked, or why it never left
(its handlers arrested, the network lying low, due after the end).

The flow measures are computed from these same records (``flow_share``), so a rating can
be checked against the list a trainee reads. A load that never left because arrests left
nobody to do a job is *prevented*, not seized: the network recruits a replacement after
``adaptation.replacement_days``, so an arrest stops the flow for a while, and the score
counts a prevented load apart from one taken with its evidence (``engine.scoring``).
"""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING, Any

from engine.records import ShipmentRecord

if TYPE_CHECKING:
    from engine.simulation import ControlRequest, ShipmentState, Simulation

SEIZED = ("seized", "controlled_delivery")  # goods taken, with evidence for a court
PREVENTED = ("prevented",)  # never left: its handlers arrested, nobody recruited yet
CAUGHT = SEIZED + PREVENTED  # counted as interdicted
NEAR = 7.0  # days: a window this close to a load's passage is a near miss worth telling


def flow_share(records: list[ShipmentRecord], fates: tuple[str, ...] = CAUGHT,
               ids: Container[str] | None = None) -> float:
    """Quantity whose fate is one of ``fates``, over all the quantity that left or was
    prevented from leaving — read from the debrief's own records. ``ids``: only these
    shipments count as caught (one team's, in a joint operation), the flow stays whole."""
    flow = [r for r in records if r.depart_day is not None or r.fate == "prevented"]
    total = sum(r.quantity for r in flow)
    caught = sum(r.quantity for r in flow if r.fate in fates and (ids is None or r.id in ids))
    return caught / total if total else 0.0


def interdicted_share(records: list[ShipmentRecord]) -> float:
    """Seized, delivered under control or prevented from leaving, over the flow."""
    return flow_share(records, CAUGHT)


def shipment_records(sim: Simulation) -> list[ShipmentRecord]:
    """One record per planned shipment, in plan order, each with the cause of its fate."""
    out = []
    for p in sim.world.plan:
        st = sim.ships[p.id]
        fate = "not_sent" if st.status == "planned" else st.status
        code, params = cause(sim, st, p.depart_day)
        out.append(
            ShipmentRecord(
                p.id,
                p.quantity,
                sim.describe_route(p.id) if st.route else [],
                st.concealment,
                None if st.depart_day is None else round(st.depart_day, 3),
                fate,
                None if st.fate_day is None else round(st.fate_day, 3),
                st.where,
                code,
                params,
            )
        )
    return out


def _day(x: float) -> float:
    return round(x, 1)


def cause(sim: Simulation, st: ShipmentState, planned_day: float) -> tuple[str, dict[str, Any]]:
    """The message (``cause.*`` in engine.messages) saying why ``st`` ended as it did."""
    name = {k: sim.place("place", k) for k in sim.locs}  # a place named in the reader's words
    if st.status == "seized":
        where = {**name[st.where or ""], "day": _day(st.fate_day or 0.0)}
        if st.cd_denied is not None:  # a controlled delivery was asked, but not in force here
            req = sim.cd_asked[st.id]
            return f"cause.cd_{st.cd_denied}", where | {"countries": ", ".join(req.refused_by)}
        return f"cause.seized_{st.found_by or 'routine'}", where
    if st.status == "controlled_delivery":
        return "cause.cd_done", {**name[st.where or ""], "day": _day(st.fate_day or 0.0)}
    if st.status == "prevented":
        names = [sim.world.entities[m].label for m in st.blocked]
        back = min((sim.arrested[m] for m in st.blocked if m in sim.arrested), default=0.0)
        return "cause.prevented", {
            "names": ", ".join(names),
            "day": _day(back + sim.scenario.adaptation.replacement_days),
        }
    if st.status == "planned":
        if planned_day < sim.scenario.duration_days:
            return "cause.lying_low", {}
        return "cause.after_end", {"day": _day(planned_day)}
    if st.status == "in_transit":
        if st.where is None:
            return "cause.in_transit_start", {}
        return "cause.in_transit", {**name[st.where]}
    return _why_missed(sim, st, name)


def _why_missed(sim: Simulation, st: ShipmentState, name: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """A load that got through: the nearest miss the trainee can learn from."""
    if st.lost_at is not None:
        return "cause.cd_lost", {**name[st.lost_at], "day": _day(st.fate_day or 0.0)}
    passed = dict(st.passed)  # location -> day it got there
    if st.tipped_at is not None and st.tipped_by is not None:
        return "cause.tipped", {
            **name[st.tipped_at],
            "official": sim.world.entities[st.tipped_by].label,
            "day": _day(passed.get(st.tipped_at, st.fate_day or 0.0)),
        }
    if st.bribed_at is not None:
        return "cause.bribed", {**name[st.bribed_at], "day": _day(passed[st.bribed_at])}
    aimed = [r for r in sim.requests if r.shipment == st.id]
    # a control aimed elsewhere explains this load only if it passed while the window
    # was open, or within a week of it (weeks apart, it is no near miss)
    nearby = [
        r
        for r in sim.requests
        if r.shipment != st.id
        and r.location in passed
        and r.start - NEAR <= passed[r.location] <= r.end + NEAR
    ]
    # a control booked with the asker's own national teams: "your national teams did not
    # act"; in a joint operation, whose list every team reads, the country's national teams
    own = "_team" if sim.played else "_home"
    for group in (aimed, nearby):
        best = min((_miss(r, passed, name, own) for r in group), default=None,
                   key=lambda m: m[0])
        if best is not None:
            return best[1], best[2]
    if st.id in sim.cd_requests:
        return "cause.cd_unfound", {}
    if st.id in sim.cd_asked:
        return "cause.cd_not_in_force", {}
    known = sim.knowledge.entities.get(st.id)
    if known is not None:  # the in-time rule of the missed opportunities (engine.scoring)
        code = "cause.no_request" if in_time(sim, st, known.first_seen) else "cause.known_late"
        return code, {"known": _day(known.first_seen)}
    return "cause.unknown", {}


def in_time(sim: Simulation, ship: ShipmentState, t: float) -> bool:
    """Could a control asked on day ``t`` have met ``ship`` at a place it reached later?"""
    countries = sim.countries
    return any(
        day >= t + countries[sim.locs[place].country].partner.response_days.min
        for place, day in ship.passed
    )


def _miss(
    r: ControlRequest, passed: dict[str, float], name: dict[str, dict[str, Any]], own: str = "_home"
) -> tuple[int, str, dict[str, Any]]:
    """(rank, code, params) of one request that did not stop the load: the lower the rank,
    the nearer it came (a control it passed unseen before a window it missed...). ``own``:
    the wording of a control booked at home (``_home``, or ``_team`` for every team's list)."""
    place = name[r.location]
    if not r.agreed:
        code = f"cause.declined_{r.what}{own if r.home else ''}"
        return 4, code, {"country": r.country, **place}
    day = passed.get(r.location)
    if day is None:
        return 3, "cause.off_route", {**place}
    if day < r.start:
        return 1, "cause.window_late", {**place, "passed": _day(day), "opened": _day(r.start)}
    if day > r.end:
        return 2, "cause.window_early", {**place, "closed": _day(r.end), "passed": _day(day)}
    return 0, "cause.not_found", {**place, "passed": _day(day)}
