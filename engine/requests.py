"""What every trainee request has in common: an answer, a price, a count.

A request is answered with an ``Outcome``: accepted, or refused with a machine-readable
reason code and an English message (and the rule, where one applies). Requests that cost
budget check it first and spend it only once the request is accepted, so a refusal
changes nothing. Repeated requests of the same kind draw fresh random numbers from their
own numbered stream.
"""

from __future__ import annotations

from typing import Any

from engine.messages import entity
from engine.records import KnownEntity, Outcome
from engine.simulation import Simulation

WARRANT_RULE = "Prosecutor: reasonable grounds from graded evidence (threshold: scenario assumption)"
ARREST_RULE = (
    "Arrest: only a person can be arrested; a company is acted on through its shipments"
    " (seizure) and its assets (tracing, freezing, confiscation)"
)


def refuse(code: str, message: str, rule: str | None = None, **params: Any) -> Outcome:
    return Outcome(False, code, message, params, rule)


def ok(code: str, message: str, **params: Any) -> Outcome:
    return Outcome(True, code, message, params, None)


def _n(sim: Simulation, *key: object) -> int:
    k = ":".join(map(str, key))
    sim.counts[k] = sim.counts.get(k, 0) + 1
    return sim.counts[k]


def _pay(sim: Simulation, cost: float) -> Outcome | None:
    """A refusal when the budget cannot pay ``cost``; None when it can (nothing is spent)."""
    if not sim.funds.can_pay(cost):
        return refuse(
            "resources.insufficient",
            f"needs {cost:g} {sim.scenario.resources.unit}, {sim.budget:g} left",
            cost=cost,
            budget=round(sim.budget, 3),
        )
    return None


def _spend(sim: Simulation, cost: float) -> None:
    """Pay ``cost`` from the budget (``engine.budget``: drawn from its SimPy container)."""
    sim.funds.spend(cost)


def _known(sim: Simulation, eid: str, *types: str) -> bool:
    ent = sim.knowledge.entities.get(eid)
    return ent is not None and (not types or ent.type in types)


def not_a_person(ent: KnownEntity) -> Outcome | None:
    """The refusal of an arrest whose target is in the file but is no person (a company, a
    vessel, a shipment); None for a person. The single-player arrest, the action day's
    arrest and a case meeting's arrest target all cite this one rule."""
    if ent.type == "person":
        return None
    return refuse(
        "arrest.not_a_person",
        f"{ent.label} is a {ent.type}, not a person: only a person can be arrested",
        ARREST_RULE,
        **entity("target", ent.id, ent.type, ent.label),
    )
