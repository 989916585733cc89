"""The financial side of the case, as the scenario says (section ``finance``).

Following the money is the other half of an environmental-crime case (FATF, *Money
Laundering from Environmental Crime*, 2021): the national Financial Intelligence Unit
answers a request with the suspicious transaction reports its banks filed on a person,
company or account; asset tracing finds what a member holds; provisional measures freeze
assets once tracing has linked them to the crime (UNTOC art. 12, FATF Recommendation 4:
freezing needs reasonable grounds that the assets are proceeds or instrumentalities of
crime); confiscation follows a conviction, or — where the law provides for it —
non-conviction-based confiscation of frozen assets.

Costs are in the scenario's budget unit and delays in days; the figures are engine
assumptions of a plausible order, not measured ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import Field

from engine.fields import Frozen, Triangular, _Triangular


def _tri(lo: float, mode: float, hi: float) -> Callable[[], _Triangular]:
    return lambda: _Triangular(min=lo, mode=mode, max=hi)


class Finance(Frozen):
    fiu_cost: Annotated[float, Field(ge=0, le=100)] = Field(
        1.0, description="budget units for a request to the Financial Intelligence Unit"
    )
    fiu_days: Triangular = Field(
        default_factory=_tri(3, 6, 12),
        description="days until the FIU answers with its suspicious transaction reports",
    )
    trace_cost: Annotated[float, Field(ge=0, le=100)] = Field(
        2.0, description="budget units for tracing the assets of one person or company"
    )
    trace_days: Triangular = Field(
        default_factory=_tri(5, 10, 20),
        description="days until the asset tracing report",
    )
    freeze_days: Triangular = Field(
        default_factory=_tri(1, 2, 5),
        description="days until a freezing order is carried out (abroad: the partner's "
        "response delay instead)",
    )
    confiscation: Literal["after_conviction", "without_conviction"] = Field(
        "after_conviction",
        description="after_conviction: frozen assets are confiscated once their holder is "
        "convicted; without_conviction: the law also allows non-conviction-based confiscation "
        "of frozen assets",
    )


class Trail:
    """The money trail of one exercise: accounts traced, frozen and confiscated (USD)."""

    def __init__(self) -> None:
        self.traced: dict[str, float] = {}  # account -> funds linked to the crime
        self.pending: set[str] = set()  # freezing orders sent, not yet answered
        self.frozen: dict[str, float] = {}
        self.confiscated: dict[str, float] = {}
