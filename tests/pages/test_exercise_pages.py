"""The exercise room through app.py (AppTest): catalogue, desk, actions, debrief, refusals."""

from __future__ import annotations

import pytest

from tests.pages.helpers import as_instructor, as_trainee, texts

pytestmark = pytest.mark.usefixtures("app_db")


def start_wildlife(at):
    at.switch_page("pages/exercises.py").run()
    titles = [m.value for m in at.markdown]
    assert "**The Ivory Corridor: Niassa to Hai Phong**" in titles
    buttons = [b for b in at.button if b.key and b.key.startswith("exercises.start.")]
    # the catalogue is sorted by scenario id; find the wildlife card's button by its position
    cards = [m.value for m in at.markdown if m.value.startswith("**")]
    buttons[cards.index("**The Ivory Corridor: Niassa to Hai Phong**")].click().run()
    at.switch_page("pages/desk.py").run()  # AppTest stays on the calling page after switch_page
    assert not at.exception
    return at


def test_desk_shows_the_briefing_clock_and_resources():
    at = start_wildlife(as_trainee())
    assert at.title[0].value == "The Ivory Corridor: Niassa to Hai Phong"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Day"] == "0.0 / 90"
    assert "Niassa Special Reserve" in texts(at)


def test_actions_refused_and_accepted_are_explained():
    at = start_wildlife(as_trainee())
    at.radio(key="actions.kind").set_value("request_notice").run()
    at.selectbox(key="actions.notice.colour").set_value("red")
    at.selectbox(key="actions.notice.subject").set_value("C02")
    at.button(key="FormSubmitter:actions.form.request_notice-Send").click().run()
    assert "Refused" in at.error[0].value
    assert "known person" in at.error[0].value
    at.button(key="desk.advance.7").click().run()
    assert {m.label: m.value for m in at.metric}["Day"] == "7.0 / 90"
    assert len(at.success) == 1  # the accepted advance is confirmed


def test_debrief_is_locked_while_playing():
    at = start_wildlife(as_trainee())
    at.switch_page("pages/debrief.py").run()
    assert at.error[0].value == "The debrief opens when the exercise has ended."
    assert not at.get("vega_lite_chart") and not at.get("arrow_vega_lite_chart")


def test_instructor_cannot_open_the_trainee_desk():
    at = as_instructor()
    at.switch_page("pages/desk.py").run()
    assert at.error[0].value.startswith("Access refused")


def test_desk_without_an_exercise_points_to_the_catalogue():
    at = as_trainee()
    at.switch_page("pages/desk.py").run()
    assert at.info[0].value == "Choose an exercise first."
