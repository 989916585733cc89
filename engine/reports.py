"""What the trainee can be told about shipments, true or phantom.

Intelligence reports, customs and partners describe a shipment the same way: when it
leaves, its route, concealment, quantity, plate and container. A false lead describes a
phantom shipment that never existed, in exactly the same words and with identifiers as
valid as the real ones, so only corroboration and grades tell them apart.
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from engine.messages import Message, message
from engine.world import iso6346_check_digit

if TYPE_CHECKING:
    from typing import Any

    import simpy

    from engine.geography import Location
    from engine.intel import Knowledge
    from engine.scenario import Scenario
    from engine.simulation import ShipmentState
    from engine.world import World


class ShipmentReports:
    """The reporting side of ``Simulation`` (a mixin: it reads the simulation's state)."""

    if TYPE_CHECKING:  # set by Simulation.__init__
        scenario: Scenario
        world: World
        env: simpy.Environment
        knowledge: Knowledge
        ships: dict[str, ShipmentState]
        phantoms: dict[str, dict[str, Any]]
        routes: dict[str, Any]
        locs: dict[str, Location]
        route: str
        concealment: str

    def place(self, name: str, *locations: str) -> dict[str, Any]:
        """The params that name places (by id) in a message: ``name`` in English and, when
        the author named one in other languages, ``<name>_i18n`` for the reader's language
        (engine.messages.resolve). Several places are listed, with the Arabic comma in Arabic.
        """
        locs = [self.locs[x] for x in locations]
        said: dict[str, Any] = {name: ", ".join(loc.name_en for loc in locs)}
        langs = {lang for loc in locs if not isinstance(loc.name, str) for lang in loc.name}
        if langs:
            sep = {"ar": "، "}
            said[f"{name}_i18n"] = {
                lang: sep.get(lang, ", ").join(loc.name_in(lang) for loc in locs)
                for lang in sorted(langs | {"en"})
            }
        return said

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

    def describe_shipment(self, sid: str, source: str, grade: str) -> Message:
        """Put a shipment in the case file and return what a report says about it."""
        attrs = self.record_shipment(sid, source, grade)
        said = {
            "shipment": sid,
            "quantity": attrs["quantity"],
            "unit": self.scenario.unit,
            "day": attrs["departure_day"],
            **self.place("via", *attrs["route"][1:-1][:3]),
        }
        if "container" in attrs:
            return message("fact.shipment_container", **said, container=attrs["container"])
        return message("fact.shipment", **said)

    def record_shipment(self, sid: str, source: str, grade: str) -> dict[str, Any]:
        """Put a shipment (real or phantom) in the case file; returns what was recorded."""
        attrs = self.shipment_attrs(sid)
        self.knowledge.learn(sid, "shipment", f"Shipment {sid}", attrs, self.env.now, source, grade)
        return attrs

    def shipment_attrs(self, sid: str) -> dict[str, Any]:
        """What a report says about a shipment (real or phantom), without filing it."""
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
        return attrs

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
