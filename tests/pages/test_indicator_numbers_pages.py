"""Readiness indicators are headed by a reader's number ("1.1 · Formal mandate"), never by
the framework's internal id (user trial, Arabic: "governance.1 · الولاية الرسمية")."""

from __future__ import annotations

import re

import pytest

from academy.guidance import load_framework
from tests.pages.helpers import as_instructor, play_to_end
from tests.pages.test_guidance_pages import as_member, seeded_round

ID = re.compile(r"\b[a-z]+\.\d+\b")  # governance.1, intelligence.3


def test_the_framework_numbers_each_indicator_by_its_dimension_and_place():
    fw = load_framework()
    first, second = fw.dimensions[0], fw.dimensions[1]
    assert fw.number(first.indicators[0].id) == "1.1"
    assert fw.number(first.indicators[1].id) == "1.2"
    assert fw.number(second.indicators[0].id) == "2.1"
    assert len({fw.number(i) for i in fw.indicators}) == len(fw.indicators)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_sheet_heads_each_indicator_by_its_number(app_db, lang):
    at = as_member()
    at.switch_page("pages/assessment.py").run()
    at.text_input(key="guidance.new_title").input("Baseline 2026")
    at.button(key="FormSubmitter:guidance.new_round-Start the round").click().run()
    at.selectbox(key="sidebar.language").select(lang).run()
    heads = [m.value for m in at.markdown if m.value.startswith("**") and " · " in m.value]
    assert heads and not [h for h in heads if ID.search(h)], heads
    title = load_framework().indicators["governance.1"].title.get(lang)
    assert f"**1.1 · {title}**" in heads, heads


def test_the_consensus_names_indicators_by_number(app_db):
    seeded_round(app_db, {"Amina Wanjiru": [1, 2], "Otieno Police": [3, 2]})
    at = as_member()
    at.switch_page("pages/consensus.py").run()
    assert not at.exception
    column = at.dataframe[0].value.iloc[:, 0].tolist()
    assert column[0] == "1.1 · Formal mandate" and not [c for c in column if ID.search(c)]
    options = at.selectbox(key="consensus.pick").options
    assert not [o for o in options if ID.search(o)], options


def test_the_facilitator_notes_offer_indicators_by_number(app_db):
    from tests.pages.test_improvement_pages import for_the_demo_team

    play_to_end(app_db, {"kind": "advance", "days": 7})
    for_the_demo_team(app_db)
    at = as_instructor()
    at.switch_page("pages/cohort.py").run()
    options = at.selectbox(key="hotwash.note.indicator").options
    assert options and not [o for o in options if ID.search(o)], options
    assert "4.3 · " + load_framework().indicators["intelligence.3"].title.get("en") in options
