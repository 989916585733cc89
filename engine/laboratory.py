"""What a forensic laboratory can do for the case, as the scenario says (section ``forensics``).

Seized goods are sent to a laboratory, seized phones to a digital forensics unit. Each
analysis on the menu examines one kind of item (``goods``: a seizure the trainee holds;
``phone``: the phone of a person in custody), costs budget, takes a triangular number of
days and links what it can: the goods' identity to the charge, one seizure to another
(the same population or consignment chain), the load to its source, a phone to its
holder's contacts and to the consignments its messages discuss.

What a laboratory can do depends on the commodity, so it is content: a scenario may list
its own analyses; without a list the engine offers the defaults of the scenario's crime
area, read from ``engine/laboratory.yaml`` (each names the published method it follows:
e.g. the UNODC/ICCWC ivory sampling guidelines, UNODC's Best Practice Guide for Forensic
Timber Identification, DNA barcoding of fish, NIST SP 800-101 for phones).

An INTERPOL Operational Support Team (``support_team``) may be requested: specialists
deployed at the country's request, who for a while speed results and strengthen them.
This is a simplification of INTERPOL's Incident Response Teams and operational support
deployments: one team, one cost, one deployment delay and one period on the ground.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field, TypeAdapter, model_validator

from engine.fields import Frozen, ShortText, Slug, Text, Triangular, _Triangular

DEFAULTS_FILE = Path(__file__).with_name("laboratory.yaml")


class Examines(StrEnum):
    goods = "goods"  # a seizure the trainee holds (seized or delivered under control)
    phone = "phone"  # the phone of a person in custody, seized at the arrest


class Finding(StrEnum):
    """What a result can link (an analysis lists the ones its method supports)."""

    identity = "identity"  # what the goods are: ties the seizure's handlers to the charge
    seizures = "seizures"  # same population / consignment chain as another seizure
    source = "source"  # where the goods come from: the members who supplied the load
    contacts = "contacts"  # a phone's contacts: the members its holder calls
    messages = "messages"  # a phone's messages: the consignments its holder discussed


class Analysis(Frozen):
    id: Slug = Field(description="identifier the trainee's request names")
    label: Text = Field(description="what the analysis is, in each language")
    examines: Examines = Field(
        Examines.goods,
        description="goods: a seizure the trainee holds; phone: the phone of a person in custody",
    )
    cost: Annotated[float, Field(ge=0, le=100)] = Field(
        3.0, description="budget units charged when the request is accepted"
    )
    delay_days: Triangular = Field(description="days until the result (min, mode, max)")
    finds: Annotated[list[Finding], Field(min_length=1)] = Field(
        description="what a result links: identity, seizures, source (goods); contacts, "
        "messages (phone)"
    )
    weight: Annotated[float, Field(ge=0.25, le=1.0)] = Field(
        0.75, description="the prosecutor's weight (0.25 weak .. 1 strong) of each exhibit filed"
    )
    method: ShortText | None = Field(
        None, description="the published method or guideline the analysis follows"
    )


class SupportTeam(Frozen):
    """An INTERPOL Operational Support Team (a simplification: see the module docstring)."""

    cost: Annotated[float, Field(ge=0, le=100)] = Field(
        8.0, description="budget units charged when the deployment is agreed"
    )
    deploy_days: Triangular = Field(
        default_factory=lambda: _Triangular(min=2, mode=4, max=8),
        description="days until the team is on the ground (min, mode, max)",
    )
    stays_days: Annotated[float, Field(gt=0, le=120)] = Field(
        21.0, description="days the team stays once deployed"
    )
    speedup: Annotated[float, Field(gt=0, le=1)] = Field(
        0.5, description="factor the forensic delays are multiplied by while the team is deployed"
    )
    weight_bonus: Annotated[float, Field(ge=0, le=0.75)] = Field(
        0.25, description="added to each forensic exhibit's weight (up to 1) while deployed"
    )
    extra_links: Annotated[int, Field(ge=0, le=5)] = Field(
        2, description="number of extra contacts a phone analysis follows while the team is deployed"
    )


class Forensics(Frozen):
    analyses: list[Analysis] | None = Field(
        None,
        description="the laboratory's menu; omitted: the defaults of the scenario's crime area "
        "(engine/laboratory.yaml)",
    )
    support_team: SupportTeam = Field(
        default_factory=SupportTeam, description="the Operational Support Team on offer"
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Forensics:
        ids = [a.id for a in self.analyses or []]
        if dupes := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"analysis ids must differ: {', '.join(dupes)} is listed twice")
        return self


_MENU = TypeAdapter(dict[str, list[Analysis]])


@cache
def default_analyses() -> dict[str, list[Analysis]]:
    """The default menu per crime area (``common``: offered in every area)."""
    return _MENU.validate_python(yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8")))


def analyses(scenario: object) -> list[Analysis]:
    """The analyses a scenario offers: its own list, or its crime area's defaults."""
    own = getattr(scenario, "forensics", None)
    if own is not None and own.analyses is not None:
        return list(own.analyses)
    menu = default_analyses()
    return list(menu.get(str(getattr(scenario, "crime_area", "")), [])) + list(
        menu.get("common", [])
    )


def support_team(scenario: object) -> SupportTeam:
    own = getattr(scenario, "forensics", None)
    return own.support_team if own is not None else SupportTeam()


class Lab:
    """What the laboratory holds in one exercise: requests made and the support team."""

    def __init__(self) -> None:
        self.requested: set[tuple[str, str]] = set()  # (analysis id, item id)
        self.team_from: float | None = None  # day the support team arrives
        self.team_until: float | None = None  # day it leaves

    def team_on(self, day: float) -> bool:
        """Whether the support team is on the ground on ``day``."""
        return (
            self.team_from is not None
            and self.team_until is not None
            and self.team_from <= day + 1e-9 < self.team_until
        )
