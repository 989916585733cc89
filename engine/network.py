"""The hidden network's shape: who does what, how many, and who deals with whom.

A scenario gives roles and counts per group (four harvesters, two collectors, a broker, a
front company, a corrupt official...) and relations between groups (supplies, pays,
bribes); the world generator turns these into persons and companies with names. A fleet
gives the vessels a fishing or shipping network operates.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from engine.fields import Frozen, Probability, ShortText, Slug


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
    id: Slug = Field(description="the group's id, named by relations, shipments.involves, known_at_start and injects")
    role: Role = Field(description="what its members do: harvester, collector, processor, transporter, courier, broker, exporter_front (a company), financier, corrupt_official or buyer")
    count: Annotated[int, Field(ge=1, le=20, description="number of persons (or companies) in the group, 1–20")] = 1
    country: str = Field(description="ISO code of the country its members live in; must be listed in countries")
    location: str | None = Field(None, description="id of the location they are based at (optional)")
    label: ShortText | None = Field(None, description="a name for the group shown to instructors (optional)")
    corruption: Probability | None = Field(
        None,
        description=(
            "corrupt_official groups only: share (0-1) of routine finds at the official's"
            " post (its location) that each official waves through; omitted: the scenario's"
            " tuning.corruption_share (0.7 by default); 0: the official is harmless at the post"
        ),
    )
    leak: Probability | None = Field(
        None,
        description=(
            "corrupt_official groups only: probability (0-1) that an official tips the"
            " network off about a control a partner agreed to run at its post; omitted: the"
            " scenario's tuning.leak_probability (0.3 by default); 0: never"
        ),
    )

    covers: Annotated[list[str], Field(max_length=20)] = Field(
        default_factory=list,
        description=(
            "corrupt_official groups only: location ids beyond its post (its location) where"
            " the official also waves loads through and learns of planned controls (a"
            " customs superior over several posts, say); omitted: its post only"
        ),
    )

    @model_validator(mode="after")
    def _official_only(self) -> MemberGroup:
        if self.role != Role.corrupt_official:
            for name in ("corruption", "leak", "covers"):
                if getattr(self, name) not in (None, []):
                    raise ValueError(f"'{name}' applies only to a corrupt_official group")
        return self


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
    count: Annotated[int, Field(ge=1, le=10, description="number of vessels the network operates, 1–10")] = 2
    flags: Annotated[list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]], Field(min_length=1, description="ISO codes of the flag states the vessels fly (each vessel draws one; its call sign and MMSI follow the flag)")]
    operator: str = Field(description="member group operating the vessels")


class Network(Frozen):
    groups: Annotated[list[MemberGroup], Field(min_length=2, max_length=30, description="the member groups (2–30)")]
    relations: Annotated[list[Relation], Field(min_length=1, max_length=80, description="who deals with whom (1–80)")]
    decoys: Annotated[int, Field(ge=0, le=30, description="number of innocent look-alike persons (0–30) false leads point at; arresting one is a wrongful arrest (minus 5 points)")] = 6
    fleet: Fleet | None = Field(None, description="the vessels a fishing or shipping network operates (optional)")
