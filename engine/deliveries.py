"""Controlled deliveries: which states must agree, and the load that runs on to its buyer.

A controlled delivery lets a detected load run on under surveillance so that the receiving
end can be identified. Across borders it rests on the consent of every state concerned:
the 1988 UN Convention against Illicit Traffic in Narcotic Drugs and Psychotropic
Substances, art. 11 (controlled delivery "on the basis of agreements or arrangements
mutually consented to", decided "on a case-by-case basis") and the UN Convention against
Transnational Organized Crime, art. 20 (at the international level "with the consent of
the States Parties concerned"). The engine asks every state on the load's route as the
case file holds it (origin, transit and destination: a control may find it anywhere on the
way), each after its own response delay; the trainee's own state, which asks, agrees at
once (an engine assumption). The request itself is
``engine.interventions.controlled_delivery``. Where a load is found, the delivery holds
only if every state asked agreed and the load is in, and bound only through, states that
did; otherwise it is seized like any other find, and the debrief says why
(``cd_why_not``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine import messages as M
from engine.intel import person_attrs

if TYPE_CHECKING:
    from engine.simulation import ShipmentState, Simulation


def route_states(sim: Simulation, shipment: str) -> tuple[str, ...]:
    """Every state on a load's route as the case file holds it (origin, transit and
    destination, in order): a find may come at any control on it, so each one must agree
    to a controlled delivery."""
    known = sim.knowledge.entities.get(shipment)
    route = known.attributes.get("route") if known is not None else None
    if not isinstance(route, list) or not route:
        route = sim.phantoms.get(shipment, {}).get("route") or sim.describe_route(shipment)
    return tuple(dict.fromkeys(sim.locs[x].country for x in route if x in sim.locs))


def _ahead(sim: Simulation, ship: ShipmentState) -> set[str]:
    """The states of the place a load is at and of every place still ahead of it."""
    route = sim.describe_route(ship.id)
    return {sim.locs[x].country for x in route[len(ship.passed):]}


def cd_cleared(sim: Simulation, ship: ShipmentState) -> bool:
    """A controlled delivery is in force for this load here: every state asked agreed, and
    the load is found in, and bound only through, states that did (a rerouted load may not
    run through a state that was never asked)."""
    req = sim.cd_asked.get(ship.id)
    if ship.id not in sim.cd_requests or req is None:
        return False
    return _ahead(sim, ship) <= {c for c in req.countries if req.answers[c]}


def cd_why_not(sim: Simulation, ship: ShipmentState) -> str:
    """Why a load under a controlled-delivery request was seized when found."""
    req = sim.cd_asked[ship.id]
    if not req.complete:
        return "pending"
    return "outside" if req.agreed else "refused"


def delivered_under_surveillance(
    sim: Simulation, ship: ShipmentState, handlers: dict[str, str]
) -> None:
    t, k, w = sim.env.now, sim.knowledge, sim.world
    dest = sim.locs[ship.where or ""]
    if sim.draw("cd", ship.id) < sim.scenario.legal.controlled_delivery_loss:
        ship.status, ship.lost_at = "missed", ship.where
        k.item(
            t,
            M.sender("ncb", country=dest.country),
            "B2",
            "partner.cd_lost",
            {"shipment": ship.id, **sim.place("place", dest.id)},
            "partner",
        )
        return
    ship.status = "controlled_delivery"
    names = []
    for m in handlers.values():
        e = w.entities[m]
        k.learn(
            m,
            e.type,
            e.label,
            person_attrs(e, ("name", "date_of_birth", "nationality", "passport")),
            t,
            f"NCB {dest.country}",
            "A1",
        )
        k.link(
            m,
            ship.id,
            "receives" if e.role == "buyer" else "handles",
            t,
            f"NCB {dest.country}",
            "A1",
        )
        k.evidence[m] = k.evidence.get(m, 0.0) + 2.0
        names.append(e.label)
        if e.role == "buyer" and m not in sim.arrested:
            sim.arrest(m, M.message("arrest.receiving", shipment=ship.id), announce=False)
            sim.credit[m] = sim.credit.get(ship.id, sim.acting)  # the delivery's asker's
    k.item(
        t,
        M.sender("ncb", country=dest.country),
        "A1",
        "partner.cd_done",
        {
            "shipment": ship.id,
            **sim.place("place", dest.id),
            "quantity": ship.quantity,
            "unit": sim.scenario.unit,
            **names_said(names),
        },
        "partner",
    )
    sim.emit("first_seizure")


def names_said(names: list[str]) -> dict[str, Any]:
    """The people named in a report, or the word "nobody"."""
    if names:
        return {"names": ", ".join(names)}
    return M.nested("names", M.message("word.nobody"))
