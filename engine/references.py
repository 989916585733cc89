"""Cross-references in a scenario: every name must point at something that exists.

A route's leg must start where the previous one ended and go to a known place; groups,
routes, concealments, objectives named anywhere must be defined; nothing may happen after
the exercise ends. Each problem comes with the path of the field it lives at, so the
loader can point the author to the line.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from engine.diagnostics import Said, did_you_mean, nearest
from engine.network import RELATION_EFFECTS

if TYPE_CHECKING:
    from engine.scenario import Scenario


Path = tuple[str | int, ...]


def _dupes(items: list[Any], section: str) -> list[tuple[Path, str]]:
    seen: set[str] = set()
    out: list[tuple[Path, str]] = []
    for i, item in enumerate(items):
        if item.id in seen:
            out.append(((section, i, "id"), f"duplicate id '{item.id}'"))
        seen.add(item.id)
    return out


def unknown(kind: str, ref: str, known: Collection[str]) -> str:
    """``unknown location 'port-clang' — did you mean 'port-klang'? (or define 'port-clang'
    in locations)``; for a country, the fix is ``add HK to countries``."""
    close = nearest(ref, known)
    return Said(f"ref.{kind}_hint", ref=ref, name=close) if close else Said(f"ref.{kind}", ref=ref)


def reference_problems(
    s: Scenario, modules: Collection[str] | None = None
) -> list[tuple[Path, str]]:
    """Every dangling reference or impossible combination, with the path it lives at;
    ``modules``: the curriculum's module ids, when known, that objectives may name."""
    out: list[tuple[Path, str]] = []
    countries = {c.code for c in s.countries}
    locations = {loc.id: loc for loc in s.locations}
    groups = {g.id: g for g in s.network.groups}
    routes = {r.id for r in s.routes}
    concealments = {c.id for c in s.concealments}
    objectives = {o.id for o in s.objectives}
    for section, items in (
        ("locations", s.locations),
        ("routes", s.routes),
        ("concealments", s.concealments),
        ("intel_sources", s.intel_sources),
        ("msel", s.msel),
        ("objectives", s.objectives),
    ):
        out += _dupes(items, section)
    out += [
        (("network", "groups", i, "id"), f"duplicate id '{g.id}'")
        for i, g in enumerate(s.network.groups)
        if [x.id for x in s.network.groups].index(g.id) != i
    ]
    if s.home_country not in countries:
        out.append((("home_country",), unknown("country", s.home_country, countries)))
    if len(countries) != len(s.countries):
        out.append((("countries",), "a country is listed twice"))
    for i, inj in enumerate(s.msel):
        if inj.team is not None and inj.team not in countries:
            out.append((("msel", i, "team"), unknown("country", inj.team, countries)))
    for i, loc in enumerate(s.locations):
        if loc.country not in countries:
            out.append((("locations", i, "country"), unknown("country", loc.country, countries)))
    for r_i, route in enumerate(s.routes):
        for l_i, leg in enumerate(route.legs):
            for key, ref in (("from", leg.from_), ("to", leg.to)):
                if ref not in locations:
                    out.append(
                        (("routes", r_i, "legs", l_i, key), unknown("location", ref, locations))
                    )
            if leg.from_ == leg.to:
                out.append((("routes", r_i, "legs", l_i, "to"), "a leg must go somewhere else"))
            if l_i and route.legs[l_i - 1].to != leg.from_:
                out.append(
                    (
                        ("routes", r_i, "legs", l_i, "from"),
                        f"leg starts at '{leg.from_}' but the previous leg ends at '{route.legs[l_i - 1].to}'",
                    )
                )
        total = sum(leg.days.max for leg in route.legs)
        if total >= s.duration_days:
            out.append(
                (
                    ("routes", r_i, "legs"),
                    f"the route takes up to {total:g} days, longer than the exercise ({s.duration_days:g})",
                )
            )
    for i, g in enumerate(s.network.groups):
        if g.country not in countries:
            out.append(
                (("network", "groups", i, "country"), unknown("country", g.country, countries))
            )
        if g.location is not None and g.location not in locations:
            out.append(
                (("network", "groups", i, "location"), unknown("location", g.location, locations))
            )
        for j, ref in enumerate(g.covers):
            if ref not in locations:
                out.append(
                    (("network", "groups", i, "covers", j), unknown("location", ref, locations))
                )
    for i, rel in enumerate(s.network.relations):
        for key, ref in (("from", rel.from_), ("to", rel.to)):
            if ref not in groups:
                out.append((("network", "relations", i, key), unknown("group", ref, groups)))
    fleet = s.network.fleet
    if fleet is not None and fleet.operator not in groups:
        out.append((("network", "fleet", "operator"), unknown("group", fleet.operator, groups)))
    sh = s.shipments
    for key, refs, known in (
        ("routes", sh.routes, routes),
        ("concealments", sh.concealments, concealments),
        ("involves", sh.involves, groups),
    ):
        for i, ref in enumerate(refs):
            if ref not in known:
                out.append(
                    (
                        ("shipments", key, i),
                        unknown(key.rstrip("s") if key != "involves" else "group", ref, known),
                    )
                )
    if sh.first_day >= s.duration_days:
        out.append(
            (
                ("shipments", "first_day"),
                f"first shipment on day {sh.first_day:g} is after the exercise ends ({s.duration_days:g})",
            )
        )
    if sh.interval_days.max <= 0:
        out.append((("shipments", "interval_days"), "shipments need a positive interval"))
    for i, ref in enumerate(s.known_at_start):
        if ref not in groups:
            out.append((("known_at_start", i), unknown("group", ref, groups)))
    for i, inj in enumerate(s.msel):
        if inj.at_day is not None and inj.at_day > s.duration_days:
            out.append(
                (
                    ("msel", i, "at_day"),
                    f"day {inj.at_day:g} is after the exercise ends ({s.duration_days:g})",
                )
            )
        if inj.objective is not None and inj.objective not in objectives:
            out.append((("msel", i, "objective"), unknown("objective", inj.objective, objectives)))
        for j, ref in enumerate(inj.reveals):
            if ref not in groups:
                out.append((("msel", i, "reveals", j), unknown("group", ref, groups)))
    if modules is not None:
        for i, o in enumerate(s.objectives):
            for j, m in enumerate(o.modules):
                if m not in modules:
                    close = nearest(m, modules)
                    said = (
                        Said("ref.module_hint", ref=m, name=close)
                        if close
                        else Said("ref.module", ref=m, modules=", ".join(sorted(modules)) or "-")
                    )
                    out.append((("objectives", i, "modules", j), said))
    return out


# A relation name is a free label, so only a near-typo earns advice: 'pay', 'bribe',
# 'fund', 'invest_in' score 0.86-0.95 against the names the engine reads, while genuine
# labels the shipped scenarios use ('sells_to' 0.62 to 'lends_to', 'orders_from' 0.61 to
# 'launders_for') stay below 0.8 (difflib ratio).
RELATION_SLIP = 0.8


def relation_notes(s: Scenario) -> list[tuple[Path, str]]:
    """Advice, not refusals: a relation whose name is close to one the engine reads is
    probably a slip ('pay' for 'pays') that would quietly turn money into a label."""
    out: list[tuple[Path, str]] = []
    for i, rel in enumerate(s.network.relations):
        if rel.relation in RELATION_EFFECTS:
            continue
        hint = did_you_mean(rel.relation, RELATION_EFFECTS, RELATION_SLIP)
        if hint:
            out.append(
                (
                    ("network", "relations", i, "relation"),
                    f"note: '{rel.relation}' is a label with no effect in the engine{hint} "
                    f"({', '.join(RELATION_EFFECTS)} move money)",
                )
            )
    return out
