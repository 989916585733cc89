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
