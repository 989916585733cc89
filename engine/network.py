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

RELATION_EFFECTS = {
    name: f"the first group pays the second {rate:g} (USD) per unit of each load shipped"
    + ("; a bribe" if name == "bribes" else "")
    + "; financial intelligence, FIU reports, asset tracing and Silver Notices read these payments"
    for name, rate in MONEY_RATES.items()
}

COMPANY_ROLES = frozenset({Role.exporter_front})
TRAVELLING_ROLES = frozenset({Role.transporter, Role.courier})
# Who organises and finances the trade: their conviction is what dismantles a network
# (DOMAIN.md: removing brokers and financiers hurts it far more than arresting couriers).
LEADING_ROLES = frozenset({Role.broker, Role.financier})


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


# Relations that move money unless the scenario says otherwise (``Relation.money``), and the
# payment per unit of commodity shipped (an engine assumption; pays and bribes as before).


class Relation(Frozen):
    """Who deals with whom: each member of the first group is linked to a member of the second."""

    from_: str = Field(alias="from", description="id of the group the relation starts from")
    to: str = Field(description="id of the group it goes to")
    relation: Annotated[str, Field(pattern=r"^[a-z_]{2,30}$")] = Field(
        description="what links them, one word (lowercase, underscores). Only these have an "
        "effect in the engine: "
        + "; ".join(f"{k}: {v}" for k, v in RELATION_EFFECTS.items())
        + ". Any other word (supplies, instructs, sells_to ...) is a label shown on the chart "
        "(unless marked money: true); "
        "every relation links the members for calls, associates and centrality",
        examples=sorted(RELATION_EFFECTS) + ["supplies", "instructs", "sells_to"],
    )
    money: bool | Annotated[float, Field(ge=0, le=100000)] | None = Field(
        None,
        description="whether money moves along the relation (a rate: money units per unit shipped), from the 'from' member to the "
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
    count: Annotated[int, Field(ge=1, le=10, description="number of vessels the network operates, 1–10")] = 2
    flags: Annotated[list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]], Field(min_length=1, description="ISO codes of the flag states the vessels fly (each vessel draws one; its call sign and MMSI follow the flag)")]
    operator: str = Field(description="member group operating the vessels")


class Network(Frozen):
    groups: Annotated[list[MemberGroup], Field(min_length=2, max_length=30, description="the member groups (2–30)")]
    relations: Annotated[list[Relation], Field(min_length=1, max_length=80, description="who deals with whom (1–80)")]
    decoys: Annotated[int, Field(ge=0, le=30, description="number of innocent look-alike persons (0–30) false leads point at; arresting one is a wrongful arrest (minus 5 points)")] = 6
    fleet: Fleet | None = Field(None, description="the vessels a fishing or shipping network operates (optional)")
