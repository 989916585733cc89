"""The synthetic world of one exercise: who the traffickers are, and what they ship.

A scenario describes the *shape* of a network (four poachers supply two collectors, a
broker pays an official...); the world gives it faces. From the scenario and the
exercise's seed we generate persons with names from their country's Faker locale where
Faker has one (romanised, ``engine.names``), dates of birth, passports and phones; front
companies with registration numbers; vessels with valid IMO numbers, MMSIs and call signs;
containers with valid ISO 6346 check digits; bank accounts (``engine.identifiers``); and
the shipment plan (when each consignment leaves, how much, who handles it). We also
generate innocent look-alikes ("decoys") that false leads point at, so a trainee cannot
tell a false lead by its shape. Same scenario + seed => same world; and each stochastic
input draws from its own stream (``Streams``), so an author who adds a decoy or a vessel
does not reshuffle the members, their documents or the shipments.
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
    MID,
    _digits,
    bank_account,
    call_sign,
    imo_check_digit,
    iso6346_check_digit,
    phone_number,
)
from engine.names import family_name, person_name
from engine.scenario import COMPANY_ROLES, Scenario
from engine.shipment_plan import PlannedShipment, _plan, scenario_location_country, triangular_at

__all__ = [
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

    def __post_init__(self) -> None:
        # Indexes of the world's structure, made with the world (it never changes after):
        # the simulation reads them from its first events on.
        self._groups: dict[str, list[str]] = {}
        for m in self.members:
            self._groups.setdefault(self.entities[m].group or "", []).append(m)
        self._adjacency: dict[str, list[tuple[str, str, bool]]] = {}
        for a, b, r in self.edges:
            self._adjacency.setdefault(a, []).append((b, r, True))
        for a, b, r in self.edges:
            self._adjacency.setdefault(b, []).append((a, r, False))

    def by_group(self, group: str) -> list[str]:
        return list(self._groups.get(group, ()))

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


def _fakers(
    scenario: Scenario, rng: random.Random, pool: FakerPool | None
) -> dict[str, Faker]:
    """Every country's Faker, seeded from ``rng``: each stream seeds them afresh."""
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
    name, original = person_name(fk)
    dob: date = fk.date_between_dates(BORN_AFTER, BORN_BEFORE)
    attrs = {
        "name": name,
        "nationality": country,
        "date_of_birth": dob.isoformat(),
        "passport": f"{country}{_digits(rng, 7)}",
    }
    if original is not None:
        attrs["name_original"] = original
    return attrs


def _company(fk: Faker, rng: random.Random, country: str, kinds: list[str]) -> dict[str, Any]:
    return {
        "name": f"{family_name(fk)} {rng.choice(kinds)} Ltd",
        "registration": f"{country}-{_digits(rng, 8)}",
    }


MEMBER_FIRMS = ["Trading", "Export", "Agro", "Logistics", "General Supplies"]
DECOY_FIRMS = ["Holdings", "Import Export", "Freight"]
Raw = tuple[str, dict[str, Any], str, str | None, str | None, str]  # + origin key


class Streams:
    """One random stream per stochastic input of the world (ARCHITECTURE, "Seeds are
    data"): each is derived from the seed and its own name, so adding a decoy or a vessel
    leaves the members, their documents and the shipment plan as they were."""

    def __init__(self, seed: int, scenario: Scenario, pool: FakerPool | None) -> None:
        self.seed, self.scenario, self.pool = seed, scenario, pool or FakerPool()

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:world:{name}")

    def fakers(self, name: str) -> tuple[random.Random, dict[str, Faker]]:
        rng = self.rng(name)
        return rng, _fakers(self.scenario, rng, self.pool)


def build_world(
    scenario: Scenario, seed: int, shipment_rate: float = 1.0, pool: FakerPool | None = None
) -> World:
    """Give the scenario's network faces, documents and a shipment plan."""
    streams = Streams(seed, scenario, pool)
    raw: list[Raw] = []  # type, attrs, country, group, role, origin
    rng, fakers = streams.fakers("members")
    for g in scenario.network.groups:
        for n in range(g.count):
            fk = fakers[g.country]
            if g.role in COMPANY_ROLES:
                attrs = _company(fk, rng, g.country, MEMBER_FIRMS)
                raw.append(("company", attrs, g.country, g.id, g.role.value, f"{g.id}:{n}"))
            else:
                attrs = _person(fk, rng, g.country)
                raw.append(("person", attrs, g.country, g.id, g.role.value, f"{g.id}:{n}"))
            if g.location:
                raw[-1][1]["location"] = g.location
    countries = [c.code for c in scenario.countries]
    rng, fakers = streams.fakers("decoys")
    for i in range(scenario.network.decoys):
        country = rng.choice(countries)
        fk = fakers[country]
        if i % 3 == 2:
            attrs = _company(fk, rng, country, DECOY_FIRMS)
            raw.append(("company", attrs, country, None, None, f"decoy:{i}"))
        else:
            raw.append(("person", _person(fk, rng, country), country, None, None, f"decoy:{i}"))
    order = list(range(len(raw)))
    streams.rng("ids").shuffle(order)  # ids must not betray who is a member
    entities: dict[str, Entity] = {}
    members: list[str] = []
    decoys: list[str] = []
    by_origin: dict[str, str] = {}
    counters = {"person": 0, "company": 0}
    for i in order:
        typ, attrs, country, group, role, origin = raw[i]
        counters[typ] += 1
        eid = f"{'P' if typ == 'person' else 'C'}{counters[typ]:02d}"
        entities[eid] = Entity(eid, typ, attrs["name"], country, attrs, group, role)
        (members if group else decoys).append(eid)
        by_origin[origin] = eid
    phones, accounts = _documents(streams, entities, by_origin)
    members.sort()
    decoys.sort()
    # Members in the order the scenario lists them, not by id: ids shift when decoys are
    # added, and a draw over members must fall on the same person whatever their id.
    in_order = [by_origin[r[5]] for r in raw if r[3] is not None]
    edges = _expand_relations(scenario, entities, in_order, streams.rng("relations"))
    vessels = _vessels(scenario, entities, in_order, *streams.fakers("vessels"))
    rng, fakers = streams.fakers("plan")
    plan = _plan(scenario, entities, in_order, rng, fakers, shipment_rate)
    return World(scenario, entities, members, decoys, edges, phones, accounts, vessels, plan)


def _documents(
    streams: Streams, entities: dict[str, Entity], by_origin: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """A phone for each person, an account for each person and company: each entity's
    documents from a stream of its own, so one more decoy changes nobody else's numbers."""
    phones: dict[str, str] = {}
    accounts: dict[str, str] = {}
    origin_of = {eid: origin for origin, eid in by_origin.items()}
    for eid in list(entities):
        ent = entities[eid]
        rng = streams.rng(f"documents:{origin_of[eid]}")
        if ent.type == "person":
            pid = f"T{len(phones) + 1:02d}"
            number = phone_number(ent.country, rng)
            entities[pid] = Entity(
                pid, "phone", number, ent.country, {"number": number, "holder": eid}
            )
            phones[eid] = pid
        aid = f"A{len(accounts) + 1:02d}"
        iban = bank_account(ent.country, rng)
        entities[aid] = Entity(aid, "account", iban, ent.country, {"number": iban, "holder": eid})
        accounts[eid] = aid
    return phones, accounts


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
    mid = MID.get(flag)  # no MID for the flag: no MMSI, rather than another flag's
    mmsi = f"{mid}{_digits(rng, 6)}" if mid is not None else None
    name = f"{family_name(fk).upper()} {rng.choice(['STAR', 'PEARL', 'FORTUNE', 'NO. 7', 'GLORY', 'BAY', 'SPIRIT'])}"
    attrs = {"name": name, "flag": flag, "imo": imo}
    if mmsi is not None:
        attrs["mmsi"] = mmsi
    sign = call_sign(flag, rng)
    if sign is not None:
        attrs["call_sign"] = sign
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
    """The fleet: each vessel's flag, numbers, name and operator from the vessels' stream."""
    fleet = scenario.network.fleet
    out: list[str] = []
    if fleet is None:
        return out
    operators = [m for m in members if entities[m].group == fleet.operator]
    any_faker = next(iter(fakers.values()))
    for i in range(fleet.count):
        eid = f"V{i + 1:02d}"
        entities[eid] = _vessel(eid, rng.choice(fleet.flags), rng, any_faker, rng.choice(operators))
        out.append(eid)
    return out
