"""What the trainee may use, and the legal frame they work in.

Intelligence sources each have a cost, a delay, an Admiralty reliability, a false-lead
rate, what they can reveal and what they can be aimed at. Resources are the budget (in
analyst-days, say) and inspection teams; the legal assumptions set the offence, its
penalty (for Red Notices), how much graded evidence a warrant needs and how often
surveillance of a controlled delivery is lost.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from engine.fields import Frozen, Probability, ShortText, Slug, Text, Triangular


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
    notice_evidence: Annotated[float, Field(gt=0, le=20)] = Field(
        1.5,
        description=(
            "graded evidence points (1 per A/B report graded 1-2, 0.5 per C/3 report, 0.25 "
            "otherwise, 2 per seizure) a person or company needs before a Green or Silver "
            "Notice (or the matching diffusion) is accepted without a record; an engine "
            "assumption (INTERPOL publishes no number). Above 1, one report alone never "
            "suffices, so a single false lead cannot put an innocent look-alike on a notice"
        ),
    )
    blue_min_identifiers: Annotated[int, Field(ge=1, le=6)] = Field(
        2,
        description=(
            "identifiers (name, date of birth, nationality, passport, phone) a Blue Notice or "
            "a locate diffusion needs on its subject; an engine assumption: fewer than a Red "
            "Notice needs (legal.min_identifiers), since a Blue Notice seeks the rest"
        ),
    )
    notice_review_days: Annotated[float, Field(ge=0, le=30)] = Field(
        2.0,
        description=(
            "days the INTERPOL General Secretariat takes to review a Red, Green or Purple "
            "Notice request before it is published and takes effect (Blue and Silver answer "
            "delays include it); a diffusion, sent by the NCB directly, acts at once. An "
            "engine assumption: INTERPOL publishes no fixed review time; 0 publishes at once"
        ),
    )
