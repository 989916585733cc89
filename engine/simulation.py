"""The network at work, in simulated days (SimPy).

Each planned consignment is a SimPy process: it waits for its departure day (longer if the
network is lying low after an arrest), phones and pays along the way — the raw material of
phone and financial intelligence — then travels leg by leg. At the end of each leg it may
meet a control: routine checkpoints, inspections a partner agreed to run, a seizure aimed
at it. The chance of detection is base x concealment x targeting (inspections, Purple and
Green Notices), reduced where a corrupt official waves loads through — after the
interdiction literature in DOMAIN.md, where training and targeting raise detection at
nodes. Checkpoint draws are pre-drawn per shipment and leg (common random numbers), so a
trainee's extra effort can only raise the chance of a find, never reshuffle the world.

The network adapts: it reroutes after a seizure (displacement), lies low after an
arrest, and changes concealment after a Purple Notice exposes its method.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

import simpy

from engine.intel import Knowledge, person_attrs
from engine.records import Movement
from engine.scenario import Scenario
from engine.world import World, iso6346_check_digit

INSPECTION_P = 0.45  # a partner's targeted control of everything passing a place
SEIZURE_P = 0.9  # a control aimed at one shipment the partner has been told about
PURPLE_BOOST = 1.8  # every country now knows the method
GREEN_BOOST = 1.5  # a flagged traveller gets secondary inspection
CORRUPTION = 0.7  # share of detections a corrupt official at the post suppresses


@dataclass
class ShipmentState:
    id: str
    quantity: float
    plan_index: int
    route: str | None = None
    concealment: str | None = None
    status: str = (
        "planned"  # planned | in_transit | seized | missed | controlled_delivery | not_sent
    )
    depart_day: float | None = None
    fate_day: float | None = None
    where: str | None = None
    surveillance: bool = False
    handlers: dict[str, str] = field(default_factory=dict)
    phantom: bool = False


@dataclass
class Control:
    location: str
    start: float
    end: float
    shipment: str | None  # None: inspect everything


class _LegPlan:
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


class Simulation:
    """Ground truth plus the trainee's knowledge, advanced by a SimPy environment."""

    def __init__(self, scenario: Scenario, world: World, seed: int, overrides: Any) -> None:
        self.scenario, self.world, self.seed, self.ov = scenario, world, seed, overrides
        self.env = simpy.Environment()
        self.knowledge = Knowledge()
        self.events = 0
        self.ships: dict[str, ShipmentState] = {
            p.id: ShipmentState(p.id, p.quantity, p.index) for p in world.plan
        }
        self.phantoms: dict[str, dict[str, Any]] = {}
        self.arrested: dict[str, float] = {}
        self.wrongful: list[str] = []
        self.calls: list[tuple[str, str]] = []
        self.payments: list[tuple[str, str, float]] = []
        self.controls: list[Control] = []
        self.cd_requests: set[str] = set()
        self.notices: dict[tuple[str, str], float] = {}  # (colour, subject) -> day accepted
        self.warrants: set[str] = set()
        self.burned: dict[str, float] = {}  # route -> day of the seizure that burned it
        self.route = scenario.shipments.routes[0]
        self.concealment = scenario.shipments.concealments[0]
        self.lie_low_until = 0.0
        self.budget = scenario.resources.start_budget * overrides.resources
        self.spent = 0.0
        self.budget_total = self.budget
        self.teams_busy: list[float] = []  # end day of each committed team
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
            r.id: tuple(_LegPlan(leg, self.locs) for leg in r.legs) for r in scenario.routes
        }
        self.multiplier = {c.id: c.detection_multiplier for c in scenario.concealments}
        self.detection = overrides.detection
        self.uncorrupted = 1 - min(1.0, CORRUPTION * overrides.corruption)
        self._crews: dict[tuple[str, ...], tuple[tuple[Any, ...], tuple[Any, ...]]] = {}
        self.officials_at: dict[str, list[str]] = {}
        for m, loc in self.officials.items():
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

    def emit(self, name: str) -> None:
        self.happened.append((name, self.env.now))
        self.emitted[name] = self.emitted.get(name, 0) + 1
        for fn in list(self.listeners):
            fn(name)

    def run_until(self, t: float, stop: Callable[[], bool] | None = None) -> None:
        env = self.env
        peek, step, n = env.peek, env.step, 0
        try:
            if stop is None:
                while peek() < t:
                    step()
                    n += 1
            else:
                while peek() < t:
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
            yield self.env.timeout(7)
            self.budget += weekly
            self.budget_total += weekly

    def _handlers(self, plan: Any) -> dict[str, str] | None:
        out = {}
        for group, member in plan.handlers.items():
            if member in self.arrested:
                spare = [m for m in self.world.by_group(group) if m not in self.arrested]
                if not spare:
                    return None  # nobody left to do this job: the network cannot ship
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
            ship.status, ship.fate_day = "not_sent", env.now
            return
        routes = self.scenario.shipments.routes
        route = (
            self.route
            if plan.route_u >= 0.15 or len(routes) == 1
            else routes[(routes.index(self.route) + 1) % len(routes)]
        )
        conc = self.scenario.shipments.concealments
        concealment = self.concealment
        if plan.concealment_u < 0.15 and len(conc) > 1:
            concealment = conc[(conc.index(self.concealment) + 1) % len(conc)]
        ship.route, ship.concealment, ship.handlers = route, concealment, handlers
        ship.status, ship.depart_day = "in_transit", env.now
        self._communicate(handlers, plan)
        self.emit("first_departure")
        traveller = next(
            (
                m
                for m in handlers.values()
                if self.world.entities[m].role in ("transporter", "courier")
            ),
            None,
        )
        for i, lp in enumerate(self.legs[route]):
            yield env.timeout(lp.days(plan.leg_days[i]))
            ship.where = lp.to
            if traveller and lp.crosses_border and self.notices:  # only notices flag travel
                self._border_crossing(traveller, lp.leg)
            if (
                not ship.surveillance
                and plan.detect_u[i] < self._detection(ship, lp, traveller)
                and self._detected(ship, lp.leg, handlers)
            ):
                return
        ship.fate_day = env.now
        if ship.surveillance:
            self._delivered_under_surveillance(ship, handlers)
        else:
            ship.status = "missed"

    def _contacts(self, crew: tuple[str, ...]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """Calls (caller, callee) and payments (callee, payer, payee, rate) a crew makes."""
        got = self._crews.get(crew)
        if got is None:
            calls, pays = [], []
            for m in crew:
                for other, rel, forward in self.world.outgoing(m):
                    calls.append((m, other))
                    if rel in ("pays", "bribes"):
                        payer, payee = (m, other) if forward else (other, m)
                        pays.append((other, payer, payee, 40 if rel == "pays" else 5))
            got = self._crews[crew] = (tuple(calls), tuple(pays))
        return got

    def _communicate(self, handlers: dict[str, str], plan: Any) -> None:
        calls, pays = self._contacts(tuple(sorted(set(handlers.values()))))
        q, arrested = plan.quantity, self.arrested
        if arrested:  # nobody phones or pays a member in custody
            self.calls += [c for c in calls if c[1] not in arrested]
            self.payments += [(a, b, round(q * r, 2)) for o, a, b, r in pays if o not in arrested]
        else:
            self.calls += calls
            self.payments += [(a, b, round(q * r, 2)) for _, a, b, r in pays]

    def _detection(self, ship: ShipmentState, lp: _LegPlan, traveller: str | None) -> float:
        where, routine, targeted = lp.to, lp.routine, 0.0
        if self.controls:
            t = self.env.now
            for c in self.controls:
                if c.location == where and c.start <= t <= c.end:
                    targeted = max(targeted, SEIZURE_P if c.shipment == ship.id else INSPECTION_P)
        if routine == 0.0 and targeted == 0.0:
            return 0.0
        mult = self.multiplier.get(ship.concealment or "", 1.0)
        if notices := self.notices:
            if ("purple", ship.concealment) in notices:
                mult *= PURPLE_BOOST
            if traveller and ("green", traveller) in notices:
                mult *= GREEN_BOOST
        routine = min(1.0, routine * mult * self.detection)
        officials = self.officials_at.get(where)
        if officials and any(m not in self.arrested for m in officials):
            routine *= self.uncorrupted
        targeted = min(1.0, targeted * min(1.0, mult) ** 0.5 * self.detection)
        return 1 - (1 - routine) * (1 - targeted)

    def _border_crossing(self, person: str, leg: Any) -> None:
        k, t = self.knowledge, self.env.now
        country = self.locs[leg.to].country
        if ("green", person) in self.notices or ("red", person) in self.notices:
            k.movements.append(Movement(leg.from_, leg.to, leg.mode.value, round(t, 3), person))
            k.item(
                t,
                f"NCB {country}",
                "B2",
                f"Notice alert: {self.world.entities[person].label} crossed into "
                f"{country} at {self.locs[leg.to].name}.",
                "notice",
            )
        wanted = ("red", person) in self.notices and person not in self.arrested
        if wanted and self.rng("red-border", person, round(t, 3)).random() < self._act(country):
            self.arrest(person, f"arrested on a Red Notice at {self.locs[leg.to].name}")

    def _act(self, country: str) -> float:
        c = self.countries[country]
        bonus = 0.15 * self.emitted.get(f"trust:{country}", 0)
        return min(1.0, c.partner.act_probability + bonus)

    def _detected(self, ship: ShipmentState, leg: Any, handlers: dict[str, str]) -> bool:
        """A find. Returns True when the shipment stops here (seized)."""
        t, k, w = self.env.now, self.knowledge, self.world
        loc = self.locs[leg.to]
        self.describe_shipment(ship.id, f"Customs {loc.country}", "A1")
        if ship.id in self.cd_requests:
            ship.surveillance = True
            k.item(
                t,
                f"Customs {loc.country}",
                "A1",
                f"Shipment {ship.id} found at {loc.name} and left to run under "
                "surveillance (controlled delivery).",
                "partner",
            )
            return False
        ship.status, ship.fate_day, ship.where = "seized", t, leg.to
        conc = (
            self.conceal[ship.concealment or ""].label["en"]
            if ship.concealment in self.conceal
            else "cargo"
        )
        k.concealments.add(ship.concealment or "")
        company = next((m for m in handlers.values() if w.entities[m].type == "company"), None)
        names = []
        for m in handlers.values():
            e = w.entities[m]
            if m == company or (
                e.role in ("transporter", "courier") and leg.mode.value in ("road", "river", "air")
            ):
                keys = (
                    ("name", "date_of_birth", "nationality", "passport")
                    if e.type == "person"
                    else ("name", "registration")
                )
                k.learn(
                    m, e.type, e.label, person_attrs(e, keys), t, f"Customs {loc.country}", "A1"
                )
                k.link(m, ship.id, "handles", t, f"Customs {loc.country}", "A1")
                k.evidence[m] = k.evidence.get(m, 0.0) + 2.0
                names.append(e.label)
                if e.type == "person" and m not in self.arrested:
                    self.arrest(m, f"caught with the shipment at {loc.name}", announce=False)
        k.item(
            t,
            f"Customs {loc.country}",
            "A1",
            f"Seizure at {loc.name}: {ship.quantity:g} "
            f"{self.scenario.unit} of {self.scenario.commodity['en']} hidden in {conc}, shipment {ship.id}. "
            f"Named on the papers or arrested: {', '.join(names) or 'nobody'}.",
            "partner",
        )
        self.emit("first_seizure")
        if self.scenario.adaptation.reroute_after_seizure:
            self.burned[ship.route or ""] = t
            self.later(self.scenario.adaptation.reroute_delay_days, self._reroute)
        return True

    def _delivered_under_surveillance(self, ship: ShipmentState, handlers: dict[str, str]) -> None:
        t, k, w = self.env.now, self.knowledge, self.world
        dest = self.locs[ship.where or ""]
        if self.rng("cd", ship.id).random() < self.scenario.legal.controlled_delivery_loss:
            ship.status = "missed"
            k.item(
                t,
                f"NCB {dest.country}",
                "B2",
                f"Surveillance of shipment {ship.id} was lost near {dest.name}.",
                "partner",
            )
            return
        ship.status = "controlled_delivery"
        names = []
        for m in handlers.values():
            e = w.entities[m]
            k.learn(
                m,
                e.type,
                e.label,
                person_attrs(e, ("name", "date_of_birth", "nationality", "passport")),
                t,
                f"NCB {dest.country}",
                "A1",
            )
            k.link(
                m,
                ship.id,
                "receives" if e.role == "buyer" else "handles",
                t,
                f"NCB {dest.country}",
                "A1",
            )
            k.evidence[m] = k.evidence.get(m, 0.0) + 2.0
            names.append(e.label)
            if e.role == "buyer" and m not in self.arrested:
                self.arrest(m, f"arrested receiving shipment {ship.id}", announce=False)
        k.item(
            t,
            f"NCB {dest.country}",
            "A1",
            f"Controlled delivery of {ship.id} completed at {dest.name}: "
            f"{ship.quantity:g} {self.scenario.unit} seized on delivery; identified: {', '.join(names)}.",
            "partner",
        )
        self.emit("first_seizure")

    def _reroute(self) -> None:
        options = [r for r in self.scenario.shipments.routes if r not in self.burned]
        self.route = options[0] if options else min(self.burned, key=lambda r: self.burned[r])

    def arrest(self, member: str, how: str, announce: bool = True) -> None:
        t = self.env.now
        ent = self.world.entities[member]
        if ent.group is None:
            self.wrongful.append(member)
            self.knowledge.item(
                t,
                "Prosecutor",
                "A1",
                f"{ent.label} was released: nothing links them to the case.",
                "system",
            )
            return
        self.arrested[member] = t
        if announce:
            self.knowledge.item(t, "NCB", "A1", f"{ent.label}: {how}.", "partner")
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

    # --- what the trainee can be told ----------------------------------------------------
    def upcoming(
        self, *, handler: str | None = None, through: str | None = None
    ) -> list[ShipmentState]:
        now, out = self.env.now, []
        for p in self.world.plan:
            s = self.ships[p.id]
            if s.status not in ("planned", "in_transit") or p.depart_day > now + 21:
                continue
            if handler is not None and handler not in (s.handlers or p.handlers).values():
                continue
            route = s.route or self.route
            if through is not None and through not in [leg.to for leg in self.routes[route].legs]:
                continue
            out.append(s)
        return out

    def describe_shipment(self, sid: str, source: str, grade: str) -> str:
        k, t = self.knowledge, self.env.now
        if sid in self.phantoms:
            attrs = self.phantoms[sid]
        else:
            s, p = self.ships[sid], self.world.plan[self.ships[sid].plan_index]
            route = self.routes[s.route or self.route]
            attrs = {
                "departure_day": round(
                    s.depart_day if s.depart_day is not None else p.depart_day, 1
                ),
                "route": [route.legs[0].from_] + [leg.to for leg in route.legs],
                "concealment": s.concealment or self.concealment,
                "quantity": p.quantity,
                "plate": p.plate,
            }
            if p.container:
                attrs["container"] = p.container
        k.learn(sid, "shipment", f"Shipment {sid}", attrs, t, source, grade)
        via = ", ".join(self.locs[x].name for x in attrs["route"][1:-1][:3])
        return (
            f"shipment {sid} of about {attrs['quantity']:g} {self.scenario.unit} leaving around day "
            f"{attrs['departure_day']:g} via {via}"
            + (f" in container {attrs['container']}" if "container" in attrs else "")
        )

    def describe_route(self, sid: str) -> list[str]:
        route = self.routes[self.ships[sid].route or self.route]
        return [route.legs[0].from_] + [leg.to for leg in route.legs]

    def phantom_shipment(self, rng: random.Random) -> str:
        used = set(self.ships) | set(self.phantoms)
        sid = next(
            f"S{n}" for n in iter(lambda: rng.randrange(100, 1000), None) if f"S{n}" not in used
        )
        route = self.routes[rng.choice(self.scenario.shipments.routes)]
        q = self.scenario.shipments.quantity
        ten = f"{rng.choice(['MSK', 'CSQ', 'TGH', 'EMC', 'ZIM', 'HLX'])}U{rng.randrange(10**6):06d}"
        self.phantoms[sid] = {
            "departure_day": round(self.env.now + rng.uniform(2, 14), 1),
            "route": [route.legs[0].from_] + [leg.to for leg in route.legs],
            "concealment": rng.choice(self.scenario.shipments.concealments),
            "quantity": round(rng.uniform(q.min, q.max)),
            "container": f"{ten}{iso6346_check_digit(ten)}",
            "plate": re.sub(r"\d", lambda _m: str(rng.randrange(10)), self.world.plan[-1].plate),
        }
        if not self.scenario.shipments.containerised:
            del self.phantoms[sid]["container"]
        return sid
