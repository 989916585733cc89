"""The state of play the simulation keeps: each consignment, and each control requested.

A ``ShipmentState`` follows one planned consignment from its plan to its fate, with what
the debrief needs to say why (``engine.fates``): where it passed and when, which control
found it, where an official waved it through or surveillance was lost, whose arrest kept
it from leaving. A ``ControlRequest`` is an inspection or seizure the trainee asked of a
partner, recorded as it will turn out (the partner's answer is drawn when asked).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ControlRequest:
    """An inspection or seizure the trainee asked of a partner, as it will turn out."""

    what: str  # inspection | seizure
    location: str
    shipment: str | None
    country: str
    agreed: bool  # the partner acts (decided when asked, told after its delay)
    start: float  # the window as it will run: from the later of asked start and the answer
    end: float


@dataclass
class ShipmentState:
    id: str
    quantity: float
    plan_index: int
    route: str | None = None
    concealment: str | None = None
    status: str = (
        "planned"  # planned | in_transit | seized | missed | controlled_delivery | prevented
    )
    depart_day: float | None = None
    fate_day: float | None = None
    where: str | None = None
    surveillance: bool = False
    handlers: dict[str, str] = field(default_factory=dict)
    phantom: bool = False
    # what the debrief says of its fate, and why (``engine.fates``)
    passed: list[tuple[str, float]] = field(default_factory=list)  # (location, day) per leg
    found_by: str | None = None  # routine | inspection | seizure: the control that found it
    bribed_at: str | None = None  # where a corrupt official waved through a load found
    lost_at: str | None = None  # where surveillance of a controlled delivery was lost
    blocked: tuple[str, ...] = ()  # arrested handlers nobody could replace (never sent)
