"""Bot trainees, to calibrate a scenario before a workshop.

Three players an instructor can compare a scenario against: ``random`` (clicks about),
``heuristic`` (a sensible analyst who only uses what the view shows: grades intelligence,
seizes shipments it hears of, gets warrants on well-linked suspects, publishes Purple
Notices on concealments it has seen) and ``oracle`` (reads the ground truth: knows when and
where each load passes and who the brokers are — still bound by the same rules and
resources). A scenario is well calibrated when oracle > heuristic > random.
"""

from __future__ import annotations

import random
from typing import Any

from engine import actions as A
from engine.exercise import Exercise, Overrides
from engine.scenario import Scenario
from engine.world import FakerPool

CONTROL_KINDS = ("border_post", "seaport", "airport", "landing_site")


def _src(ex: Exercise, reveal: str, target: str) -> Any:
    """The most reliable source that reveals ``reveal`` about a ``target``-type subject."""
    cache = ex.__dict__.setdefault("_bot_sources", {})  # per exercise, never module-level
    key = (reveal, target)
    if key not in cache:
        pool = [
            s
            for s in ex.scenario.intel_sources
            if reveal in [r.value for r in s.reveals] and target in [t.value for t in s.targets]
        ]
        cache[key] = min(pool, key=lambda s: (s.reliability, s.cost), default=None)
    return cache[key]


class RandomBot:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}:policy:random")

    def step(self, ex: Exercise) -> None:
        r, v = self.rng, ex.view()
        if r.random() > 0.35:
            return
        acts = v.actions
        people = [e.id for e in v.entities if e.type == "person"]
        choice = r.randrange(7)
        if choice == 0 and (acts.targets or acts.locations):
            src = r.choice(acts.sources)
            ex.apply(A.RequestIntel(source=src.id, target=r.choice(acts.targets + acts.locations)))
        elif choice == 1 and people:
            ex.apply(A.RequestWarrant(subject=r.choice(people)))
        elif choice == 2 and people:
            colour, purpose = (
                r.choice(["red", "blue", "green", "silver"]),
                r.choice(["arrest", "locate", "warn", "assets"]),
            )
            ex.apply(A.RequestNotice(colour=colour, subject=r.choice(people), purpose=purpose))
        elif choice == 3:
            ex.apply(
                A.Inspection(
                    location=r.choice(acts.locations), start_day=v.day, days=r.choice([3, 7, 14])
                )
            )
        elif choice == 4 and acts.shipments:
            ex.apply(
                A.Seizure(
                    shipment=r.choice(acts.shipments),
                    location=r.choice(acts.locations),
                    start_day=v.day,
                )
            )
        elif choice == 5 and people:
            ex.apply(A.Arrest(subject=r.choice(people)))
        elif choice == 6 and acts.partner_countries:
            ex.apply(A.ShareIntel(country=r.choice(acts.partner_countries)))


class HeuristicBot:
    """A sensible analyst who sees only the trainee view."""

    def __init__(self, seed: int) -> None:
        self.asked: set[tuple[str, str]] = set()
        self.seizing: set[str] = set()
        self.tried: dict[str, float] = {}
        self.done: set[str] = set()
        self.kinds: dict[str, Any] = {}

    def step(self, ex: Exercise) -> None:
        v, s = ex.view(), ex.scenario
        if not self.kinds:
            self.kinds = {loc.id: loc.kind for loc in s.locations}
        kinds = self.kinds
        ents = {e.id: e for e in v.entities}
        if v.day == 0:
            for c in v.actions.partner_countries:
                ex.apply(A.ShareIntel(country=c, rationale="build trust early"))
        for c in v.actions.concealments:
            if ("purple", c) not in self.done:
                self.done.add(("purple", c))  # type: ignore[arg-type]
                ex.apply(
                    A.RequestNotice(
                        colour="purple",
                        subject=c,
                        purpose="modus_operandi",
                        rationale="share the concealment method",
                    )
                )
        for sid in v.actions.shipments:
            e = ents[sid]
            if sid in self.seizing or e.grade[1] in "56":
                continue
            dep, route = float(e.attributes["departure_day"]), e.attributes["route"]
            stops = [x for x in route[1:] if kinds[x] in CONTROL_KINDS] or route[1:]
            out = ex.apply(
                A.Seizure(
                    shipment=sid,
                    location=stops[min(1, len(stops) - 1)],
                    start_day=max(v.day, dep + 1),
                    days=12,
                    rationale="intercept the reported load",
                )
            )
            if out.accepted or out.code != "resources.no_team":
                self.seizing.add(sid)
        degree: dict[str, int] = {}
        for link in v.links:
            degree[link.a] = degree.get(link.a, 0) + 1
            degree[link.b] = degree.get(link.b, 0) + 1
        people = sorted(
            (e for e in v.entities if e.type == "person"),
            key=lambda e: (-degree.get(e.id, 0), e.id),
        )
        for e in people:
            if (
                e.id in v.actions.warrants
                or degree.get(e.id, 0) < 2
                or v.day - self.tried.get(e.id, -99) < 7
            ):
                continue
            self.tried[e.id] = v.day
            ex.apply(A.RequestWarrant(subject=e.id, rationale="linked by several graded reports"))
        for pid in v.actions.warrants:
            self._pursue(ex, pid, ents.get(pid))
        if (
            v.day >= 25
            and "meeting" not in self.done
            and v.budget >= s.resources.case_meeting_cost + 2
        ):
            self.done.add("meeting")
            ex.apply(
                A.CaseMeeting(
                    countries=v.actions.partner_countries, rationale="pool partner knowledge"
                )
            )
        self._collect(ex, v, people, degree)

    def _pursue(self, ex: Exercise, pid: str, e: Any) -> None:
        if e is None or ("arrest", pid) in self.done:
            return
        if (
            e.attributes.get("country") != ex.scenario.home_country
            and ("red", pid) not in self.done
        ):
            ids = sum(
                1
                for k in ("name", "date_of_birth", "nationality", "passport", "phone")
                if e.attributes.get(k)
            )
            if ids >= ex.scenario.legal.min_identifiers:
                self.done.add(("red", pid))  # type: ignore[arg-type]
                ex.apply(
                    A.RequestNotice(
                        colour="red", subject=pid, purpose="arrest", rationale="wanted abroad"
                    )
                )
            else:
                src = _src(ex, "identifiers", "person")
                if src and (src.id, pid) not in self.asked:
                    self.asked.add((src.id, pid))
                    ex.apply(
                        A.RequestIntel(
                            source=src.id, target=pid, rationale="identifiers for a Red Notice"
                        )
                    )
            return
        if ex.apply(A.Arrest(subject=pid, rationale="warrant in hand")).accepted:
            self.done.add(("arrest", pid))  # type: ignore[arg-type]

    def _collect(self, ex: Exercise, v: Any, people: list[Any], degree: dict[str, int]) -> None:
        s = ex.scenario
        if v.budget < s.resources.inspection_cost * 2 + 1:
            return
        plan = []
        for e in [x for x in v.entities if x.type == "company"] + people:
            for reveal in ("shipments", "associates", "phones"):
                src = _src(ex, reveal, e.type)
                if src is not None:
                    plan.append((src, e.id))
        ports = [x for x, kind in self.kinds.items() if kind in ("seaport", "landing_site")]
        week = int(v.day // 14)
        for loc in ports:
            src = _src(ex, "shipments", "location")
            if src is not None:
                plan.append((src, f"{loc}@{week}"))
        for src, target in plan:
            if (src.id, target) in self.asked or src.cost > ex.sim.budget - 1:
                continue
            self.asked.add((src.id, target))
            ex.apply(
                A.RequestIntel(
                    source=src.id, target=target.split("@")[0], rationale="collection plan"
                )
            )
            return


class OracleBot:
    """Knows the truth; plays by the same rules."""

    def __init__(self, seed: int) -> None:
        self.covered: set[tuple[str, int]] = set()
        self.asked: dict[tuple[str, str], int] = {}
        self.done: set[tuple[str, str]] = set()
        self.ranked: list[str] | None = None  # every member person, most wanted first
        self.lead: dict[str, float] = {}  # location -> longest response delay of its country

    def _rank(self, ex: Exercise) -> list[str]:
        w, s = ex.world, ex.scenario
        involved = {g: len(w.by_group(g)) for g in s.shipments.involves}

        def priority(m: str) -> float:  # central people, and the few a shipment cannot do without
            group = w.entities[m].group or ""
            return w.betweenness.get(m, 0.0) + (0.5 if involved.get(group, 99) <= 2 else 0.0)

        people = [m for m in w.members if w.entities[m].type == "person"]
        return sorted(people, key=lambda m: (-priority(m), m))

    def step(self, ex: Exercise) -> None:
        sim, v = ex.sim, ex.view()
        if v.day == 0:
            for c in v.actions.partner_countries:
                ex.apply(A.ShareIntel(country=c))
        for c in v.actions.concealments:
            if ("purple", c) not in self.done:
                self.done.add(("purple", c))
                ex.apply(A.RequestNotice(colour="purple", subject=c, purpose="modus_operandi"))
        self._intercept(ex)
        s = ex.scenario
        if self.ranked is None:
            self.ranked = self._rank(ex)
        targets = [m for m in self.ranked if m not in sim.arrested]
        if (
            v.day >= 10
            and ("meeting", "") not in self.done
            and sim.budget >= s.resources.case_meeting_cost + 3
        ):
            self.done.add(("meeting", ""))
            ex.apply(A.CaseMeeting(countries=v.actions.partner_countries))
        for m in targets[:5]:
            self._pursue(ex, m)

    def _intercept(self, ex: Exercise) -> None:
        """Inspect each leg end just in time: the oracle knows when every load will pass."""
        sim, now = ex.sim, ex.day
        corrupt = {
            ex.world.entities[m].attributes.get("location")
            for m in ex.world.members
            if ex.world.entities[m].role == "corrupt_official" and m not in sim.arrested
        }
        if not self.lead:
            self.lead = {
                x: sim.countries[loc.country].partner.response_days.max
                for x, loc in sim.locs.items()
            }
        for p in ex.world.plan:
            ship = sim.ships[p.id]
            if ship.status == "in_transit":
                route, t = ship.route or sim.route, ship.depart_day or 0.0
            elif ship.status == "planned":
                routes = ex.scenario.shipments.routes
                route = sim.route
                if p.route_u < 0.15 and len(routes) > 1:
                    route = routes[(routes.index(sim.route) + 1) % len(routes)]
                t = max(p.depart_day, sim.lie_low_until)
            else:
                continue
            for i, lp in enumerate(sim.legs[route]):
                t += lp.days(p.leg_days[i])
                lead = self.lead[lp.to]
                if (p.id, i) in self.covered or lp.to in corrupt or not lead <= t - now < lead + 1:
                    continue
                out = ex.apply(A.Inspection(location=lp.to, start_day=max(now, t - 0.5), days=1))
                if out.accepted:
                    self.covered.add((p.id, i))

    def _ask(self, ex: Exercise, reveal: str, target: str, typ: str) -> None:
        src = _src(ex, reveal, typ)
        if src is None or ex.sim.budget < src.cost + 1:
            return
        key = (src.id, target)
        if self.asked.get(key, 0) >= 3:
            return
        self.asked[key] = self.asked.get(key, 0) + 1
        ex.apply(A.RequestIntel(source=src.id, target=target))

    def _pursue(self, ex: Exercise, m: str) -> None:
        sim, k = ex.sim, ex.sim.knowledge
        if m not in k.entities:
            known = [n for n, _ in ex.world.neighbours(m) if n in k.entities]
            if known:
                self._ask(ex, "associates", known[0], k.entities[known[0]].type)
            return
        ent = ex.world.entities[m]
        if ent.type != "person":
            return
        if m not in sim.warrants:
            if k.evidence.get(m, 0.0) >= ex.scenario.legal.warrant_evidence:
                ex.apply(A.RequestWarrant(subject=m))
            else:
                self._ask(ex, "associates", m, "person")
            return
        if ent.country != ex.scenario.home_country and ("red", m) not in sim.notices:
            if k.identifiers(m) < ex.scenario.legal.min_identifiers:
                self._ask(ex, "identifiers", m, "person")
            else:
                ex.apply(A.RequestNotice(colour="red", subject=m, purpose="arrest"))
            return
        if ("arrest", m) not in self.done and ex.apply(A.Arrest(subject=m)).accepted:
            self.done.add(("arrest", m))


POLICIES = {"random": RandomBot, "heuristic": HeuristicBot, "oracle": OracleBot}


def run_policy(
    scenario: Scenario,
    seed: int,
    policy: str,
    overrides: Overrides | None = None,
    fakers: FakerPool | None = None,
) -> Exercise:
    """Play a whole exercise with a bot, one simulated day at a time."""
    bot = POLICIES[policy](seed)
    ex = Exercise(scenario, seed, overrides, fakers=fakers)
    while not ex.finished:
        bot.step(ex)
        ex.apply(A.Advance(days=1))
    return ex
