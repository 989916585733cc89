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

from engine.fields import Days, Frozen, Probability, ShortText, Slug, Text, Triangular


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


class Court(Frozen):
    """How long justice takes after an arrest, in simulated days (engine.prosecution).

    Real proceedings take months or years; an exercise of 60-90 days compresses them. The
    defaults are scenario assumptions, not any country's law: a case may still be
    pending when the exercise ends, and the debrief says so.
    """

    charge_days: Days = Field(
        7,
        description="days from an arrest (or a surrender) to the prosecutor's charging decision",
    )
    trial_days: Days = Field(
        30, description="days from the charge to the verdict"
    )
    extradition_days: Days = Field(
        21,
        description="days to surrender a person arrested abroad on a Red Notice to the "
        "requesting (home) country before it can charge them",
    )
    transfer_days: Days = Field(
        35,
        description="days for a country that does not extradite its own national to take up "
        "the case on a request to prosecute (aut dedere aut judicare), before its charging "
        "decision; longer than an extradition because the file must be translated and re-read",
    )
    search_warrant_inland: bool = Field(
        False,
        description="true: a targeted inspection or seizure away from a border post, seaport or "
        "airport needs a warrant on one of the shipment's handlers issued before the seizure; "
        "without it the seizure is excluded as evidence (chain of custody broken). Customs' "
        "border-search powers need none at frontiers",
    )


class Legal(Frozen):
    """The scenario's legal assumptions; the notice rules read these (see engine.notices)."""

    offence: Text
    max_penalty_years: Annotated[float, Field(ge=0, le=100)]
    warrant_evidence: Annotated[float, Field(gt=0, le=20)] = 2.0
    min_identifiers: Annotated[int, Field(ge=1, le=6)] = 3
    controlled_delivery_loss: Probability = 0.2
    court: Court = Field(
        default_factory=lambda: Court(),
        description="how long the prosecution of an arrested member takes (engine.prosecution)",
    )
