"""Cross-references in a scenario: every name must point at something that exists.

A route's leg must start where the previous one ended and go to a known place; groups,
routes, concealments, objectives named anywhere must be defined; nothing may happen after
the exercise ends. Each problem comes with the path of the field it lives at, so the
loader can point the author to the line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.scenario import Scenario


Path = tuple[str | int, ...]


def _dupes(items: list[Any], section: str) -> list[tuple[Path, str]]:
    seen: set[str] = set()
    out = []
    for i, item in enumerate(items):
        if item.id in seen:
            out.append(((section, i, "id"), f"duplicate id '{item.id}'"))
        seen.add(item.id)
    return out


def reference_problems(s: Scenario) -> list[tuple[Path, str]]:
    """Every dangling reference or impossible combination, with the path it lives at."""
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
        out.append((("home_country",), f"unknown country '{s.home_country}'"))
    if len(countries) != len(s.countries):
        out.append((("countries",), "a country is listed twice"))
    for i, c in enumerate(s.countries):
        if c.locale is not None and not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", c.locale):
            out.append((("countries", i, "locale"), f"'{c.locale}' is not a locale name"))
    for i, loc in enumerate(s.locations):
        if loc.country not in countries:
            out.append((("locations", i, "country"), f"unknown country '{loc.country}'"))
    for r_i, route in enumerate(s.routes):
        for l_i, leg in enumerate(route.legs):
            for key, ref in (("from", leg.from_), ("to", leg.to)):
                if ref not in locations:
                    out.append((("routes", r_i, "legs", l_i, key), f"unknown location '{ref}'"))
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
            out.append((("network", "groups", i, "country"), f"unknown country '{g.country}'"))
        if g.location is not None and g.location not in locations:
            out.append((("network", "groups", i, "location"), f"unknown location '{g.location}'"))
        for j, ref in enumerate(g.covers):
            if ref not in locations:
                out.append((("network", "groups", i, "covers", j), f"unknown location '{ref}'"))
    for i, rel in enumerate(s.network.relations):
        for key, ref in (("from", rel.from_), ("to", rel.to)):
            if ref not in groups:
                out.append((("network", "relations", i, key), f"unknown group '{ref}'"))
    fleet = s.network.fleet
    if fleet is not None:
        if fleet.operator not in groups:
            out.append((("network", "fleet", "operator"), f"unknown group '{fleet.operator}'"))
        for i, flag in enumerate(fleet.flags):
            if not re.fullmatch(r"[A-Z]{2}", flag):
                out.append(
                    (("network", "fleet", "flags", i), f"'{flag}' is not an ISO country code")
                )
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
                        f"unknown {key.rstrip('s') if key != 'involves' else 'group'} '{ref}'",
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
            out.append((("known_at_start", i), f"unknown group '{ref}'"))
    for i, inj in enumerate(s.msel):
        if inj.at_day is not None and inj.at_day > s.duration_days:
            out.append(
                (
                    ("msel", i, "at_day"),
                    f"day {inj.at_day:g} is after the exercise ends ({s.duration_days:g})",
                )
            )
        if inj.objective is not None and inj.objective not in objectives:
            out.append((("msel", i, "objective"), f"unknown objective '{inj.objective}'"))
        for j, ref in enumerate(inj.reveals):
            if ref not in groups:
                out.append((("msel", i, "reveals", j), f"unknown group '{ref}'"))
    return out
