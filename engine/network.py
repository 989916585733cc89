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


# The relations the engine reads (engine.communications): a closed list. Every relation,
# of any name, links the members of its two groups (their calls, the associates
# intelligence reveals, betweenness centrality); these also move money each time a
# shipment leaves. Any other name is a label, shown on the chart, with no rule of its own.
RELATION_EFFECTS = {
    "pays": "the first group pays the second 40 (money units) per unit of each load shipped; "
    "financial intelligence and Silver Notices read these payments",
    "bribes": "the first group pays the second 5 (money units) per unit of each load shipped "
    "(a bribe); financial intelligence and Silver Notices read these payments",
}

COMPANY_ROLES = frozenset({Role.exporter_front})
TRAVELLING_ROLES = frozenset({Role.transporter, Role.courier})


class MemberGroup(Frozen):
    id: Slug
    role: Role
    count: Annotated[int, Field(ge=1, le=20)] = 1
    country: str
    location: str | None = None
    label: ShortText | None = None


class Relation(Frozen):
    """Who deals with whom: each member of the first group is linked to a member of the second."""

    from_: str = Field(alias="from", description="id of the group the relation starts from")
    to: str = Field(description="id of the group it goes to")
    relation: Annotated[str, Field(pattern=r"^[a-z_]{2,30}$")] = Field(
        description="what links them, one word (lowercase, underscores). Only these have an "
        "effect in the engine: "
        + "; ".join(f"{k}: {v}" for k, v in RELATION_EFFECTS.items())
        + ". Any other word (supplies, instructs, sells_to ...) is a label shown on the chart; "
        "every relation links the members for calls, associates and centrality",
        examples=sorted(RELATION_EFFECTS) + ["supplies", "instructs", "sells_to"],
    )


class Fleet(Frozen):
    count: Annotated[int, Field(ge=1, le=10)] = 2
    flags: Annotated[list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]], Field(min_length=1)]
    operator: str = Field(description="member group operating the vessels")


class Network(Frozen):
    groups: Annotated[list[MemberGroup], Field(min_length=2, max_length=30)]
    relations: Annotated[list[Relation], Field(min_length=1, max_length=80)]
    decoys: Annotated[int, Field(ge=0, le=30)] = 6
    fleet: Fleet | None = None
