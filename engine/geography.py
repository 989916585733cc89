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

from engine.fields import Frozen, Probability, ShortText, Slug, Text, Triangular, _Triangular


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

    response_days: Triangular = Field(default_factory=lambda: _Triangular(min=1, mode=2, max=5), description="days a partner takes to answer a request: a number or {min, mode, max} (triangular)")
    act_probability: Probability = Field(0.7, description="probability (0–1) that the partner acts on a request (inspection, arrest, notice support); trust earned in play adds to it")
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
        None, description="maximum fine, in money units of fine_unit (omitted: no fine stated)"
    )
    fine_unit: ShortText = Field("USD", description="currency of max_fine")


class Country(Frozen):
    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code in capitals, e.g. KE; the id other sections use for this country")]
    name: ShortText = Field(
        description="the author's label for the country, in this file; trainees read the"
        " country's standard name in their language, from its code"
    )
    locale: Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")] | None = Field(
        None, description="Faker locale for names; omitted when Faker has none"
    )
    interpol_member: bool = Field(
        True,
        description=(
            "whether the country is an INTERPOL member with a National Central Bureau; false: "
            "no notice or diffusion takes effect there (no border alerts, no arrest on a Red "
            "Notice, no answer to a Blue Notice, no detection boost), a diffusion cannot be "
            "addressed to it and a Red or Blue Notice on a person believed there is refused"
        ),
    )
    partner: Partner = Field(default_factory=Partner, description="how this country's agencies answer the trainee's requests (defaults apply when omitted)")
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
    id: Slug = Field(description="the place's id, used by routes' legs and groups")
    name: ShortText | Text = Field(
        description="the place's real name, shown on the map and in messages: one name "
        "(every language shows it), or per language like title ({en: ..., fr: ...}; en "
        "required, a language left out shows the English)"
    )
    country: str = Field(description="ISO code of the country it is in; must be listed in countries")
    kind: LocationKind = Field(description="what kind of place it is (source area, border post, seaport ...): its map symbol")
    lat: Annotated[float, Field(ge=-90, le=90, description="latitude in decimal degrees (-90 to 90), for the map")]
    lon: Annotated[float, Field(ge=-180, le=180, description="longitude in decimal degrees (-180 to 180), for the map")]

    @property
    def names(self) -> dict[str, str]:
        """The place's name per language as written (``{"en": name}`` for one name)."""
        if isinstance(self.name, str):
            return {"en": self.name}
        return {lang: text for lang, text in self.name.items()}  # noqa: C416 - typed as str keys

    @property
    def name_en(self) -> str:
        """The English name (the one name, when the author wrote one)."""
        return self.name if isinstance(self.name, str) else self.name["en"]

    def name_in(self, lang: str) -> str:
        """The place's name in ``lang``; the English one when it has none in that language."""
        return self.name if isinstance(self.name, str) else self.names.get(lang) or self.name_en


class Checkpoint(Frozen):
    detection: Probability = Field(
        description="probability (0–1) that a routine control here finds a passing shipment, before its concealment multiplier and the trainee's targeting"
    )


class Leg(Frozen):
    from_: str = Field(alias="from", description="id of the location the leg starts at: where the previous leg ended")
    to: str = Field(description="id of the location the leg goes to")
    mode: Mode = Field(description="road, sea, air or river: how the goods travel on this leg (messages, the map)")
    days: Triangular = Field(description="days the leg takes: a number or {min, mode, max} (triangular)")
    checkpoint: Checkpoint | None = Field(None, description="a control at the leg's destination")


class Route(Frozen):
    id: Slug = Field(description="the route's id, named in shipments.routes")
    name: ShortText = Field(description="the route's name, shown on the map and in messages")
    legs: Annotated[list[Leg], Field(min_length=1, max_length=12, description="the route's legs in order (1–12); their max days added up must be shorter than the exercise")]
