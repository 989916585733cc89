"""Pages name a scenario's countries by CLDR in the reader's language (user trial: the Arabic
briefing's "الدول: Kenya, Tanzania, Mozambique, Malaysia, Viet Nam"; "Viet Nam" in the
exercise list beside "Vietnam" in place pickers)."""

from __future__ import annotations

import pytest

from tests.pages.helpers import WILDLIFE_CARD, as_trainee, reopen_desk, start_wildlife

ARABIC = ["كينيا", "تنزانيا", "موزمبيق", "ماليزيا", "فيتنام"]
LATIN = ["Kenya", "Tanzania", "Mozambique", "Malaysia", "Viet Nam", "Vietnam"]


@pytest.mark.usefixtures("app_db")
def test_the_arabic_briefing_lists_the_countries_in_arabic():
    start_wildlife(as_trainee())
    at = reopen_desk("ar", "الإحاطة")
    assert not at.exception
    line = next(c.value for c in at.caption if "الدول" in c.value)
    assert all(name in line for name in ARABIC), line
    assert not any(name in line for name in LATIN), line
    assert "," not in line, line  # listed the Arabic way (و), not with a Latin comma


@pytest.mark.usefixtures("app_db")
def test_the_exercise_list_names_countries_as_the_place_pickers_do():
    at = as_trainee()
    at.switch_page("pages/exercises.py").run()
    cards = [m.value for m in at.markdown]
    assert WILDLIFE_CARD in cards
    meta = next(c.value for c in at.caption if "Mozambique" in c.value)
    assert "Vietnam" in meta and "Viet Nam" not in meta, meta
