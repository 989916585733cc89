"""Scoring: dimension averages, overall, maturity bands, weakest indicators, spread."""

from __future__ import annotations

import pytest

from academy.guidance import Framework
from academy.readiness import compare, disagrees, maturity_for, results, spread, weakest


def T(text: str) -> dict[str, str]:  # noqa: N802
    return {"en": text}


def indicator(iid: str) -> dict:
    return {"id": iid, "title": T(iid), "question": T("?"),
            "levels": {n: T(f"level {n}") for n in range(4)}, "recommendation": T(f"fix {iid}")}


@pytest.fixture
def framework() -> Framework:
    return Framework.model_validate({
        "id": "toy", "version": 1, "source_note": T("ours"),
        "levels_scale": {n: T(str(n)) for n in range(4)},
        "maturity": [{"min": 0, "label": T("Foundational"), "meaning": T("m0")},
                     {"min": 1.0, "label": T("Developing"), "meaning": T("m1")},
                     {"min": 1.75, "label": T("Established"), "meaning": T("m2")},
                     {"min": 2.5, "label": T("Advanced"), "meaning": T("m3")}],
        "dimensions": [
            {"id": "a", "title": T("A"), "indicators": [indicator("a.1"), indicator("a.2")]},
            {"id": "b", "title": T("B"), "indicators": [indicator("b.1"), indicator("b.2"),
                                                        indicator("b.3"), indicator("b.4")]},
        ]})


def test_dimension_averages_and_overall_weights_dimensions_equally(framework):
    r = results(framework, {"a.1": 3, "a.2": 3, "b.1": 0, "b.2": 1, "b.3": 1, "b.4": 0})
    assert [(d.id, d.average) for d in r.dimensions] == [("a", 3.0), ("b", 0.5)]
    assert r.overall == 1.75 and r.percent == 58.3
    assert r.dimensions[0].percent == 100.0
    assert r.maturity.label.en == "Established" and r.complete


@pytest.mark.parametrize("average,band", [(0, "Foundational"), (0.99, "Foundational"),
                                          (1.0, "Developing"), (1.74, "Developing"),
                                          (1.75, "Established"), (2.49, "Established"),
                                          (2.5, "Advanced"), (3, "Advanced")])
def test_maturity_bands(framework, average, band):
    assert maturity_for(framework, average).label.en == band


def test_incomplete_scores_are_left_out_and_reported(framework):
    r = results(framework, {"a.1": 2, "b.1": 1, "b.2": None})
    assert [(d.average, d.scored, d.total) for d in r.dimensions] == [(2.0, 1, 2), (1.0, 1, 4)]
    assert r.overall == 1.5 and not r.complete
    assert r.missing == ("a.2", "b.2", "b.3", "b.4")


def test_nothing_scored_gives_no_overall(framework):
    r = results(framework, {})
    assert r.overall is None and r.maturity is None and r.percent is None
    assert all(d.average is None and d.percent is None for d in r.dimensions)


def test_weakest_ranks_lowest_first_and_skips_the_top_level(framework):
    ranked = weakest(framework, {"a.1": 3, "a.2": 1, "b.1": 0, "b.2": 1, "b.3": 2.5}, limit=3)
    assert [(i.id, s) for i, s in ranked] == [("b.1", 0), ("a.2", 1), ("b.2", 1)]


def test_spread_and_disagreement():
    assert spread([1, 3, 2]) == 2 and disagrees([1, 3, 2])
    assert spread([2, 2]) == 0 and not disagrees([2, 2])
    assert spread([1, None, 2]) == 1 and not disagrees([1, None, 2])
    assert spread([None]) is None and not disagrees([])


def test_compare_two_assessments(framework):
    rows = compare(framework, {"a.1": 1, "a.2": 1}, {"a.1": 2, "a.2": 3, "b.1": 1})
    assert rows == [("a", 1.0, 2.5), ("b", None, 1.0)]


def test_shipped_framework_scores_to_every_band():
    from academy.guidance import load_framework

    shipped = load_framework()
    for level, band in [(0, 0), (1, 1), (2, 2), (3, 3)]:
        r = results(shipped, dict.fromkeys(shipped.indicators, level))
        assert r.overall == level and r.maturity == shipped.maturity[band]
