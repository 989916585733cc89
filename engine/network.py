"""The hidden network's shape: who does what, how many, and who deals with whom.

A scenario gives roles and counts per group (four harvesters, two collectors, a broker, a
front company, a corrupt official...) and relations between groups (supplies, pays,
bribes); the world generator turns these into persons and companies with names. A fleet
gives the vessels a fishing or shipping network operates.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from engine.fields import Frozen, ShortText, Slug


class Role(StrEnum):
    harvester = "harvester"
    collector = "collector"
    processor = "processor"
    transporter = "transporter"
    courier = "courier"
    broker = "broker"
    exporter_front = "exporter_front"
    financier = "financier"
    corrupt_official = "corrupt_official"
    buyer = "buyer"


COMPANY_ROLES = frozenset({Role.exporter_front})
TRAVELLING_ROLES = frozenset({Role.transporter, Role.courier})


class MemberGroup(Frozen):
    id: Slug
    role: Role
    count: Annotated[int, Field(ge=1, le=20)] = 1
    country: str
    location: str | None = None
    label: ShortText | None = None


# Relations that move money unless the scenario says otherwise (``Relation.money``), and the
# payment per unit of commodity shipped (an engine assumption; pays and bribes as before).
MONEY_RATES: dict[str, float] = {
    "pays": 40.0,
    "bribes": 5.0,
    "finances": 40.0,
    "funds": 40.0,
    "invests_in": 40.0,
    "lends_to": 20.0,
    "launders_for": 20.0,
}
DEFAULT_MONEY_RATE = 20.0  # a relation marked ``money: true`` whose name has no rate above


class Relation(Frozen):
    from_: str = Field(alias="from")
    to: str
    relation: Annotated[str, Field(pattern=r"^[a-z_]{2,30}$")]
    money: bool | Annotated[float, Field(ge=0, le=100000)] | None = Field(
        None,
        description="whether money moves along the relation, from the 'from' member to the "
        "'to' member, each time a shipment leaves: true, false, or the amount (USD per unit "
        "of commodity shipped). Omitted: money moves for pays (40), bribes (5), finances, "
        "funds, invests_in (40), lends_to, launders_for (20) and no other name. Phone, "
        "financial intelligence, FIU reports and asset tracing follow these payments",
    )

    @property
    def money_rate(self) -> float:
        """USD paid per unit shipped along this relation (0: no money moves)."""
        if self.money is None:
            return MONEY_RATES.get(self.relation, 0.0)
        if isinstance(self.money, bool):
            return MONEY_RATES.get(self.relation, DEFAULT_MONEY_RATE) if self.money else 0.0
        return float(self.money)


class Fleet(Frozen):
    count: Annotated[int, Field(ge=1, le=10)] = 2
    flags: Annotated[list[str], Field(min_length=1)]
    operator: str = Field(description="member group operating the vessels")


class Network(Frozen):
    groups: Annotated[list[MemberGroup], Field(min_length=2, max_length=30)]
    relations: Annotated[list[Relation], Field(min_length=1, max_length=80)]
    decoys: Annotated[int, Field(ge=0, le=30)] = 6
    fleet: Fleet | None = None
