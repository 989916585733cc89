"""The synthetic world of one exercise: who the traffickers are, and what they ship.

A scenario describes the *shape* of a network (four poachers supply two collectors, a
broker pays an official...); the world gives it faces. From the scenario and the
exercise's seed we generate persons with names from their country's Faker locale where
Faker has one, dates of birth, passports and phones; front companies with registration
numbers; vessels with valid IMO numbers and MMSIs; containers with valid ISO 6346 check
digits; bank accounts; and the shipment plan (when each consignment leaves, how much, who
handles it). We also generate innocent look-alikes ("decoys") that false leads point at,
so a trainee cannot tell a false lead by its shape. Same scenario + seed => same world.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import networkx as nx
from faker import Faker

from engine.identifiers import (
    CALLING,
    MID,
    _digits,
    imo_check_digit,
    iso6346_check_digit,
)
from engine.scenario import COMPANY_ROLES, Scenario
from engine.shipment_plan import PlannedShipment, _plan, scenario_location_country, triangular_at

__all__ = [
    "CALLING",
    "MID",
    "Entity",
    "FakerPool",
    "PlannedShipment",
    "World",
    "build_world",
    "imo_check_digit",
    "iso6346_check_digit",
    "scenario_location_country",
    "triangular_at",
]


@dataclass(frozen=True)
class Entity:
    id: str
    type: str  # person | company | vessel | account | phone | vehicle | shipment | location
    label: str
    country: str
    attributes: dict[str, Any] = field(default_factory=dict)
    group: str | None = None  # member group id; None for decoys and third parties
    role: str | None = None


@dataclass
class World:
    scenario: Scenario
    entities: dict[str, Entity]
    members: list[str]
    decoys: list[str]
    edges: list[tuple[str, str, str]]
    phones: dict[str, str]  # person id -> phone entity id
    accounts: dict[str, str]  # person/company id -> account entity id
    vessels: list[str]
    plan: list[PlannedShipment]

    @cached_property
    def graph(self) -> nx.Graph:
        g = nx.Graph()
        g.add_nodes_from(self.members)
        g.add_edges_from((a, b) for a, b, _ in self.edges)
        return g

    @cached_property
    def betweenness(self) -> dict[str, float]:
        return nx.betweenness_centrality(self.graph, normalized=True)

    def by_group(self, group: str) -> list[str]:
        return list(self._groups.get(group, ()))

    @cached_property
    def _groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for m in self.members:
            out.setdefault(self.entities[m].group or "", []).append(m)
        return out

    @cached_property
    def _adjacency(self) -> dict[str, list[tuple[str, str, bool]]]:
        adj: dict[str, list[tuple[str, str, bool]]] = {}
        for a, b, r in self.edges:
            adj.setdefault(a, []).append((b, r, True))
        for a, b, r in self.edges:
            adj.setdefault(b, []).append((a, r, False))
        return adj

    def neighbours(self, member: str) -> list[tuple[str, str]]:
        return [(o, r) for o, r, _ in self._adjacency.get(member, ())]

    def outgoing(self, member: str) -> list[tuple[str, str, bool]]:
        """Neighbours with the relation and whether ``member`` is its subject (payer, briber)."""
        return self._adjacency.get(member, [])


class FakerPool:
    """Faker instances reused across the worlds one caller builds, e.g. a calibration worker.

    Building a Faker for a locale costs milliseconds (it loads every provider); seeding one
    costs microseconds. Each country keeps its own instance and every world re-seeds it
    before use, so a world built from a pool is the same, byte for byte, as one built from
    fresh instances. A pool belongs to one caller: never share it between threads.
    """

    def __init__(self) -> None:
        self._fakers: dict[tuple[str, str | None], Faker] = {}

    def get(self, code: str, locale: str | None) -> Faker:
        fk = self._fakers.get((code, locale))
        if fk is None:
            try:
                fk = Faker(locale or "en_US")
            except AttributeError:  # a locale Faker does not ship
                fk = Faker("en_US")
            self._fakers[(code, locale)] = fk
        return fk


def _fakers(scenario: Scenario, rng: random.Random, pool: FakerPool | None) -> dict[str, Faker]:
    pool = pool or FakerPool()
    out = {}
    for c in scenario.countries:
        fk = pool.get(c.code, c.locale)
        fk.seed_instance(rng.getrandbits(32))
        out[c.code] = fk
    return out


# Ages are counted from a fixed date, not today: Faker's date_of_birth() uses the clock,
# which would give the same seed a different world on the second day of a workshop.
BORN_AFTER, BORN_BEFORE = date(1960, 1, 1), date(2005, 1, 1)


def _person(fk: Faker, rng: random.Random, country: str) -> dict[str, Any]:
    dob: date = fk.date_between_dates(BORN_AFTER, BORN_BEFORE)
    return {
        "name": fk.name(),
        "nationality": country,
        "date_of_birth": dob.isoformat(),
        "passport": f"{country}{_digits(rng, 7)}",
    }


def build_world(
    scenario: Scenario, seed: int, shipment_rate: float = 1.0, pool: FakerPool | None = None
) -> World:
    """Give the scenario's network faces, documents and a shipment plan."""
    rng = random.Random(f"{seed}:world")
    fakers = _fakers(scenario, rng, pool)
    raw: list[
        tuple[str, dict[str, Any], str, str | None, str | None]
    ] = []  # type, attrs, country, group, role
    for g in scenario.network.groups:
        for _ in range(g.count):
            fk = fakers[g.country]
            if g.role in COMPANY_ROLES:
                attrs = {
                    "name": f"{fk.last_name()} {rng.choice(['Trading', 'Export', 'Agro', 'Logistics', 'General Supplies'])} Ltd",
                    "registration": f"{g.country}-{_digits(rng, 8)}",
                }
                raw.append(("company", attrs, g.country, g.id, g.role.value))
            else:
                raw.append(("person", _person(fk, rng, g.country), g.country, g.id, g.role.value))
            if g.location:
                raw[-1][1]["location"] = g.location
    countries = [c.code for c in scenario.countries]
    for i in range(scenario.network.decoys):
        country = rng.choice(countries)
        fk = fakers[country]
        if i % 3 == 2:
            attrs = {
                "name": f"{fk.last_name()} {rng.choice(['Holdings', 'Import Export', 'Freight'])} Ltd",
                "registration": f"{country}-{_digits(rng, 8)}",
            }
            raw.append(("company", attrs, country, None, None))
        else:
            raw.append(("person", _person(fk, rng, country), country, None, None))
    order = list(range(len(raw)))
    rng.shuffle(order)  # ids must not betray who is a member
    entities: dict[str, Entity] = {}
    members, decoys = [], []
    phones, accounts = {}, {}
    counters = {"person": 0, "company": 0}
    for i in order:
        typ, attrs, country, group, role = raw[i]
        counters[typ] += 1
        eid = f"{'P' if typ == 'person' else 'C'}{counters[typ]:02d}"
        entities[eid] = Entity(eid, typ, attrs["name"], country, attrs, group, role)
        (members if group else decoys).append(eid)
    for eid in list(entities):
        ent = entities[eid]
        if ent.type == "person":
            pid = f"T{len(phones) + 1:02d}"
            number = f"+{CALLING.get(ent.country, '1')} {_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 3)}"
            entities[pid] = Entity(
                pid, "phone", number, ent.country, {"number": number, "holder": eid}
            )
            phones[eid] = pid
        aid = f"A{len(accounts) + 1:02d}"
        iban = f"{ent.country}{_digits(rng, 2)} {fakers[ent.country].last_name().upper()[:4]} {_digits(rng, 12)}"
        entities[aid] = Entity(aid, "account", iban, ent.country, {"number": iban, "holder": eid})
        accounts[eid] = aid
    members.sort()
    decoys.sort()
    edges = _expand_relations(scenario, entities, members, rng)
    vessels = _vessels(scenario, entities, members, rng, fakers)
    plan = _plan(scenario, entities, members, rng, fakers, shipment_rate)
    return World(scenario, entities, members, decoys, edges, phones, accounts, vessels, plan)


def _expand_relations(
    scenario: Scenario, entities: dict[str, Entity], members: list[str], rng: random.Random
) -> list[tuple[str, str, str]]:
    """Each member of the 'from' group links to one member of the 'to' group (or all, if few)."""
    groups: dict[str, list[str]] = {}
    for m in members:
        groups.setdefault(entities[m].group or "", []).append(m)
    edges = []
    for rel in scenario.network.relations:
        src, dst = groups[rel.from_], groups[rel.to]
        for a in src:
            targets = dst if len(dst) <= 2 else [rng.choice(dst)]
            edges += [(a, b, rel.relation) for b in targets if a != b]
        for b in dst:  # nobody in the target group is left unconnected
            if not any(e[1] == b for e in edges) and src:
                edges.append((rng.choice(src), b, rel.relation))
    return sorted(set(edges))


def _vessel(eid: str, flag: str, rng: random.Random, fk: Faker, operator: str | None) -> Entity:
    six = str(rng.randrange(100000, 999999))
    imo = f"IMO {six}{imo_check_digit(six)}"
    mmsi = f"{MID.get(flag, rng.choice(list(MID.values())))}{_digits(rng, 6)}"
    name = f"{fk.last_name().upper()} {rng.choice(['STAR', 'PEARL', 'FORTUNE', 'NO. 7', 'GLORY', 'BAY', 'SPIRIT'])}"
    attrs = {
        "name": name,
        "flag": flag,
        "imo": imo,
        "mmsi": mmsi,
        "call_sign": f"{flag[0]}{_digits(rng, 4)}",
    }
    if operator:
        attrs["operator"] = operator
    return Entity(eid, "vessel", name, flag, attrs)


def _vessels(
    scenario: Scenario,
    entities: dict[str, Entity],
    members: list[str],
    rng: random.Random,
    fakers: dict[str, Faker],
) -> list[str]:
    fleet = scenario.network.fleet
    out = []
    if fleet is None:
        return out
    operators = [m for m in members if entities[m].group == fleet.operator]
    any_faker = next(iter(fakers.values()))
    for i in range(fleet.count):
        eid = f"V{i + 1:02d}"
        entities[eid] = _vessel(eid, rng.choice(fleet.flags), rng, any_faker, rng.choice(operators))
        out.append(eid)
    return out
