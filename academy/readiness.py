"""Readiness scores: from indicator levels to dimension scores, a maturity level and priorities.

Each indicator is scored 0–3 (the framework describes every level). A dimension's score is
the average of its scored indicators; the overall score is the average of the dimension
scores, so a dimension with many indicators does not outweigh one with few — the radar
chart shows the same picture. Scores read also as a percentage of the maximum 3. The
overall score falls in a maturity band of the framework (the highest band whose ``min``
it reaches). Unscored indicators are left out of the averages and reported as missing.

When several assessors score independently, the spread (highest minus lowest level) of an
indicator tells whether they disagree: a spread of 2 or more is a real disagreement that
the team should discuss before agreeing a final score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from statistics import mean

from academy.guidance import Framework, Indicator, MaturityBand

MAX_LEVEL = 3
DISAGREEMENT = 2


@dataclass(frozen=True)
class DimensionScore:
    id: str
    average: float | None
    scored: int
    total: int

    @property
    def percent(self) -> float | None:
        return None if self.average is None else round(100 * self.average / MAX_LEVEL, 1)


@dataclass(frozen=True)
class Results:
    dimensions: tuple[DimensionScore, ...]
    overall: float | None
    maturity: MaturityBand | None
    missing: tuple[str, ...]

    @property
    def percent(self) -> float | None:
        return None if self.overall is None else round(100 * self.overall / MAX_LEVEL, 1)

    @property
    def complete(self) -> bool:
        return not self.missing


def maturity_for(framework: Framework, average: float) -> MaturityBand:
    """The highest maturity band whose minimum the average reaches."""
    band = framework.maturity[0]
    for candidate in framework.maturity:
        if average + 1e-9 >= candidate.min:
            band = candidate
    return band


def results(framework: Framework, scores: Mapping[str, float]) -> Results:
    """Dimension and overall scores, maturity and missing indicators for ``scores``."""
    dims = []
    for dimension in framework.dimensions:
        levels = [scores[i.id] for i in dimension.indicators if scores.get(i.id) is not None]
        dims.append(DimensionScore(dimension.id, round(mean(levels), 2) if levels else None,
                                   len(levels), len(dimension.indicators)))
    averages = [d.average for d in dims if d.average is not None]
    overall = round(mean(averages), 2) if averages else None
    missing = tuple(i for i in framework.indicators if scores.get(i) is None)
    return Results(tuple(dims), overall,
                   maturity_for(framework, overall) if overall is not None else None, missing)


def weakest(framework: Framework, scores: Mapping[str, float],
            limit: int = 10) -> list[tuple[Indicator, float]]:
    """Scored indicators below the top level, lowest first (framework order breaks ties)."""
    order = {iid: n for n, iid in enumerate(framework.indicators)}
    ranked = sorted(
        ((framework.indicators[iid], level) for iid, level in scores.items()
         if iid in framework.indicators and level is not None and level < MAX_LEVEL),
        key=lambda pair: (pair[1], order[pair[0].id]),
    )
    return ranked[:limit]


def spread(levels: list[int | None]) -> int | None:
    """Highest minus lowest of the given levels (None when fewer than one was scored)."""
    scored = [level for level in levels if level is not None]
    return max(scored) - min(scored) if scored else None


def disagrees(levels: list[int | None]) -> bool:
    value = spread(levels)
    return value is not None and value >= DISAGREEMENT


def compare(framework: Framework, first: Mapping[str, float],
            second: Mapping[str, float]) -> list[tuple[str, float | None, float | None]]:
    """Per dimension: (id, score in the first, score in the second)."""
    a, b = results(framework, first), results(framework, second)
    return [(x.id, x.average, y.average) for x, y in zip(a.dimensions, b.dimensions, strict=True)]
