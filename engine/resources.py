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
    id: Slug = Field(description="the source's id (the trainee picks it on the desk)")
    label: Text = Field(description="the source's name, per language")
    cost: Annotated[float, Field(ge=0, le=100, description="cost of one request in budget units (resources.unit, e.g. analyst-days), 0–100")]
    delay_days: Triangular = Field(description="days before the answer arrives: a number or {min, mode, max} (triangular)")
    reliability: Literal["A", "B", "C", "D", "E", "F"] = Field(description="Admiralty source reliability, A (completely reliable) to F (cannot be judged): weighs the evidence a report gives")
    false_lead_rate: Probability = Field(description="probability (0–1) that an answer points at a decoy instead of a real member")
    reveals: Annotated[list[Reveal], Field(min_length=1, description="what an answer can reveal: associates, phones, accounts, shipments, location, identifiers, vessels")]
    targets: Annotated[list[TargetType], Field(min_length=1, description="what the source can be aimed at: person, company, vessel, location")]


class Resources(Frozen):
    unit: ShortText = Field("analyst-days", description="the name of the budget unit, shown to the trainee (e.g. analyst-days); said in the trainee's language where the catalogs know the word (inbox.unit.<word> in locales/<lang>/inbox.yaml), else as written")
    start_budget: Annotated[float, Field(ge=0, le=1000, description="budget units (resources.unit, e.g. analyst-days) available on day 0, 0–1000")] = 10
    budget_per_week: Annotated[float, Field(ge=0, le=1000, description="budget units (resources.unit, e.g. analyst-days) added every 7 days, 0–1000")] = 5
    inspection_teams: Annotated[int, Field(ge=0, le=20, description="number of inspection teams (0–20); an inspection holds one team")] = 2
    inspection_cost: Annotated[float, Field(ge=0, le=100, description="cost of one inspection in budget units (resources.unit, e.g. analyst-days), 0–100")] = 1
    case_meeting_cost: Annotated[float, Field(ge=0, le=100, description="cost of a regional case meeting in budget units (resources.unit, e.g. analyst-days), 0–100")] = 4


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

    offence: Text = Field(description="the offence as the law names it, per language (quoted in notices and warrants)")
    max_penalty_years: Annotated[float, Field(ge=0, le=100, description="maximum penalty in years, 0–100; a Red Notice needs an offence punishable by at least 2 years (INTERPOL RPD art. 83)")]
    warrant_evidence: Annotated[float, Field(gt=0, le=20, description="evidence points (> 0, at most 20) needed on a person for an arrest warrant; graded reports add points by their grade")] = 2.0
    min_identifiers: Annotated[int, Field(ge=1, le=6, description="number of identifiers (1–6: name, date of birth, passport, phone ...) a notice request needs on its subject")] = 3
    controlled_delivery_loss: Probability = Field(0.2, description="probability (0–1) that surveillance loses a shipment let run under a controlled delivery")
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
            "number of identifiers (name, date of birth, nationality, passport, phone) a Blue Notice or "
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
    court: Court = Field(
        default_factory=lambda: Court(),
        description="how long the prosecution of an arrested member takes (engine.prosecution)",
    )
