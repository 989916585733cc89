"""The state of play the simulation keeps: each consignment, and each control requested.

A ``ShipmentState`` follows one planned consignment from its plan to its fate, with what
the debrief needs to say why (``engine.fates``): where it passed and when, which control
found it, where an official waved it through or surveillance was lost, whose arrest kept
it from leaving. A ``ControlRequest`` is an inspection or seizure the trainee asked of a
partner, recorded as it will turn out (the partner's answer is drawn when asked). A
``Tip`` is a corrupt official telling the network of a planned control; a
``DeliveryRequest`` is a controlled delivery put to every state on a load's route.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ControlRequest:
    """An inspection or seizure the trainee asked of a partner (or booked with their own
    national teams), as it will turn out."""

    what: str  # inspection | seizure
    location: str
    shipment: str | None
    country: str
    agreed: bool  # the partner acts (decided when asked, told after its delay)
    start: float  # the window as it will run: from the later of asked start and the answer
    end: float
    home: bool = False  # booked with the asking team's own national teams, not asked of a
    # partner: the debrief says "your national teams did not act", not "Kenya did not act"


@dataclass(frozen=True)
class Tip:
    """A corrupt official told the network of a control planned at its post."""

    location: str
    start: float  # the control's window
    end: float
    official: str
    day: float  # when the network learnt of it


@dataclass
class DeliveryRequest:
    """A controlled delivery of one shipment, put to every state on its route.

    ``answers`` holds each state's answer as it will turn out (drawn when asked, told
    after that state's response delay); the delivery is in force only once every state
    has answered and all agreed (``agreed``).
    """

    shipment: str
    countries: tuple[str, ...]  # every state on the route, in route order
    answers: dict[str, bool]  # country -> agrees
    due: dict[str, float]  # country -> day its answer arrives
    heard: set[str] = field(default_factory=set)  # states whose answer has arrived

    @property
    def complete(self) -> bool:
        return len(self.heard) == len(self.countries)

    @property
    def agreed(self) -> bool:
        """In force: every state answered, and every one agreed."""
        return self.complete and all(self.answers.values())

    @property
    def refused_by(self) -> list[str]:
        return [c for c in self.countries if not self.answers[c]]


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
    tipped_at: str | None = None  # where a tipped-off network held the load back
    tipped_by: str | None = None  # the corrupt official who tipped it off
    cd_denied: str | None = None  # refused | pending | outside: why a find under a
    # controlled-delivery request was seized all the same
    blocked: tuple[str, ...] = ()  # arrested handlers nobody could replace (never sent)
