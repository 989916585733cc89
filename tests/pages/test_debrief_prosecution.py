"""The debrief's Prosecution tab shows each arrested member's case, its outcome and the
exhibits that counted, in the trainee's language (AppTest via app.py)."""

from __future__ import annotations

import pytest

from tests.pages.helpers import play_to_end
from tests.pages.test_debrief_i18n_pages import open_debrief
from tests.pages.test_debrief_trial import table


@pytest.fixture
def convicted(app_db):
    """An inspection at the Unity Bridge border post (Tanzania) finds a load in the cohort's
    world: the courier caught with it is tried in Tanzania and convicted on the seizure."""
    exercise_id, live = play_to_end(app_db, {
        "kind": "inspection", "location": "unity-bridge", "start_day": 20, "days": 30})
    (case,) = live.debrief().prosecutions
    assert case.outcome == "convicted"
    return exercise_id, case


def test_the_prosecution_tab_lists_each_case_with_its_outcome_and_exhibits(convicted):
    exercise_id, case = convicted
    at = open_debrief(exercise_id, "en", "Prosecution")
    rows = table(at, "Outcome")
    assert list(rows["Person"]) == [case.label]
    assert list(rows["Outcome"]) == ["convicted"]
    assert list(rows["Tried in"]) == ["Tanzania"]  # the country by its name, not its code
    assert "seizure" in rows["Exhibits"][0] and case.exhibits[0].ref in rows["Exhibits"][0]
    assert rows["Why"][0].startswith("convicted on usable evidence")
    assert any("Convicted: 1" in m.value for m in at.markdown)


def test_the_prosecution_tab_is_in_french(convicted):
    exercise_id, case = convicted
    at = open_debrief(exercise_id, "fr", "Poursuites")
    rows = table(at, "Issue")
    assert list(rows["Issue"]) == ["condamné"]
    assert "saisie" in rows["Pièces"][0]
    assert rows["Pourquoi"][0].startswith("condamné(e)\u202f; preuves recevables")
    assert "jugé là où il a été pris" in rows["Voie"][0]
