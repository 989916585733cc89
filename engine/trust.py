"""Trust between the trainee's NCB and each partner country.

A partner's agencies act on a request with the country's ``partner.act_probability``;
every gesture of cooperation — sharing the case file, meeting at a regional case meeting
— raises that chance by one step, up to certainty. The rise and its size (0.15 by
default) are engine assumptions, not measured figures: regional case meetings exist to
share information on shared cases and pick targets together (DOMAIN.md), but no source
says by how much a partner's readiness to act grows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TRUST_STEP = 0.15  # rise of the chance to act per gesture (engine assumption)


class Trust:
    """Per partner country: the gestures of cooperation made, and the chance it acts."""

    def __init__(self, countries: Mapping[str, Any], step: float = TRUST_STEP) -> None:
        """``countries``: code -> the scenario's country (its ``partner.act_probability``);
        ``step``: the rise per gesture."""
        self.base = {code: c.partner.act_probability for code, c in countries.items()}
        self.step = step
        self.gestures: dict[str, int] = {}  # country -> gestures of cooperation made
        self.shared: set[str] = set()  # countries the case file was shared with

    def raise_(self, country: str) -> None:
        """One gesture of cooperation towards ``country``."""
        self.gestures[country] = self.gestures.get(country, 0) + 1

    def share(self, country: str) -> None:
        """The case file is shared with ``country``: a gesture, remembered (once only)."""
        self.shared.add(country)
        self.raise_(country)

    def act_probability(self, country: str) -> float:
        """The chance ``country`` acts on a request now."""
        return min(1.0, self.base[country] + self.step * self.gestures.get(country, 0))
