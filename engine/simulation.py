"""The network at work, in simulated days (SimPy).

Each planned consignment is a SimPy process: it waits for its departure day (longer if the
network is lying low after an arrest), phones and pays along the way — the raw material of
phone and financial intelligence — then travels leg by leg. At the end of each leg it may
meet a control (``engine.interdiction``: checkpoints, inspections, seizures, controlled
deliveries). Checkpoint draws are pre-drawn per shipment and leg (common random numbers),
so a trainee's extra effort can only raise the chance of a find, never reshuffle the world.

The network adapts: it reroutes after a seizure (displacement), lies low after an
arrest, and changes concealment after a Purple Notice exposes its method. What the
trainee can be told about shipments lives in ``engine.reports``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Generator
from typing import Any

import simpy

from engine.communications import Communications
from engine.evidence import CaseFile
from engine.intel import Knowledge
from engine.interdiction import (
    CORRUPTION,
    GREEN_BOOST,
    INSPECTION_P,
    PURPLE_BOOST,
    SEIZURE_P,
    Control,
    LegPlan,
    border_crossing,
    delivered_under_surveillance,
    detected,
    detection,
)
from engine.messages import Message, nested, sender
from engine.prosecution import Case, open_case
from engine.reports import ShipmentReports
from engine.scenario import Scenario
from engine.state import ControlRequest, ShipmentState
from engine.tariff import BUDGET_WEEK
from engine.world import World

__all__ = [
    "CORRUPTION",
    "ControlRequest",
    "GREEN_BOOST",
    "INSPECTION_P",
    "PURPLE_BOOST",
    "SEIZURE_P",
    "Control",
    "ShipmentState",
    "Simulation",
]


class Simulation(Communications, ShipmentReports):
    """Ground truth plus the trainee's knowledge, advanced by a SimPy environment."""

    def __init__(self, scenario: Scenario, world: World, seed: int, overrides: Any) -> None:
        self.scenario, self.world, self.seed, self.ov = scenario, world, seed, overrides
        self.env = simpy.Environment()
        self.knowledge = Knowledge()
        self.case_file = CaseFile()  # exhibits for prosecution (engine.evidence)
        self.cases: dict[str, Case] = {}  # arrested member -> prosecution (engine.prosecution)
        self.events = 0
        self.ships: dict[str, ShipmentState] = {
            p.id: ShipmentState(p.id, p.quantity, p.index) for p in world.plan
        }
        self.phantoms: dict[str, dict[str, Any]] = {}
        self.arrested: dict[str, float] = {}
        self.wrongful: list[str] = []
        Communications.__init__(self)
        self.travellers = {
            m for m in world.members if world.entities[m].role in ("transporter", "courier")
        }
        self.controls: list[Control] = []
        self.cd_requests: set[str] = set()
        self.notices: dict[tuple[str, str], float] = {}  # (colour, subject) -> day accepted
        self.warrants: set[str] = set()
        self.burned: dict[str, float] = {}  # route -> day of the seizure that burned it
        self.route = scenario.shipments.routes[0]
        self.route_order = list(scenario.shipments.routes)
        self.concealment_order = list(scenario.shipments.concealments)
        self.concealment = scenario.shipments.concealments[0]
        self.lie_low_until = 0.0
        self.budget = scenario.resources.start_budget * overrides.resources
        self.spent = 0.0
        self.budget_total = self.budget
        self.teams_busy: list[float] = []  # end day of each committed team
        self.due: list[tuple[float, str, dict[str, Any]]] = []  # answers the trainee awaits
        self.requests: list[ControlRequest] = []  # inspections and seizures asked of partners
        self.happened: list[tuple[str, float]] = []  # (event name, day) for MSEL triggers
        self.emitted: dict[str, int] = {}  # event name -> how often it happened
        self.listeners: list[Callable[[str], None]] = []
        self.counts: dict[str, int] = {}
        self.decisions: list[Any] = []
        self.partner_codes = {c.code for c in scenario.countries}
        self.locs = {loc.id: loc for loc in scenario.locations}
        self.countries = {c.code: c for c in scenario.countries}
        self.officials = {
            m: world.entities[m].attributes.get("location")
            for m in world.members
            if world.entities[m].role == "corrupt_official"
        }
        self.routes = {r.id: r for r in scenario.routes}
        self.conceal = {c.id: c for c in scenario.concealments}
        # Read on every leg of every shipment: plain values, looked up once per exercise.
        self.legs = {
            r.id: tuple(LegPlan(leg, self.locs) for leg in r.legs) for r in scenario.routes
        }
        self.multiplier = {c.id: c.detection_multiplier for c in scenario.concealments}
        self.detection = overrides.detection
        self.uncorrupted = 1 - min(1.0, CORRUPTION * overrides.corruption)
        self.officials_at: dict[str, list[str]] = {}
        for m, loc in self.officials.items():
            if loc is not None:
                self.officials_at.setdefault(loc, []).append(m)
        for p in world.plan:
            self.env.process(self._shipment(p))
        self.env.process(self._weekly_budget())

    # --- randomness and scheduling -------------------------------------------------------
    def rng(self, *parts: object) -> random.Random:
        return random.Random(":".join(map(str, (self.seed, *parts))))

    def later(self, delay: float, fn: Callable[[], None]) -> None:
        """Run ``fn`` after ``delay`` days (a bare timeout with a callback: cheap)."""
        ev = self.env.timeout(max(delay, 0.0))
        ev.callbacks.append(lambda _ev: fn())

    def answer(self, delay: float, fn: Callable[[], None], code: str, **params: Any) -> None:
        """Like ``later``, for an answer the trainee was told to expect: it goes on their
        agenda (``agenda.<code>``) until it comes, so time stops for it."""
        self.due.append((self.env.now + max(delay, 0.0), code, params))
        self.later(delay, fn)

    def emit(self, name: str) -> None:
        self.happened.append((name, self.env.now))
        self.emitted[name] = self.emitted.get(name, 0) + 1
        for fn in self.listeners:  # set once, when the MSEL is built
            fn(name)

    def run_until(
        self, t: float, stop: Callable[[], bool] | None = None, inclusive: bool = False
    ) -> None:
        """Run events before day ``t`` (``inclusive``: those on day ``t`` too, so a stop at
        a known event sees it happen); ``stop`` ends the run after the event that made it
        true, the clock staying there."""
        env = self.env
        peek, step, n = env.peek, env.step, 0
        try:
            if stop is None:
                while peek() < t:
                    step()
                    n += 1
            else:
                while peek() < t or (inclusive and peek() <= t):
                    step()
                    n += 1
                    if stop():
                        return
        finally:
            self.events += n
        env._now = max(env.now, t)  # simpy keeps the clock in _now; no event lies before t

    # --- the network's processes ---------------------------------------------------------
    def _weekly_budget(self) -> Generator[Any, Any, None]:
        weekly = self.scenario.resources.budget_per_week * self.ov.resources
        while True:
            yield self.env.timeout(BUDGET_WEEK)
            self.budget += weekly
            self.budget_total += weekly
            if weekly > 0:  # said in the inbox, or the budget would refill unexplained
                self.knowledge.item(
                    self.env.now,
                    sender("coordinator"),
                    "A1",
                    "system.budget",
                    {
                        "amount": round(weekly, 3),
                        "unit": self.scenario.resources.unit,
                        "budget": round(self.budget, 3),
                        "every": BUDGET_WEEK,
                    },
                    "system",
                )

    def _handlers(self, plan: Any) -> dict[str, str] | None:
        if not self.arrested:
            return plan.handlers  # the planned crew, nobody to replace (never mutated)
        out = {}
        for group, member in plan.handlers.items():
            if member in self.arrested:
                spare = [m for m in self.world.by_group(group) if m not in self.arrested]
                if not spare:  # nobody left to do this job until the network recruits
                    crew = self.world.by_group(group)
                    recruited = min(self.arrested[m] for m in crew)
                    if self.env.now < recruited + self.scenario.adaptation.replacement_days:
                        self.ships[plan.id].blocked = tuple(crew)
                        return None
                    continue  # an unidentified recruit does the job: nobody to name or arrest
                member = spare[plan.index % len(spare)]
            out[group] = member
        return out

    def _shipment(self, plan: Any) -> Generator[Any, Any, None]:
        env, ship = self.env, self.ships[plan.id]
        yield env.timeout(plan.depart_day)
        while env.now < self.lie_low_until:
            yield env.timeout(self.lie_low_until - env.now)
        handlers = self._handlers(plan)
        if handlers is None:
            ship.status, ship.fate_day = "prevented", env.now
            return
        routes = self.route_order
        route = (
            self.route
            if plan.route_u >= 0.15 or len(routes) == 1
            else routes[(routes.index(self.route) + 1) % len(routes)]
        )
        conc = self.concealment_order
        concealment = self.concealment
        if plan.concealment_u < 0.15 and len(conc) > 1:
            concealment = conc[(conc.index(self.concealment) + 1) % len(conc)]
        ship.route, ship.concealment, ship.handlers = route, concealment, handlers
        ship.status, ship.depart_day = "in_transit", env.now
        self._communicate(handlers, plan)
        if "first_departure" not in self.emitted:  # only the first one triggers anything
            self.emit("first_departure")
        traveller = None
        for m in handlers.values():
            if m in self.travellers:
                traveller = m
                break
        for i, lp in enumerate(self.legs[route]):
            yield env.timeout(lp.days(plan.leg_days[i]))
            ship.where = lp.to
            ship.passed.append((lp.to, env.now))
            if traveller and lp.crosses_border and self.notices:  # only notices flag travel
                border_crossing(self, traveller, lp.leg)
            if not ship.surveillance and (lp.routine or self.controls):
                # else nothing here can find the load
                u = plan.detect_u[i]
                if u < detection(self, ship, lp, traveller):
                    if detected(self, ship, lp.leg, handlers):
                        return
                elif (
                    ship.bribed_at is None
                    and lp.to in self.officials_at
                    and u < detection(self, ship, lp, traveller, bribed=False)
                ):
                    ship.bribed_at = lp.to  # found, but the official at the post let it go
        ship.fate_day = env.now
        if ship.surveillance:
            delivered_under_surveillance(self, ship, handlers)
        else:
            ship.status = "missed"

    def _detection(self, ship: ShipmentState, leg: Any, traveller: str | None) -> float:
        """Chance that ``ship`` is found at the end of ``leg`` (a scenario leg or a LegPlan)."""
        lp = leg if isinstance(leg, LegPlan) else LegPlan(leg, self.locs)
        return detection(self, ship, lp, traveller)

    def _act(self, country: str) -> float:
        c = self.countries[country]
        bonus = 0.15 * self.emitted.get(f"trust:{country}", 0)
        return min(1.0, c.partner.act_probability + bonus)

    def _reroute(self) -> None:
        options = [r for r in self.scenario.shipments.routes if r not in self.burned]
        self.route = options[0] if options else min(self.burned, key=lambda r: self.burned[r])

    def arrest(self, member: str, how: Message, announce: bool = True) -> None:
        """``how``: the message (``arrest.*``) telling how the arrest was made."""
        t = self.env.now
        ent = self.world.entities[member]
        if ent.group is None:
            self.wrongful.append(member)
            self.knowledge.item(
                t, sender("prosecutor"), "A1", "system.released", {"subject": ent.label}, "system"
            )
            return
        self.arrested[member] = t
        if announce:
            params = {"subject": ent.label, **nested("how", how)}
            self.knowledge.item(t, sender("ncb_home"), "A1", "partner.arrest", params, "partner")
        if ent.type == "person":  # a prosecutor takes up the case (engine.prosecution)
            open_case(self, member, how)
        lie_low = self.scenario.adaptation.lie_low_after_arrest_days
        self.lie_low_until = max(self.lie_low_until, t + lie_low)
        self.emit("first_arrest")

    def purple_published(self, subject: str) -> None:
        ad = self.scenario.adaptation
        if subject == self.concealment and ad.change_concealment_after_purple:

            def change() -> None:
                free = [
                    c
                    for c in self.scenario.shipments.concealments
                    if ("purple", c) not in self.notices
                ]
                if free:
                    self.concealment = free[0]

            self.later(ad.concealment_change_days, change)
