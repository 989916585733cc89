"""What the debrief rates: objectives, each tied to a measure and P/S/M/U thresholds.

Each objective names the curriculum modules it serves and the measure (share of the flow
seized, network disruption, notices, resources, timeliness, ...) whose value is rated
Performed, Some challenges, Major challenges or Unable to be performed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from engine.fields import Frozen, Probability, Slug, Text


class Measure(StrEnum):
    """What an objective rates (engine.scoring computes each, 0..1)."""

    seized_share = "seized_share"  # seized or delivered under control (not prevented)
    prevented_share = "prevented_share"  # never left because arrests stopped it
    interdicted_share = "interdicted_share"  # seized, delivered under control or prevented
    convictions_leaders = "convictions_leaders"  # organisers and financiers convicted
    disruption = "disruption"
    notices = "notices"
    resources = "resources"
    timeliness = "timeliness"
    key_arrests = "key_arrests"
    network_mapped = "network_mapped"
    case_meeting = "case_meeting"


class Thresholds(Frozen):
    P: Probability = Field(description="measure value (0–1) at or above which the objective is rated P (performed)")
    S: Probability = Field(description="measure value (0–1) at or above which it is rated S (some challenges); below M it is U")
    M: Probability = Field(description="measure value (0–1) at or above which it is rated M (major challenges); below it, U (unable)")

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.P >= self.S >= self.M:
            raise ValueError("thresholds need P >= S >= M")
        return self


MODULE_ID = r"^[a-z][a-z0-9-]{1,63}$"


class Objective(Frozen):
    id: Slug = Field(description="the objective's id, named by injects")
    text: Text = Field(description="the objective as the debrief states it, per language")
    modules: Annotated[list[Annotated[str, Field(pattern=MODULE_ID)]], Field(min_length=1, description="ids of the curriculum modules the objective serves (curriculum/en/<id>.md); checked against the curriculum when it is there")]
    measure: Measure = Field(description="the measure (0–1) rated: seized_share, disruption, notices, resources, timeliness, key_arrests, network_mapped or case_meeting (see the guide)")
    thresholds: Thresholds = Field(description="the P, S and M cut-offs on the measure, with P >= S >= M")
