"""The studio refuses a deeply nested draft with a translated, line-numbered problem, and
checks an unchanged draft once, not on every click (AppTest from app.py)."""

from __future__ import annotations

import pytest

from academy import studio
from engine.nesting import MAX_DEPTH
from tests.pages.helpers import as_instructor

DEEP = "[" * 16_000


@pytest.mark.parametrize("lang,message", [
    ("en", f"nested more than {MAX_DEPTH} levels deep"),
    ("fr", f"imbrication de plus de {MAX_DEPTH} niveaux"),
    ("es", f"anidado en más de {MAX_DEPTH} niveles"),
    ("ar", f"التداخل يتجاوز {MAX_DEPTH} مستوى"),
])
def test_the_nesting_problem_is_said_in_the_instructors_language(lang, message):
    assert studio.problems(DEEP, lang=lang) == [f"scenario.yaml:1: (file): {message}"]
    assert studio.problems("x: " + "y" * studio.MAX_UPLOAD_BYTES, lang=lang)[0].startswith(
        "scenario.yaml:1: (file): ")


@pytest.mark.usefixtures("app_db")
def test_a_deep_draft_is_refused_and_an_unchanged_draft_is_not_checked_again():
    at = as_instructor()
    at.switch_page("pages/studio.py").run()
    at.text_area(key="studio.text").input(DEEP).run()
    assert not at.exception
    assert "Problems found: 1" in at.error[0].value
    assert at.code[0].value == f"scenario.yaml:1: (file): nested more than {MAX_DEPTH} levels deep"
    assert at.button(key="studio.save").disabled
    first = at.session_state["studio.checked"]
    seed = f"studio.seed.{at.selectbox(key='studio.pick').value}"  # the open scenario's world
    at.number_input(key=seed).set_value(3).run()  # another widget: the page reruns
    assert not at.exception
    assert at.session_state["studio.checked"] is first  # the same answer, not a new check
    at.text_area(key="studio.text").input(DEEP + "]").run()
    assert at.session_state["studio.checked"] is not first
