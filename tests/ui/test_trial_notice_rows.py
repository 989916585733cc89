"""User trial (The Ivory Corridor): the Notices tab said "accepted — Red Notice published"
while the notice was still under review (published around day 32.6 on the agenda), and a
refusal for too few identifiers said "only 1 identifiers" — in the decision log too, whose
reason has the outcome's values to count with."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

SCENARIO = str(Path(__file__).resolve().parents[2] / "scenarios" / "wildlife-ivory-corridor.yaml")


def rows_page(path: str, lang: str) -> None:  # runs inside AppTest: it imports what it uses
    import streamlit as st

    from engine import actions as A
    from engine.exercise import Exercise
    from engine.scenario import load_scenario
    from tests.engine.test_notice_basis import member, wanted
    from ui import desk
    from ui.i18n import set_language
    from ui.messages import decision_result

    set_language(lang)
    ex = Exercise(load_scenario(path), 3)
    broker = member(ex, "broker", home=False)
    wanted(ex, broker)
    ex.sim.run_until(2.37)
    ex.apply(A.RequestNotice(colour="red", subject=broker, purpose="arrest"))
    n = ex.view().notices[-1]
    st.session_state["review"] = desk.notice_reason(n.code, n.reason, n.params)
    ex.apply(A.Advance(days=7))
    n = ex.view().notices[-1]
    st.session_state["published"] = desk.notice_reason(n.code, n.reason, n.params)
    st.session_state["refused"] = decision_result(False, "red.identifiers",
                                                  {"known": 1, "needed": 3})


@pytest.mark.parametrize(("lang", "review", "published", "refused"), [
    ("en", "Red Notice under review; published around day 4.4", "Red Notice published",
     "only 1 identifier is known"),
    ("fr", "vers le jour 4,4", "la notice a été publiée", "1 élément d'identification connu"),
    ("es", "hacia el día 4,4", "publicada", "solo se conoce 1 dato de identificación"),
    ("ar", "4.4", "", "بيان تعريف واحد"),
])
def test_a_notice_is_under_review_until_published_and_refusals_count(lang, review, published,
                                                                     refused):
    at = AppTest.from_function(rows_page, args=(SCENARIO, lang), default_timeout=60).run()
    assert not at.exception
    said = at.session_state
    assert review in said["review"] and "{" not in said["review"], said["review"]
    assert published in said["published"] and said["published"] != said["review"]
    assert refused in said["refused"] and "{" not in said["refused"], said["refused"]
