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
from contextlib import AbstractContextManager, nullcontext
from hashlib import blake2b
from typing import Any

import simpy

from engine.assets import Trail
from engine.budget import Budget
from engine.communications import Communications
from engine.controls import Controls
from engine.corruption import corrupt_officials, hold, official_posts
from engine.deliveries import delivered_under_surveillance
from engine.events import Event, EventLog
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
    checkpoint_chances,
    detected,
    detection,
)
from engine.laboratory import Lab
from engine.messages import COORDINATOR_SAID, Message, nested, sender, unit
from engine.prosecution import Case, open_case
from engine.reports import ShipmentReports
from engine.scenario import Scenario
from engine.state import ControlRequest, DeliveryRequest, ShipmentState, Tip
from engine.tariff import BUDGET_WEEK
from engine.teams import Teams
from engine.trust import Trust
from engine.version import ENGINE_VERSION
from engine.world import World

__all__ = [
    "CORRUPTION",
    "ENGINE_VERSION",
    "Event",
    "ControlRequest",
    "DeliveryRequest",
    "GREEN_BOOST",
    "INSPECTION_P",
    "PURPLE_BOOST",
    "SEIZURE_P",
    "Control",
    "Tip",
    "ShipmentState",
    "Simulation",
]


class Simulation(Communications, ShipmentReports):
    """Ground truth plus the trainee's knowledge, advanced by a SimPy environment.

    Its typed parts, each with its own rules: ``funds`` (the budget, ``engine.budget``),
    ``teams`` (``engine.teams``), ``controls`` (``engine.controls``), ``trust``
    (``engine.trust``) and ``event_log`` (``engine.events``). The older attribute names
    (``budget``, ``spent``, ``happened``, ``emitted`` ...) read and write those parts.
    """

    def __init__(self, scenario: Scenario, world: World, seed: int, overrides: Any) -> None:
        self.scenario, self.world, self.seed, self.ov = scenario, world, seed, overrides
        self.salt = f"{seed}:"  # what every decision's name follows in ``draw``
        self.env = simpy.Environment()
        # One side per country played (engine.joint): the home country's is single play's.
        self.home = scenario.home_country
        self.acting = self.home  # the country whose side actions and answers act for now
        self.played: list[str] = []  # countries a team plays (control cell's team_joins)
        self.team_requests: list[Any] = []  # engine.joint.TeamRequest, R001 ...
        self.asking_message: str | None = None  # the action's rationale, while it is handled
        self.withheld: dict[str, int] = {}  # side -> shares refused for a handling code
        self.meetings: list[Any] = []  # engine.meetings.Meeting, M001 ...
        self.action_plan: list[Any] = []  # engine.action_day.Planned, A001 ...
        self.action_day: float | None = None  # the operation's day of action (control cell)
        self.action_wakeups: list[float] = []  # days the plan is looked at
        self.alert: Any = None  # engine.action_day.Alert: the network heard of an arrest
        self.whereabouts: dict[str, str] = {}  # member -> country fled to (tip-off)
        self.knowledge_of: dict[str, Knowledge] = {self.home: Knowledge()}
        self.decisions_of: dict[str, list[Any]] = {self.home: []}
        self.due_of: dict[str, list[tuple[float, str, dict[str, Any]]]] = {self.home: []}
        self.case_file = CaseFile()  # exhibits for prosecution (engine.evidence)
        self.lab = Lab()  # forensic requests and the support team (engine.forensics)
        self.money = Trail()  # accounts traced, frozen, confiscated (engine.finance)
        self.cases: dict[str, Case] = {}  # arrested member -> prosecution (engine.prosecution)
        self.events = 0
        self.ships: dict[str, ShipmentState] = {
            p.id: ShipmentState(p.id, p.quantity, p.index) for p in world.plan
        }
        self.phantoms: dict[str, dict[str, Any]] = {}
        self.arrested: dict[str, float] = {}
        self.wrongful: list[str] = []
        # member, innocent or shipment -> the side whose work its arrest or seizure was
        # (engine.joint_debrief rates each team on its own); written, never read in play
        self.credit: dict[str, str] = {}
        Communications.__init__(self)
        self.travellers = {
            m for m in world.members if world.entities[m].role in ("transporter", "courier")
        }
        self.controls = Controls()
        self.cd_requests: set[str] = set()  # controlled deliveries in force
        self.cd_asked: dict[str, DeliveryRequest] = {}  # shipment -> last request put
        self.tips: list[Tip] = []  # planned controls officials told the network of
        self.tuning = scenario.tuning  # engine assumptions (engine.tuning)
        self.notices: dict[tuple[str, str], float] = {}  # (colour, subject) -> day published
        self.notices_pending: set[tuple[str, str]] = set()  # under General Secretariat review
        # (colour of the matching notice, subject) -> member countries a diffusion reached
        self.diffusions: dict[tuple[str, str], frozenset[str]] = {}
        self.non_members = frozenset(c.code for c in scenario.countries if not c.interpol_member)
        self.warrants_of: dict[str, set[str]] = {self.home: set()}  # each side's prosecutor
        self.burned: dict[str, float] = {}  # route -> day of the seizure that burned it
        self.route = scenario.shipments.routes[0]
        self.route_order = list(scenario.shipments.routes)
        self.concealment_order = list(scenario.shipments.concealments)
        self.concealment = scenario.shipments.concealments[0]
        self.lie_low_until = 0.0
        self.funds_of = {self.home: self._new_funds()}
        self.teams_of = {self.home: self._new_teams()}
        self._switch(self.home)  # ``knowledge``, ``funds`` ...: the acting side's
        self.requests: list[ControlRequest] = []  # inspections and seizures asked of partners
        self.event_log = EventLog()  # what happened when, for MSEL triggers and the score
        self.counts: dict[str, int] = {}
        self.partner_codes = {c.code for c in scenario.countries}
        self.locs = {loc.id: loc for loc in scenario.locations}
        self.countries = {c.code: c for c in scenario.countries}
        self.trust = Trust(self.countries, self.tuning.trust_per_gesture)
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
        self.corruption, self.leaks = corrupt_officials(scenario, world, overrides)
        self.officials_at = official_posts(scenario, world)  # place -> officials there
        self.checkpoint_only = checkpoint_chances(self)  # (route, concealment) -> per leg
        for p in world.plan:
            self.env.process(self._shipment(p))
        self.env.process(self._weekly_budget())

    # --- the sides: one per country a team plays (engine.joint) -------------------------
    def _new_funds(self) -> Budget:
        return Budget(self.env, self.scenario.resources.start_budget * self.ov.resources)

    def _new_teams(self) -> Teams:
        return Teams(self.env, int(self.scenario.resources.inspection_teams * self.ov.resources))

    def join(self, country: str) -> None:
        """A team now plays ``country``: it gets its own knowledge, budget, inspection teams,
        decisions and agenda (the home country keeps the ones it has)."""
        if country not in self.played:
            self.played.append(country)
        if country not in self.knowledge_of:
            self.knowledge_of[country] = Knowledge()
            self.decisions_of[country] = []
            self.due_of[country] = []
            self.warrants_of[country] = set()
            self.funds_of[country] = self._new_funds()
            self.teams_of[country] = self._new_teams()

    def played_by_team(self, country: str) -> bool:
        return country in self.played

    def side_for(self, country: str) -> str:
        """Whose file learns what the network does in ``country`` on its own (a routine
        find, an arrest at a post): that country's team when one plays it, else home's."""
        return country if country in self.played else self.home

    def side_at(self, location: str) -> str:
        """Whose file learns what happens at ``location`` on its own (a routine find, an
        arrest at a post, a notice hit at a border): the team playing that country, else
        the team whose control is open there, else the home country."""
        country = self.locs[location].country
        if country in self.played:
            return country
        for c in self.controls.at(location, self.env.now):
            if c.side is not None and c.side in self.knowledge_of:
                return c.side  # the partner tells the team whose control found it
        return self.home

    def acting_as(self, country: str) -> AbstractContextManager[None]:
        """Act for ``country``'s side: ``knowledge``, ``funds``, ``teams``, ``decisions``,
        ``warrants`` and ``due`` are that side's until the block ends."""
        if country == self.acting:  # nothing to switch (single play: always)
            return _STAY
        return _Acting(self, country)

    def _switch(self, country: str) -> None:
        # Plain attributes swapped here, not properties: ``knowledge`` is read on every
        # report of every run, and a property lookup there costs the bots ~8%.
        self.acting = country
        self.knowledge = self.knowledge_of[country]
        self.decisions = self.decisions_of[country]
        self.due = self.due_of[country]
        self.funds = self.funds_of[country]
        self.teams = self.teams_of[country]
        self.warrants = self.warrants_of[country]

    # --- the parts, under the names other modules have always used ----------------------
    @property
    def budget(self) -> float:
        return self.funds.left

    @budget.setter
    def budget(self, value: float) -> None:
        self.funds.set_left(value)

    @property
    def spent(self) -> float:
        return self.funds.spent

    @spent.setter
    def spent(self, value: float) -> None:
        self.funds.spent = value

    @property
    def budget_total(self) -> float:
        return self.funds.total

    @property
    def happened(self) -> list[tuple[str, float]]:
        return self.event_log.happened

    @property
    def emitted(self) -> dict[str, int]:
        return self.event_log.counts

    @property
    def listeners(self) -> list[Callable[[str], None]]:
        return self.event_log.listeners

    @property
    def convictions(self) -> set[str]:
        """Members a court has convicted so far (``engine.prosecution``; read by confiscation)."""
        return {m for m, c in self.cases.items() if c.status == "convicted"}

    # --- randomness and scheduling -------------------------------------------------------
    def rng(self, *parts: object) -> random.Random:
        """A stream of its own for a decision that draws several numbers."""
        return random.Random(":".join(map(str, (self.seed, *parts))))

    def draw(self, *parts: object) -> float:
        """One uniform number in [0, 1) for a decision that draws once (engine version 3):
        the first 8 bytes of a BLAKE2b hash of the exercise's seed and the decision's
        name, so each decision has its own number and no other draw moves it. A tenth of
        the cost of seeding a ``random.Random`` for a single number."""
        key = (self.salt + ":".join(map(str, parts))).encode()
        return int.from_bytes(blake2b(key, digest_size=8).digest()) / 18446744073709551616.0

    def pick(self, options: list[Any], *parts: object) -> Any:
        """One of ``options``, chosen by ``draw(*parts)``."""
        return options[int(self.draw(*parts) * len(options))]

    def later(self, delay: float, fn: Callable[[], None]) -> simpy.Process:
        """Run ``fn`` after ``delay`` days, as a SimPy process (``engine.simulation.after``),
        for the side acting now (an answer reaches the team that asked)."""
        who = self.acting
        if who != self.home:  # home's callbacks run as home: single play is unchanged
            inner = fn

            def fn() -> None:
                with self.acting_as(who):
                    inner()

        return self.env.process(after(self.env.timeout(max(delay, 0.0)), fn))

    def answer(
        self, delay: float, fn: Callable[[], None], code: str, **params: Any
    ) -> simpy.Process:
        """Like ``later``, for an answer the trainee was told to expect: it goes on their
        agenda (``agenda.<code>``) until it comes, so time stops for it."""
        self.due.append((self.env.now + max(delay, 0.0), code, params))
        return self.later(delay, fn)

    def emit(self, name: Event | str) -> None:
        self.event_log.emit(name, self.env.now)

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
                while peek() < t or (inclusive and peek() <= t):
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
        if t > env.now:  # nothing is left before t: SimPy's own run moves the clock there
            env.run(until=t)  # (its stop event comes before any event due on day t)

    # --- the network's processes ---------------------------------------------------------
    def _weekly_budget(self) -> Generator[Any, Any, None]:
        env, funds, item = self.env, self.funds, self.knowledge.item
        weekly = self.scenario.resources.budget_per_week * self.ov.resources
        # The same every week but the budget, made once: the amount, the unit and who says
        # it (the sender's English text and its message, as ``Knowledge.item`` adds them).
        source, budget_unit = COORDINATOR_SAID["source"], self.scenario.resources.unit
        week = {"amount": round(weekly, 3), **unit("unit", budget_unit), "budget": 0.0,
                "every": BUDGET_WEEK}
        week.update(COORDINATOR_SAID)
        purse, top_up = funds.purse, funds.top_up  # home's, for the whole exercise
        while True:
            yield env.timeout(BUDGET_WEEK)
            top_up(weekly)
            if weekly > 0:  # said in the inbox, or the budget would refill unexplained
                params = week.copy()  # each item its own params, in the same order
                params["budget"] = round(purse.level, 3)
                item(env.now, source, "A1", "system.budget", params, "system")
            for country in self.played:  # every other side played has its own budget
                if country == self.home:
                    continue
                theirs = self.funds_of[country]
                theirs.top_up(weekly)
                if weekly > 0:
                    params = week.copy()
                    params["budget"] = round(theirs.left, 3)
                    self.knowledge_of[country].item(
                        env.now, source, "A1", "system.budget", params, "system"
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
            if plan.route_u >= self.tuning.alternate_route_share or len(routes) == 1
            else routes[(routes.index(self.route) + 1) % len(routes)]
        )
        conc = self.concealment_order
        concealment = self.concealment
        if plan.concealment_u < self.tuning.alternate_concealment_share and len(conc) > 1:
            concealment = conc[(conc.index(self.concealment) + 1) % len(conc)]
        ship.route, ship.concealment, ship.handlers = route, concealment, handlers
        ship.status, ship.depart_day = "in_transit", env.now
        self._communicate(handlers, plan)
        if not self.event_log.has(Event.first_departure):  # only the first one triggers anything
            self.emit(Event.first_departure)
        traveller = None
        for m in handlers.values():
            if m in self.travellers:
                traveller = m
                break
        # Read on every leg: bound once per shipment (the containers are never replaced).
        timeout, passed, tips, controls = env.timeout, ship.passed, self.tips, self.controls
        notices, diffusions, posts, arrested = (
            self.notices, self.diffusions, self.officials_at, self.arrested)
        # Draws are made for the longest route: a shorter one uses the first of them.
        legs, alone = self.legs[route], self.checkpoint_only[route, concealment]
        draws = zip(legs, plan.leg_days, plan.detect_u, alone, strict=False)
        for lp, travel_u, u, checkpoint_only in draws:
            travel = lp.days(travel_u)
            to = lp.to
            if tips and (wait := hold(self, ship, to, travel)) > 0:
                yield timeout(wait)  # tipped off: let the control window pass first
            yield timeout(travel)
            ship.where = to
            passed.append((to, env.now))
            if traveller in arrested:
                traveller = None  # in custody: the load goes on without them
            if traveller and lp.crosses_border and (notices or diffusions):
                # only notices and diffusions flag travel
                if self.played:
                    with self.acting_as(self.side_at(to)):
                        border_crossing(self, traveller, lp.leg)
                else:
                    border_crossing(self, traveller, lp.leg)
            if not ship.surveillance and (lp.routine or controls):
                # else nothing here can find the load
                plain = not (controls or notices or diffusions)  # a checkpoint alone
                if u < (
                    checkpoint_only
                    if plain and to not in posts
                    else detection(self, ship, lp, traveller)
                ):
                    if self.played:
                        with self.acting_as(self.side_at(to)):
                            stops = detected(self, ship, lp.leg, handlers)
                    else:
                        stops = detected(self, ship, lp.leg, handlers)
                    if stops:
                        return
                elif (
                    ship.bribed_at is None
                    and to in posts
                    and u < (
                        checkpoint_only  # the chance were there no official at the post
                        if plain
                        else detection(self, ship, lp, traveller, bribed=False)
                    )
                ):
                    ship.bribed_at = to  # found, but the official at the post let it go
        ship.fate_day = env.now
        if ship.surveillance:
            with self.acting_as(self.side_at(ship.where) if self.played and ship.where
                                else self.acting):
                delivered_under_surveillance(self, ship, handlers)
        else:
            ship.status = "missed"

    def _detection(self, ship: ShipmentState, leg: Any, traveller: str | None) -> float:
        """Chance that ``ship`` is found at the end of ``leg`` (a scenario leg or a LegPlan)."""
        lp = leg if isinstance(leg, LegPlan) else LegPlan(leg, self.locs)
        return detection(self, ship, lp, traveller)

    def _act(self, country: str) -> float:
        return self.trust.act_probability(country)

    def _reroute(self) -> None:
        options = [r for r in self.scenario.shipments.routes if r not in self.burned]
        self.route = options[0] if options else min(self.burned, key=lambda r: self.burned[r])

    def arrest(self, member: str, how: Message, announce: bool = True) -> None:
        """``how``: the message (``arrest.*``) telling how the arrest was made, with the
        ``country`` where it was made: that country's NCB announces it ("NCB Malaysia"),
        or the side's own national services at home — never a bare "NCB"."""
        t = self.env.now
        ent = self.world.entities[member]
        self.credit[member] = self.acting
        if ent.group is None:
            self.wrongful.append(member)
            self.knowledge.item(
                t, sender("prosecutor"), "A1", "system.released", {"subject": ent.label}, "system"
            )
            return
        self.arrested[member] = t
        if announce:
            params = {"subject": ent.label, **nested("how", how)}
            where = how["params"].get("country")
            by = (sender("national") if where in (None, self.acting)
                  else sender("ncb", country=where))
            self.knowledge.item(t, by, "A1", "partner.arrest", params, "partner")
        if ent.type == "person":  # a prosecutor takes up the case (engine.prosecution)
            open_case(self, member, how)
        lie_low = self.scenario.adaptation.lie_low_after_arrest_days
        self.lie_low_until = max(self.lie_low_until, t + lie_low)
        self.emit(Event.first_arrest)
        if self.played:  # a joint operation: the network warns its members abroad
            from engine.action_day import alerted

            alerted(self, member)

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


class _Acting(AbstractContextManager[None]):
    """A block acting for another side (``Simulation.acting_as``): a plain class, not a
    generator-based context manager, as it is entered for every inject and answer."""

    __slots__ = ("sim", "country", "before")

    def __init__(self, sim: Simulation, country: str) -> None:
        self.sim, self.country, self.before = sim, country, sim.acting

    def __enter__(self) -> None:
        self.before = self.sim.acting
        self.sim._switch(self.country)

    def __exit__(self, *exc: object) -> None:
        self.sim._switch(self.before)


_STAY: AbstractContextManager[None] = nullcontext()  # acting for the side that acts already


def after(ev: simpy.Event, fn: Callable[[], None]) -> Generator[Any, Any, None]:
    """A process that waits for ``ev`` (a timeout made by its caller), then runs ``fn``.

    The timeout is made before the process starts, so ``fn`` runs exactly where a callback
    on that timeout ran in version 1: among the events of its day, in the order they were
    scheduled. The process adds two bookkeeping events (its start and its end), which the
    engine bench counts."""
    yield ev
    fn()
