"""Interdiction: how a load on the move gets found — or waved through.

At the end of each leg a shipment may meet a control: a routine checkpoint, an
inspection a partner agreed to run on the trainee's request, or a seizure aimed at that
very shipment. The chance of a find is base x concealment x targeting (inspections,
Purple Notices on the method, Green Notices on the traveller) — after the interdiction
literature in DOMAIN.md, where training and targeting raise detection at nodes — and cut
where a corrupt official at the post waves loads through (``engine.corruption``). A find is a seizure, with
arrests and names for the trainee, unless every state on the load's route agreed to a
controlled delivery (``engine.deliveries``): then the load runs on under surveillance and
the whole receiving end is identified when it arrives (unless surveillance is lost).
Travellers under a Green or Red Notice are flagged at borders, and a Red Notice subject may
be arrested there — where the notice reaches (``engine.circulation``: every INTERPOL member
for a notice, the addressed countries for a diffusion, never a non-member state). The figures (control success, notice boosts) are the scenario's
``tuning`` (``engine.tuning``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine import messages as M
from engine.circulation import in_force
from engine.deliveries import cd_cleared, cd_why_not, names_said
from engine.geography import Mode
from engine.intel import person_attrs
from engine.records import Movement
from engine.tuning import Tuning

if TYPE_CHECKING:
    from engine.simulation import ShipmentState, Simulation

# The engine's defaults (``engine.tuning``); the engine reads ``scenario.tuning``, these
# names stay for readers and callers of the old constants.
_DEFAULT = Tuning()
INSPECTION_P = _DEFAULT.inspection_p  # a partner's targeted control of everything passing
SEIZURE_P = _DEFAULT.seizure_p  # a control aimed at one shipment the partner was told of
PURPLE_BOOST = _DEFAULT.purple_boost  # every country now knows the method
GREEN_BOOST = _DEFAULT.green_boost  # a flagged traveller gets secondary inspection
CORRUPTION = _DEFAULT.corruption_share  # share of finds a corrupt official waves through


@dataclass
class Control:
    location: str
    start: float
    end: float
    shipment: str | None  # None: inspect everything
    side: str | None = None  # the country whose team asked for it (engine.joint)
    found: bool = False  # it found a load (an inspection: any; a seizure: its own)


class LegPlan:
    """One leg's constants, read on every passage: destination, border, checkpoint, duration."""

    __slots__ = ("leg", "to", "crosses_border", "routine", "lo", "hi", "cut", "below", "above")

    def __init__(self, leg: Any, locs: dict[str, Any]) -> None:
        self.leg, self.to = leg, leg.to
        self.crosses_border = locs[leg.from_].country != locs[leg.to].country
        self.routine = leg.checkpoint.detection if leg.checkpoint else 0.0
        d = leg.days
        self.lo, self.hi = d.min, d.max
        self.cut = (d.mode - d.min) / (d.max - d.min) if d.max != d.min else 0.0
        self.below = (d.max - d.min) * (d.mode - d.min)  # products as triangular_at forms them
        self.above = (d.max - d.min) * (d.max - d.mode)

    def days(self, u: float) -> float:
        """``triangular_at(u, leg.days)`` with the constants folded (bit-for-bit the same)."""
        lo, hi = self.lo, self.hi
        if hi == lo:
            return lo
        if u < self.cut:
            return lo + (self.below * u) ** 0.5
        return hi - (self.above * (1 - u)) ** 0.5


def detection(
    sim: Simulation, ship: ShipmentState, lp: LegPlan, traveller: str | None, bribed: bool = True
) -> float:
    """``bribed=False``: the chance were no corrupt official at the post (the debrief's
    "an official let it through" asks this of a load that was not found)."""
    where, routine, targeted = lp.to, lp.routine, 0.0
    tune = sim.tuning
    if sim.controls:
        t = sim.env.now
        for c in sim.controls:
            if c.location == where and c.start <= t <= c.end:
                targeted = max(
                    targeted, tune.seizure_p if c.shipment == ship.id else tune.inspection_p
                )
        if routine == 0.0 and targeted == 0.0:
            return 0.0
    elif routine == 0.0:  # no control agreed anywhere: only a checkpoint can find it
        return 0.0
    mult = sim.multiplier.get(ship.concealment or "", 1.0)
    if sim.notices or sim.diffusions:  # only where the notice or diffusion reached
        country = sim.locs[where].country
        if in_force(sim, "purple", ship.concealment, country):
            mult *= tune.purple_boost
        if traveller and in_force(sim, "green", traveller, country):
            mult *= tune.green_boost
    routine = min(1.0, routine * mult * sim.detection)
    officials = sim.officials_at.get(where) if bribed else None
    if officials:
        for m in officials:
            if m not in sim.arrested:  # each corrupt official at the post waves loads through
                routine *= 1 - sim.corruption[m]
    if targeted == 0.0:  # the general formula below, with (1 - targeted) == 1.0
        return 1 - (1 - routine)
    targeted = min(1.0, targeted * min(1.0, mult) ** 0.5 * sim.detection)
    return 1 - (1 - routine) * (1 - targeted)


def checkpoint_chances(sim: Simulation) -> dict[tuple[str, str], tuple[float, ...]]:
    """(route, concealment) -> each leg's chance that its checkpoint alone finds the load:
    ``detection`` where no control window is open, no notice or diffusion is in force and
    no corrupt official sits at the post. The shipment loop reads it on every leg that meets
    none of those (most legs of most runs), instead of working the same product out again.

    Made when the simulation is built, before any control, notice or arrest exists, from
    ``detection`` itself: one formula, so the chances are bit-for-bit the same."""
    from engine.state import ShipmentState

    out = {}
    for route, legs in sim.legs.items():
        for concealment in {**sim.conceal, **dict.fromkeys(sim.concealment_order)}:
            load = ShipmentState("", 0.0, 0, concealment=concealment)
            out[route, concealment] = tuple(
                detection(sim, load, lp, None, bribed=False) for lp in legs
            )
    return out


def found_by(sim: Simulation, ship: ShipmentState, where: str) -> str:
    """Which control found a load here: a seizure aimed at it, an inspection, or routine."""
    t, best = sim.env.now, "routine"
    for c in sim.controls:
        if c.location == where and c.start <= t <= c.end:
            if c.shipment == ship.id:
                return "seizure"
            best = "inspection"
    return best


def finder(sim: Simulation, ship: ShipmentState, where: str) -> str:
    """The side a find here is credited to: the team whose control found it (a seizure
    aimed at the load before an inspection), else the side whose file learns of it."""
    best = None
    for c in sim.controls.at(where, sim.env.now):
        if c.side is not None and c.shipment == ship.id:
            return c.side
        best = best or c.side
    return best or sim.acting


def border_crossing(sim: Simulation, person: str, leg: Any) -> None:
    k, t = sim.knowledge, sim.env.now
    country = sim.locs[leg.to].country
    red = in_force(sim, "red", person, country)  # circulated there: a non-member sees none
    if red or in_force(sim, "green", person, country):
        k.movements.append(Movement(leg.from_, leg.to, leg.mode.value, round(t, 3), person))
        k.item(
            t,
            M.sender("ncb", country=country),
            "B2",
            "notice.border",
            {
                "subject": sim.world.entities[person].label,
                "country": country,
                **sim.place("place", leg.to),
            },
            "notice",
        )
    wanted = red and person not in sim.arrested
    if wanted and sim.draw("red-border", person, round(t, 3)) < sim._act(country):
        sim.arrest(person, M.message("arrest.red_border", **sim.place("place", leg.to),
                                     country=country))


# Legs on which the crew travels with the load (a driver, a courier): caught with it.
TRAVELLERS_MET = frozenset({Mode.road, Mode.river, Mode.air})


def detected(sim: Simulation, ship: ShipmentState, leg: Any, handlers: dict[str, str]) -> bool:
    """A find. Returns True when the shipment stops here (seized)."""
    t, k, w = sim.env.now, sim.knowledge, sim.world
    loc = sim.locs[leg.to]
    customs = f"Customs {loc.country}"
    for c in sim.controls.at(leg.to, t):  # the windows open here have a find to report
        if c.shipment is None or c.shipment == ship.id:
            c.found = True
    sim.record_shipment(ship.id, customs, "A1")
    if ship.id in sim.cd_asked:
        if cd_cleared(sim, ship):
            ship.surveillance = True
            k.item(
                t,
                M.sender("customs", country=loc.country),
                "A1",
                "partner.cd_found",
                {"shipment": ship.id, **sim.place("place", loc.id)},
                "partner",
            )
            return False
        ship.cd_denied = cd_why_not(sim, ship)  # no controlled delivery here: seized
    ship.status, ship.fate_day, ship.where = "seized", t, leg.to
    ship.found_by = found_by(sim, ship, leg.to)
    side = sim.credit[ship.id] = finder(sim, ship, leg.to)
    conc = (
        M.localized("concealment", sim.conceal[ship.concealment or ""].label)
        if ship.concealment in sim.conceal
        else M.nested("concealment", M.message("word.cargo"))
    )
    k.concealments.add(ship.concealment or "")
    crew = [(m, w.entities[m]) for m in handlers.values()]
    company = next((m for m, e in crew if e.type == "company"), None)
    names = []
    travellers_met = leg.mode in TRAVELLERS_MET  # a driver, courier ... is there
    for m, e in crew:
        if m == company or (e.role in ("transporter", "courier") and travellers_met
                            and m not in sim.arrested):  # one in custody is not with it
            keys = (
                ("name", "date_of_birth", "nationality", "passport")
                if e.type == "person"
                else ("name", "registration")
            )
            k.learn(m, e.type, e.label, person_attrs(e, keys), t, customs, "A1")
            k.link(m, ship.id, "handles", t, customs, "A1")
            k.evidence[m] = k.evidence.get(m, 0.0) + 2.0
            names.append(e.label)
            if e.type == "person" and m not in sim.arrested:
                sim.arrest(m, M.message("arrest.caught", **sim.place("place", loc.id),
                                          country=loc.country),
                           announce=False)
                sim.credit[m] = side  # caught with the load: the finder's arrest
    k.item(
        t,
        M.sender("customs", country=loc.country),
        "A1",
        "partner.seizure",
        {
            **sim.place("place", loc.id),
            "quantity": ship.quantity,
            "unit": sim.scenario.unit,
            **M.localized("commodity", sim.scenario.commodity),
            **conc,
            "shipment": ship.id,
            **names_said(names),
        },
        "partner",
    )
    sim.emit("first_seizure")
    if sim.scenario.adaptation.reroute_after_seizure:
        sim.burned[ship.route or ""] = t
        sim.later(sim.scenario.adaptation.reroute_delay_days, sim._reroute)
    return True
