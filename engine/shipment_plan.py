"""The shipment plan: when each consignment leaves, how much, who handles it.

Drawn once per world from the scenario's schedule: departure days spaced by the
triangular interval (compressed by the instructor's shipment-rate override), a quantity,
one handler per involved group, a container number and the vehicle plate. Every random
number a shipment will need on the way — leg durations, checkpoint draws, the chance of a
route or concealment change — is drawn here too (common random numbers), so the trainee's
actions can change what happens to a shipment but never reshuffle the world.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from faker import Faker

from engine.identifiers import _digits, iso6346_check_digit
from engine.scenario import Scenario

if TYPE_CHECKING:
    from engine.world import Entity


@dataclass(frozen=True)
class PlannedShipment:
    id: str
    index: int
    depart_day: float
    quantity: float
    handlers: dict[str, str]  # group id -> member id
    container: str | None
    plate: str
    leg_days: tuple[float, ...]  # one draw per leg of the longest route; reused on any route
    detect_u: tuple[float, ...]  # common random numbers for checkpoint draws, one per leg
    route_u: float
    concealment_u: float


def _triangular(rng: random.Random, d: Any) -> float:
    return d.min if d.min == d.max else rng.triangular(d.min, d.max, d.mode)


def triangular_at(u: float, d: Any) -> float:
    """Inverse CDF of a triangular distribution: turns a pre-drawn uniform into a duration."""
    lo, mode, hi = d.min, d.mode, d.max
    if hi == lo:
        return lo
    cut = (mode - lo) / (hi - lo)
    if u < cut:
        return lo + ((hi - lo) * (mode - lo) * u) ** 0.5
    return hi - ((hi - lo) * (hi - mode) * (1 - u)) ** 0.5


def _plan(
    scenario: Scenario,
    entities: dict[str, Entity],
    members: list[str],
    rng: random.Random,
    fakers: dict[str, Faker],
    rate: float,
) -> list[PlannedShipment]:
    sh = scenario.shipments
    legs = max(len(r.legs) for r in scenario.routes)
    route_by_id = {r.id: r for r in scenario.routes}
    owners = ["MSK", "CSQ", "TGH", "NYK", "EMC", "ZIM", "HLX", "OOL", "APZ", "KKF"]
    plan, day = [], sh.first_day
    # Shipment ids look random so that a trainee cannot count them, nor spot a phantom one.
    ids = [f"S{n}" for n in rng.sample(range(100, 1000), sh.count)]
    for i in range(sh.count):
        handlers = {
            g: rng.choice([m for m in members if entities[m].group == g]) for g in sh.involves
        }
        ten = f"{rng.choice(owners)}U{_digits(rng, 6)}"
        container = f"{ten}{iso6346_check_digit(ten)}" if sh.containerised else None
        first_leg_country = scenario_location_country(
            scenario, route_by_id[sh.routes[0]].legs[0].from_
        )
        plate = fakers[first_leg_country].license_plate()
        plan.append(
            PlannedShipment(
                id=ids[i],
                index=i,
                depart_day=round(day, 3),
                quantity=round(_triangular(rng, sh.quantity)),
                handlers=handlers,
                container=container,
                plate=plate,
                leg_days=tuple(rng.random() for _ in range(legs)),
                detect_u=tuple(rng.random() for _ in range(legs)),
                route_u=rng.random(),
                concealment_u=rng.random(),
            )
        )
        day += _triangular(rng, sh.interval_days) / max(rate, 0.05)
    return plan


def scenario_location_country(scenario: Scenario, location_id: str) -> str:
    return next(loc.country for loc in scenario.locations if loc.id == location_id)
