"""Where the trade runs: countries and their partner agencies, places, routes and legs.

Each country may answer the trainee's requests after a response delay and with some
probability of acting. Places are real (source areas, collection points, border posts,
ports, markets) and routes chain them into legs by road, sea, air or river, each leg
possibly ending at a checkpoint with a base chance of finding a load.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from engine.fields import Frozen, Probability, ShortText, Slug, Triangular, _Triangular


class LocationKind(StrEnum):
    source_area = "source_area"
    collection_point = "collection_point"
    processing_site = "processing_site"
    border_post = "border_post"
    seaport = "seaport"
    airport = "airport"
    landing_site = "landing_site"
    market = "market"
    at_sea = "at_sea"


class Mode(StrEnum):
    road = "road"
    sea = "sea"
    air = "air"
    river = "river"


class Partner(Frozen):
    """How a country's agencies answer the trainee's requests."""

    response_days: Triangular = Field(default_factory=lambda: _Triangular(min=1, mode=2, max=5))
    act_probability: Probability = 0.7
    knowledge: Probability = Field(
        0.3,
        description="share of locally based members this partner already knows; shared at a case meeting",
    )


class Penalties(Frozen):
    """The country's penalty for the scenario's offence, where a court there sentences."""

    max_years: Annotated[float, Field(ge=0, le=100)] = Field(
        description="maximum prison term in years for the scenario's offence in this country"
    )
    max_fine: Annotated[float, Field(ge=0)] | None = Field(
        None, description="maximum fine, in fine_unit (omitted: no fine stated)"
    )
    fine_unit: ShortText = Field("USD", description="currency of max_fine")


class Country(Frozen):
    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    name: ShortText
    locale: str | None = Field(
        None, description="Faker locale for names; omitted when Faker has none"
    )
    interpol_member: bool = True
    partner: Partner = Field(default_factory=Partner)
    extradites_nationals: bool = Field(
        True,
        description="false: this state refuses to extradite its own nationals (a constitutional "
        "or statutory bar in several civil-law states); a national arrested here on a Red Notice "
        "is prosecuted here on the requesting country's request instead (UNTOC art. 16(10))",
    )
    penalties: Penalties | None = Field(
        None,
        description="this country's penalty for the offence; omitted: the scenario's "
        "legal.max_penalty_years applies",
    )


class Location(Frozen):
    id: Slug
    name: ShortText
    country: str
    kind: LocationKind
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class Checkpoint(Frozen):
    detection: Probability = Field(
        description="base chance a routine control finds a shipment here"
    )


class Leg(Frozen):
    from_: str = Field(alias="from")
    to: str
    mode: Mode
    days: Triangular
    checkpoint: Checkpoint | None = Field(None, description="a control at the leg's destination")


class Route(Frozen):
    id: Slug
    name: ShortText
    legs: Annotated[list[Leg], Field(min_length=1, max_length=12)]
