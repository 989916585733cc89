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

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, model_validator

from engine.assets import Finance
from engine.fields import (
    LANGS,
    MAX_TEXT,
    Days,
    Frozen,
    Probability,
    ShortText,
    Slug,
    Text,
    Triangular,
)
from engine.geography import Checkpoint, Country, Leg, Location, LocationKind, Mode, Partner, Route
from engine.injects import ACTION_KINDS, Contingency, Inject, Trigger
from engine.laboratory import Forensics
from engine.network import (
    COMPANY_ROLES,
    TRAVELLING_ROLES,
    Fleet,
    MemberGroup,
    Network,
    Relation,
    Role,
)
from engine.objectives import MODULE_ID, Measure, Objective, Thresholds
from engine.references import reference_problems
from engine.resources import IntelSource, Legal, Resources, Reveal, TargetType
from engine.shipments import Adaptation, Concealment, Shipments
from engine.tuning import Tuning


class CrimeArea(StrEnum):
    wildlife = "wildlife"
    forestry = "forestry"
    fisheries = "fisheries"
    pollution = "pollution"
    mining = "mining"


class Scenario(Frozen):
    """One authored exercise. Load it with ``load_scenario``; it never changes afterwards."""

    id: Slug = Field(description="the scenario's id: lowercase letters, digits and hyphens; the file is best named <id>.yaml (python -m engine run <id> finds it)")
    version: Annotated[int, Field(ge=1, description="whole number ≥ 1, raised by the author when the scenario changes; shown in the studio (stored texts are versioned by their content anyway)")] = 1
    title: Text = Field(description="the scenario's name, per language (en required)")
    briefing: Text = Field(description="what the trainee reads before starting, per language (en required); Markdown shown as plain text")
    crime_area: CrimeArea = Field(description="the crime area: picks the curriculum and chart colours; one of wildlife, forestry, fisheries, pollution, mining")
    commodity: Text = Field(description="what the network moves, per language (e.g. raw ivory); named in messages about seizures")
    unit: ShortText = Field(description="the commodity's unit of quantity (e.g. kg, m3, t); shipments.quantity is counted in it")
    duration_days: Annotated[float, Field(gt=0, le=365, description="length of the exercise in days (> 0, at most 365): the clock stops there and the debrief opens")]
    difficulty: Literal["introductory", "intermediate", "advanced"] = Field("intermediate", description="shown to instructors and trainees when choosing a scenario; no effect on the rules")
    home_country: str = Field(description="ISO code of the trainee's country (their NEST); must be listed in countries")
    countries: Annotated[list[Country], Field(min_length=1, max_length=20, description="the countries involved (1–20), each with its partner agencies' behaviour")]
    locations: Annotated[list[Location], Field(min_length=2, max_length=60, description="the real places the trade runs through (2–60)")]
    routes: Annotated[list[Route], Field(min_length=1, max_length=20, description="the routes shipments take (1–20), each a chain of legs")]
    network: Network = Field(description="the hidden network: member groups, their relations, decoys and fleet")
    concealments: Annotated[list[Concealment], Field(min_length=1, max_length=10, description="how the network hides the goods (1–10), each with a detection multiplier")]
    shipments: Shipments = Field(description="the shipping schedule: how many, from which day, how often, how much, by which routes")
    adaptation: Adaptation = Field(default_factory=Adaptation, description="how the network reacts when the trainee hurts it (defaults apply when omitted)")
    intel_sources: Annotated[list[IntelSource], Field(min_length=1, max_length=12, description="the intelligence the trainee can request (1–12): cost, delay, reliability, false leads")]
    resources: Resources = Field(default_factory=Resources, description="the trainee's budget and inspection teams (defaults apply when omitted)")
    legal: Legal = Field(description="the legal assumptions the rules read: offence, penalty, evidence thresholds")
    forensics: Forensics = Field(
        default_factory=Forensics,
        description="the forensic laboratory's menu and the Operational Support Team "
        "(engine/laboratory.py); omitted: the crime area's default analyses",
    )
    finance: Finance = Field(
        default_factory=Finance,
        description="FIU requests, asset tracing, freezing and confiscation (engine/assets.py)",
    )
    known_at_start: list[str] = Field(
        default_factory=list, description="groups: one member each is known at the start"
    )
    msel: list[Inject] = Field(default_factory=list, max_length=60, description="the Master Scenario Events List: injects (messages) on a day or on a trigger, at most 60")
    objectives: Annotated[list[Objective], Field(min_length=1, max_length=12, description="what the debrief rates P/S/M/U (1–12), each on one measure with thresholds")]
    tuning: Tuning = Field(
        default_factory=Tuning,
        description=(
            "optional engine assumptions (detection boosts, control success, corruption,"
            " leaks, trust); every field defaults to the engine's own value"
        ),
    )

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Scenario:
        context = info.context if isinstance(info.context, dict) else {}
        problems = reference_problems(self, context.get("modules"))
        sink = context.get("problems")
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


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema editors use to check a scenario file while it is written."""
    from engine.json_schema import refine

    schema = refine(Scenario.model_json_schema(by_alias=True))
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
    "ACTION_KINDS",
    "Adaptation",
    "COMPANY_ROLES",
    "Checkpoint",
    "Concealment",
    "Contingency",
    "Country",
    "CrimeArea",
    "Days",
    "Fleet",
    "Frozen",
    "Inject",
    "IntelSource",
    "LANGS",
    "Leg",
    "Legal",
    "Location",
    "LocationKind",
    "MAX_TEXT",
    "MODULE_ID",
    "Measure",
    "MemberGroup",
    "Mode",
    "Network",
    "Objective",
    "Partner",
    "Probability",
    "Problem",
    "Relation",
    "Resources",
    "Reveal",
    "Role",
    "Route",
    "Scenario",
    "ScenarioError",
    "Shipments",
    "ShortText",
    "Slug",
    "TRAVELLING_ROLES",
    "TargetType",
    "Text",
    "Thresholds",
    "Triangular",
    "Trigger",
    "Tuning",
    "list_scenarios",
    "load_scenario",
    "load_scenario_text",
    "reference_problems",
    "scenario_json_schema",
]
