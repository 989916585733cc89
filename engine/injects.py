"""The MSEL's entries: messages that arrive on a day or when something first happens.

An inject carries a message, the action it expects from the trainee and the objective it
serves; a contingency steers play back when that action has not come in time. Injects may
also name one member of some groups, as a tip-off would.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from engine.fields import Days, Frozen, ShortText, Slug, Text


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
