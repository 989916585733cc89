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
# Who organises and finances the trade: their conviction is what dismantles a network
# (DOMAIN.md: removing brokers and financiers hurts it far more than arresting couriers).
LEADING_ROLES = frozenset({Role.broker, Role.financier})


class MemberGroup(Frozen):
    id: Slug
    role: Role
    count: Annotated[int, Field(ge=1, le=20)] = 1
    country: str
    location: str | None = None
    label: ShortText | None = None


class Relation(Frozen):
    from_: str = Field(alias="from")
    to: str
    relation: Annotated[str, Field(pattern=r"^[a-z_]{2,30}$")]


class Fleet(Frozen):
    count: Annotated[int, Field(ge=1, le=10)] = 2
    flags: Annotated[list[str], Field(min_length=1)]
    operator: str = Field(description="member group operating the vessels")


class Network(Frozen):
    groups: Annotated[list[MemberGroup], Field(min_length=2, max_length=30)]
    relations: Annotated[list[Relation], Field(min_length=1, max_length=80)]
    decoys: Annotated[int, Field(ge=0, le=30)] = 6
    fleet: Fleet | None = None
