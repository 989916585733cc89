"""The heuristic bot: a sensible analyst who only uses what the trainee view shows.

It builds trust with every partner on day one, publishes a Purple Notice on each
concealment method it sees, asks for seizures of the shipments it hears of (at a control
point on the route, after departure), gets warrants on people several graded reports link
together, chases identifiers for Red Notices on those abroad, convenes a case meeting once
the case has grown, and spends what budget is left on a collection plan: shipments,
associates and phones of the people and companies in its chart, and the ports.
"""

from __future__ import annotations

from typing import Any

from engine import actions as A
from engine.exercise import Exercise

CONTROL_KINDS = ("border_post", "seaport", "airport", "landing_site")
LAB_REQUESTS = 2  # phones it sends to the laboratory in one exercise (the budget is tight)


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


class HeuristicBot:
    """A sensible analyst who sees only the trainee view."""

    def __init__(self, seed: int) -> None:
        self.asked: set[tuple[str, str]] = set()
        self.seizing: set[str] = set()
        self.tried: dict[str, float] = {}
        self.done: set[str] = set()
        self.kinds: dict[str, Any] = {}
        self.red_due: dict[str, float] = {}  # person -> day their Red Notice is published

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
        self._laboratory(ex, v)
        self._collect(ex, v, people, degree)

    def _laboratory(self, ex: Exercise, v: Any) -> None:
        """Phones of people in custody first (their contacts and messages name the rest of
        the crew and the next loads), then the goods of each seizure: one request a day,
        while the budget leaves room for the collection plan."""
        wanted = [(a, p) for a, _label, what in v.actions.analyses if what == "phone"
                  for p in v.actions.in_custody]
        if sum(1 for d in self.done if d[0] == "lab") >= LAB_REQUESTS:
            return
        for analysis, item in wanted:
            if ("lab", analysis, item) in self.done:
                continue
            cost = ex.quote({"kind": "request_forensics", "analysis": analysis}).cost
            if cost > v.budget - 3:
                return
            self.done.add(("lab", analysis, item))  # type: ignore[arg-type]
            ex.apply(A.RequestForensics(analysis=analysis, item=item,
                                        rationale="the laboratory links what we seized"))
            return

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
                out = ex.apply(
                    A.RequestNotice(
                        colour="red", subject=pid, purpose="arrest", rationale="wanted abroad"
                    )
                )
                # the day the outcome said the notice would be published, after review
                self.red_due[pid] = float(out.params.get("day", ex.day))
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
        if ex.day <= self.red_due.get(pid, -1.0):
            return  # the Red Notice is still under the General Secretariat's review
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
