"""Text longer than its field's limit (user trial): the writer is told the limit, and the
text stays in the box to be shortened — never dropped, cut or sent without it.

``input`` of AppTest does what the browser does with Streamlit's own ``max_chars``: a value
over the limit is ignored whole (the box stays as it was), which is how a 2,000-character
inject read as "Write a message" and a long rationale vanished from the decision log."""

from __future__ import annotations

import pytest
from sqlmodel import select

from academy import exercises
from academy.db import make_engine, session_scope
from academy.models import User
from academy.scenarios import sync_shipped
from tests.pages.helpers import as_instructor, as_trainee, start_wildlife, texts

pytestmark = pytest.mark.usefixtures("app_db")
SEND_INJECT = "FormSubmitter:dash.inject-Send inject"
MARKUP = "<b>x</b><script>alert(1)</script> check Mombasa "


def _running(app_db: str) -> None:
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        version = next(v for v in sync_shipped(s) if v.scenario_id == "wildlife-ivory-corridor")
        trainee = s.exec(select(User).where(User.role == "trainee")).one()
        exercises.start(s, user=trainee, scenario_version_id=version.id, workshop_id=1)
    engine.dispose()


def test_a_long_inject_names_its_limit_and_stays_in_the_box(app_db):
    _running(app_db)
    at = as_instructor()
    at.switch_page("pages/dashboard.py").run()
    too_long = "Long inject " + "long " * 800  # 4,011 characters: over the engine's 4,000
    at.text_area(key="dash.message").input(too_long)
    at.button(key=SEND_INJECT).click().run()
    assert not at.exception
    assert not at.success
    assert "at most 4,000 are allowed" in texts(at)
    assert "Write a message" not in texts(at)
    assert at.text_area(key="dash.message").value == too_long  # kept, to be shortened
    fits = "Long inject " + "long " * 400  # 2,012 characters: the trial's message
    at.text_area(key="dash.message").input(fits)
    at.button(key=SEND_INJECT).click().run()
    assert "Inject delivered to exercises: 1" in at.success[0].value
    assert at.text_area(key="dash.message").value == ""  # delivered: the box is emptied


def test_a_long_rationale_names_its_limit_and_is_kept_then_shown_as_typed():
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("share_intel").run()
    at.selectbox(key="actions.share.country").set_value("TZ").run()
    too_long = MARKUP + "long " * 400  # the trial's 2,049 characters
    at.text_area(key="actions.share_intel.why").input(too_long).run()
    at.button(key="actions.submit.share_intel").click().run()
    assert not at.success  # not sent
    assert "at most 2,000 are allowed" in at.error[0].value
    assert at.text_area(key="actions.share_intel.why").value == too_long
    fits = MARKUP + "long " * 380
    at.text_area(key="actions.share_intel.why").input(fits).run()
    at.button(key="actions.submit.share_intel").click().run()
    assert at.success
    at.session_state["desk.tab"] = "Timeline"
    at.run()
    assert at.dataframe[0].value.iloc[0]["Rationale"] == fits.strip()  # as typed, inert


def test_a_long_hypothesis_names_its_limit_and_stays():
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Link chart"
    at.run()
    label = "suspected broker " * 6  # 102 characters, over 80
    at.text_input(key="desk.hyp.label").input(label)
    at.button(key="FormSubmitter:desk.hypothesis-Mark").click().run()
    assert not at.exception
    assert "at most 80 are allowed" in texts(at)
    assert at.text_input(key="desk.hyp.label").value == label
