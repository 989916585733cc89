"""Scenarios: what an instructor writes, checked before anyone plays it.

A scenario is the exercise's script. It names the countries and the real places a
commodity moves through, the routes and their checkpoints, the shape of the hidden
network (roles, counts, who talks to and pays whom), how often it ships and how it hides
the goods, how it adapts when the trainee hurts it, what intelligence the trainee can buy,
the partners who may or may not act on a request, the MSEL of injects, and the objectives
the debrief rates P/S/M/U.

The models are frozen pydantic models that forbid unknown fields, so a typo in a file is
a refusal, not a silently ignored key. Cross-field rules (references between sections,
ordered thresholds) live in a model validator. ``engine.loader`` turns every problem into
``file:line: field.path: message``; this module re-exports it so callers import one place.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

MAX_TEXT = 6000
LANGS = ("en", "fr", "es", "ar", "pt")
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Days = Annotated[float, Field(ge=0.0, le=3650.0)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]


def _require_english(value: dict[str, str]) -> dict[str, str]:
    if "en" not in value:
        raise ValueError("an English text ('en') is required")
    return value


Text = Annotated[
    dict[
        Literal["en", "fr", "es", "ar", "pt"],
        Annotated[str, Field(min_length=1, max_length=MAX_TEXT)],
    ],
    AfterValidator(_require_english),
]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


def _scalar_to_range(value: Any) -> Any:
    # An author may write `days: 2` for a fixed value instead of a min/mode/max triple.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"min": value, "mode": value, "max": value}
    return value


class _Triangular(Frozen):
    """A triangular distribution: the author's best guess (mode) within min..max."""

    min: Days
    mode: Days
    max: Days

    @model_validator(mode="after")
    def _ordered(self) -> _Triangular:
        if not self.min <= self.mode <= self.max:
            raise ValueError("needs min <= mode <= max")
        return self


Triangular = Annotated[_Triangular, BeforeValidator(_scalar_to_range)]


class CrimeArea(StrEnum):
    wildlife = "wildlife"
    forestry = "forestry"
    fisheries = "fisheries"
    pollution = "pollution"
    mining = "mining"


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


class Partner(Frozen):
    """How a country's agencies answer the trainee's requests."""

    response_days: Triangular = Field(default_factory=lambda: _Triangular(min=1, mode=2, max=5))
    act_probability: Probability = 0.7
    knowledge: Probability = Field(
        0.3,
        description="share of locally based members this partner already knows; shared at a case meeting",
    )


class Country(Frozen):
    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    name: ShortText
    locale: str | None = Field(
        None, description="Faker locale for names; omitted when Faker has none"
    )
    interpol_member: bool = True
    partner: Partner = Field(default_factory=Partner)


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


class Concealment(Frozen):
    id: Slug
    label: Text
    detection_multiplier: Annotated[float, Field(gt=0, le=5)]


class Shipments(Frozen):
    count: Annotated[int, Field(ge=1, le=60)]
    first_day: Days
    interval_days: Triangular
    quantity: Triangular
    routes: Annotated[list[str], Field(min_length=1)]
    concealments: Annotated[list[str], Field(min_length=1)]
    involves: Annotated[
        list[str], Field(min_length=1, description="groups with one member on each shipment")
    ]
    containerised: bool = True


class Adaptation(Frozen):
    reroute_after_seizure: bool = True
    reroute_delay_days: Days = 3
    lie_low_after_arrest_days: Days = 14
    change_concealment_after_purple: bool = True
    concealment_change_days: Days = 10


class Reveal(StrEnum):
    associates = "associates"
    phones = "phones"
    accounts = "accounts"
    shipments = "shipments"
    location = "location"
    identifiers = "identifiers"
    vessels = "vessels"


class TargetType(StrEnum):
    person = "person"
    company = "company"
    vessel = "vessel"
    location = "location"


class IntelSource(Frozen):
    id: Slug
    label: Text
    cost: Annotated[float, Field(ge=0, le=100)]
    delay_days: Triangular
    reliability: Literal["A", "B", "C", "D", "E", "F"]
    false_lead_rate: Probability
    reveals: Annotated[list[Reveal], Field(min_length=1)]
    targets: Annotated[list[TargetType], Field(min_length=1)]


class Resources(Frozen):
    unit: ShortText = "analyst-days"
    start_budget: Annotated[float, Field(ge=0, le=1000)] = 10
    budget_per_week: Annotated[float, Field(ge=0, le=1000)] = 5
    inspection_teams: Annotated[int, Field(ge=0, le=20)] = 2
    inspection_cost: Annotated[float, Field(ge=0, le=100)] = 1
    case_meeting_cost: Annotated[float, Field(ge=0, le=100)] = 4


class Legal(Frozen):
    """The scenario's legal assumptions; the notice rules read these (see engine.notices)."""

    offence: Text
    max_penalty_years: Annotated[float, Field(ge=0, le=100)]
    warrant_evidence: Annotated[float, Field(gt=0, le=20)] = 2.0
    min_identifiers: Annotated[int, Field(ge=1, le=6)] = 3
    controlled_delivery_loss: Probability = 0.2


class Trigger(StrEnum):
    first_seizure = "first_seizure"
    first_arrest = "first_arrest"
    notice_accepted = "notice_accepted"
    first_departure = "first_departure"
    case_meeting = "case_meeting"


class Contingency(Frozen):
    after_days: Annotated[float, Field(gt=0, le=365)]
    message: Text


ACTION_KINDS = (
    "request_intel",
    "request_warrant",
    "request_notice",
    "inspection",
    "seizure",
    "controlled_delivery",
    "arrest",
    "share_intel",
    "case_meeting",
)


class Inject(Frozen):
    id: Slug
    at_day: Days | None = None
    trigger: Trigger | None = None
    source: ShortText = "NEST coordinator"
    message: Text
    expected_action: Literal[ACTION_KINDS] | None = None  # type: ignore[valid-type]
    objective: str | None = None
    contingency: Contingency | None = None
    reveals: list[str] = Field(
        default_factory=list, description="groups: one member each is named to the trainee"
    )

    @model_validator(mode="after")
    def _time_or_trigger(self) -> Inject:
        if (self.at_day is None) == (self.trigger is None):
            raise ValueError("an inject needs exactly one of at_day or trigger")
        return self


class Measure(StrEnum):
    seized_share = "seized_share"
    disruption = "disruption"
    notices = "notices"
    resources = "resources"
    timeliness = "timeliness"
    key_arrests = "key_arrests"
    network_mapped = "network_mapped"
    case_meeting = "case_meeting"


class Thresholds(Frozen):
    P: Probability
    S: Probability
    M: Probability

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.P >= self.S >= self.M:
            raise ValueError("thresholds need P >= S >= M")
        return self


MODULE_ID = r"^[a-z][a-z0-9-]{1,63}$"


class Objective(Frozen):
    id: Slug
    text: Text
    modules: Annotated[list[Annotated[str, Field(pattern=MODULE_ID)]], Field(min_length=1)]
    measure: Measure
    thresholds: Thresholds


class Scenario(Frozen):
    """One authored exercise. Load it with ``load_scenario``; it never changes afterwards."""

    id: Slug
    version: Annotated[int, Field(ge=1)] = 1
    title: Text
    briefing: Text
    crime_area: CrimeArea
    commodity: Text
    unit: ShortText
    duration_days: Annotated[float, Field(gt=0, le=365)]
    difficulty: Literal["introductory", "intermediate", "advanced"] = "intermediate"
    home_country: str
    countries: Annotated[list[Country], Field(min_length=1, max_length=20)]
    locations: Annotated[list[Location], Field(min_length=2, max_length=60)]
    routes: Annotated[list[Route], Field(min_length=1, max_length=20)]
    network: Network
    concealments: Annotated[list[Concealment], Field(min_length=1, max_length=10)]
    shipments: Shipments
    adaptation: Adaptation = Field(default_factory=Adaptation)
    intel_sources: Annotated[list[IntelSource], Field(min_length=1, max_length=12)]
    resources: Resources = Field(default_factory=Resources)
    legal: Legal
    known_at_start: list[str] = Field(
        default_factory=list, description="groups: one member each is known at the start"
    )
    msel: list[Inject] = Field(default_factory=list, max_length=60)
    objectives: Annotated[list[Objective], Field(min_length=1, max_length=12)]

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Scenario:
        problems = reference_problems(self)
        sink = info.context.get("problems") if isinstance(info.context, dict) else None
        if problems and isinstance(sink, list):
            sink.extend(problems)  # the loader reports each one with its own line
        elif problems:
            raise ValueError("; ".join(f"{'.'.join(map(str, p))}: {m}" for p, m in problems))
        return self

    @property
    def module_ids(self) -> list[str]:
        return sorted({m for o in self.objectives for m in o.modules})

    def text(self, field: dict[str, str], lang: str = "en") -> str:
        return field.get(lang) or field["en"]


Path = tuple[str | int, ...]


def _dupes(items: list[Any], section: str) -> list[tuple[Path, str]]:
    seen: set[str] = set()
    out = []
    for i, item in enumerate(items):
        if item.id in seen:
            out.append(((section, i, "id"), f"duplicate id '{item.id}'"))
        seen.add(item.id)
    return out


def reference_problems(s: Scenario) -> list[tuple[Path, str]]:
    """Every dangling reference or impossible combination, with the path it lives at."""
    out: list[tuple[Path, str]] = []
    countries = {c.code for c in s.countries}
    locations = {loc.id: loc for loc in s.locations}
    groups = {g.id: g for g in s.network.groups}
    routes = {r.id for r in s.routes}
    concealments = {c.id for c in s.concealments}
    objectives = {o.id for o in s.objectives}
    for section, items in (
        ("locations", s.locations),
        ("routes", s.routes),
        ("concealments", s.concealments),
        ("intel_sources", s.intel_sources),
        ("msel", s.msel),
        ("objectives", s.objectives),
    ):
        out += _dupes(items, section)
    out += [
        (("network", "groups", i, "id"), f"duplicate id '{g.id}'")
        for i, g in enumerate(s.network.groups)
        if [x.id for x in s.network.groups].index(g.id) != i
    ]
    if s.home_country not in countries:
        out.append((("home_country",), f"unknown country '{s.home_country}'"))
    if len(countries) != len(s.countries):
        out.append((("countries",), "a country is listed twice"))
    for i, c in enumerate(s.countries):
        if c.locale is not None and not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", c.locale):
            out.append((("countries", i, "locale"), f"'{c.locale}' is not a locale name"))
    for i, loc in enumerate(s.locations):
        if loc.country not in countries:
            out.append((("locations", i, "country"), f"unknown country '{loc.country}'"))
    for r_i, route in enumerate(s.routes):
        for l_i, leg in enumerate(route.legs):
            for key, ref in (("from", leg.from_), ("to", leg.to)):
                if ref not in locations:
                    out.append((("routes", r_i, "legs", l_i, key), f"unknown location '{ref}'"))
            if leg.from_ == leg.to:
                out.append((("routes", r_i, "legs", l_i, "to"), "a leg must go somewhere else"))
            if l_i and route.legs[l_i - 1].to != leg.from_:
                out.append(
                    (
                        ("routes", r_i, "legs", l_i, "from"),
                        f"leg starts at '{leg.from_}' but the previous leg ends at '{route.legs[l_i - 1].to}'",
                    )
                )
        total = sum(leg.days.max for leg in route.legs)
        if total >= s.duration_days:
            out.append(
                (
                    ("routes", r_i, "legs"),
                    f"the route takes up to {total:g} days, longer than the exercise ({s.duration_days:g})",
                )
            )
    for i, g in enumerate(s.network.groups):
        if g.country not in countries:
            out.append((("network", "groups", i, "country"), f"unknown country '{g.country}'"))
        if g.location is not None and g.location not in locations:
            out.append((("network", "groups", i, "location"), f"unknown location '{g.location}'"))
    for i, rel in enumerate(s.network.relations):
        for key, ref in (("from", rel.from_), ("to", rel.to)):
            if ref not in groups:
                out.append((("network", "relations", i, key), f"unknown group '{ref}'"))
    fleet = s.network.fleet
    if fleet is not None:
        if fleet.operator not in groups:
            out.append((("network", "fleet", "operator"), f"unknown group '{fleet.operator}'"))
        for i, flag in enumerate(fleet.flags):
            if not re.fullmatch(r"[A-Z]{2}", flag):
                out.append(
                    (("network", "fleet", "flags", i), f"'{flag}' is not an ISO country code")
                )
    sh = s.shipments
    for key, refs, known in (
        ("routes", sh.routes, routes),
        ("concealments", sh.concealments, concealments),
        ("involves", sh.involves, groups),
    ):
        for i, ref in enumerate(refs):
            if ref not in known:
                out.append(
                    (
                        ("shipments", key, i),
                        f"unknown {key.rstrip('s') if key != 'involves' else 'group'} '{ref}'",
                    )
                )
    if sh.first_day >= s.duration_days:
        out.append(
            (
                ("shipments", "first_day"),
                f"first shipment on day {sh.first_day:g} is after the exercise ends ({s.duration_days:g})",
            )
        )
    if sh.interval_days.max <= 0:
        out.append((("shipments", "interval_days"), "shipments need a positive interval"))
    for i, ref in enumerate(s.known_at_start):
        if ref not in groups:
            out.append((("known_at_start", i), f"unknown group '{ref}'"))
    for i, inj in enumerate(s.msel):
        if inj.at_day is not None and inj.at_day > s.duration_days:
            out.append(
                (
                    ("msel", i, "at_day"),
                    f"day {inj.at_day:g} is after the exercise ends ({s.duration_days:g})",
                )
            )
        if inj.objective is not None and inj.objective not in objectives:
            out.append((("msel", i, "objective"), f"unknown objective '{inj.objective}'"))
        for j, ref in enumerate(inj.reveals):
            if ref not in groups:
                out.append((("msel", i, "reveals", j), f"unknown group '{ref}'"))
    return out


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema editors use to check a scenario file while it is written."""
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://nest-academy.example/scenario.schema.json"
    return schema


from engine.loader import (  # noqa: E402  (re-exported: one import place for callers)
    Problem,
    ScenarioError,
    list_scenarios,
    load_scenario,
    load_scenario_text,
)

__all__ = [
    "Problem",
    "Scenario",
    "ScenarioError",
    "list_scenarios",
    "load_scenario",
    "load_scenario_text",
    "scenario_json_schema",
]
