"""The improvement plan through app.py (AppTest): an instructor writes AAR/IP items on the
cohort debrief of a country's workshop, the country's members track them, nobody else sees
them, and the next assessment round shows them under their indicators."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from academy import improvement, teams
from academy.demo import DEMO_INSTRUCTOR, DEMO_TEAM_CODE
from academy.guidance import load_framework
from academy.models import FacilitatorNote, User, Workshop
from tests.pages.helpers import (
    KNOWN_COMPANY,
    as_admin,
    as_instructor,
    as_trainee,
    play_to_end,
    texts,
)
from tests.pages.test_guidance_pages import as_member, db, seeded_round

PAGE = "pages/improvement.py"
FINDING = "No link chart before the raid"
ACTION = "Train two analysts in link analysis"


def for_the_demo_team(url: str) -> None:
    """The demo workshop becomes one made for the demo country team."""
    with db(url) as s:
        workshop = s.get(Workshop, 1)
        workshop.country_team_id = teams.team_by_code(s, code=DEMO_TEAM_CODE).id
        s.add(workshop)


def seeded_items(url: str) -> int:
    """An area for improvement and an action on intelligence.3; the action's id."""
    for_the_demo_team(url)
    ids = load_framework().indicators
    with db(url) as s:
        instructor = s.exec(select(User).where(User.username == DEMO_INSTRUCTOR[0])).one()
        improvement.add_item(s, user=instructor, workshop_id=1, kind="improvement",
                             text=FINDING, indicator_id="intelligence.3", valid_ids=ids)
        action = improvement.add_item(s, user=instructor, workshop_id=1, kind="action",
                                      text=ACTION, indicator_id="intelligence.3", valid_ids=ids,
                                      owner="Head of analysis", due_on=date(2027, 3, 31))
        return action.id or 0


@pytest.mark.usefixtures("app_db")
def test_trainees_and_instructors_are_refused_the_improvement_page():
    for at in (as_trainee(), as_instructor()):
        at.switch_page(PAGE).run()
        assert not at.exception
        assert at.error[0].value.startswith("Access refused")
        assert not at.get("download_button") and not at.metric


def test_an_instructor_adds_items_on_the_cohort_page_of_a_countrys_workshop(app_db):
    play_to_end(app_db, {"kind": "request_notice", "colour": "red", "subject": KNOWN_COMPANY,
                         "purpose": "arrest"})
    for_the_demo_team(app_db)
    at = as_instructor()
    at.switch_page("pages/cohort.py").run()
    assert not at.exception
    assert "was made for Demo NEST team (Kenya)" in texts(at)
    submit = "FormSubmitter:hotwash.note-Add note"
    at.selectbox(key="hotwash.note.kind").set_value("action")
    at.text_area(key="hotwash.note.text").input(ACTION)
    at.selectbox(key="hotwash.note.indicator").set_value("intelligence.3")
    at.button(key=submit).click().run()  # no owner, no due date
    assert "needs an owner" in texts(at)
    at.selectbox(key="hotwash.note.kind").set_value("action")
    at.text_area(key="hotwash.note.text").input(ACTION)
    at.selectbox(key="hotwash.note.indicator").set_value("intelligence.3")
    at.text_input(key="hotwash.note.owner").input("Head of analysis")
    at.date_input(key="hotwash.note.due").set_value(date(2027, 3, 31))
    at.button(key=submit).click().run()
    assert not at.exception
    assert any(f"Action · Analytical capability: {ACTION}" in x.value for x in at.text)
    assert "Owner: Head of analysis · due 2027-03-31 · Open" in texts(at)
    at.selectbox(key="hotwash.note.kind").set_value("note")
    at.text_area(key="hotwash.note.text").input("Room was too warm")
    at.button(key=submit).click().run()  # a plain note needs no indicator
    assert not at.exception
    with db(app_db) as s:
        notes = {n.text: n for n in s.exec(select(FacilitatorNote)).all()}
    assert (notes[ACTION].indicator_id, notes[ACTION].owner, notes[ACTION].due_on) == (
        "intelligence.3", "Head of analysis", date(2027, 3, 31))
    assert notes["Room was too warm"].indicator_id == ""


def test_a_member_tracks_the_plan_of_their_team_to_closure(app_db):
    action_id = seeded_items(app_db)
    at = as_member()
    at.switch_page(PAGE).run()
    assert not at.exception
    page = texts(at)
    assert FINDING in page and ACTION in page and "Owner: Head of analysis" in page
    assert f"**Corrective action**: {ACTION}" in [m.value for m in at.markdown]  # kind in bold
    assert {m.label: m.value for m in at.metric}["Corrective actions done"] == "0 / 1"
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    box = at.selectbox(key=f"improve.status.{action_id}")
    assert box.value == "open"
    box.set_value("in_progress").run()
    assert not at.exception
    assert "Status changed by Amina Wanjiru" in texts(at)
    at.selectbox(key=f"improve.status.{action_id}").set_value("done").run()
    assert {m.label: m.value for m in at.metric}["Corrective actions done"] == "1 / 1"
    with db(app_db) as s:
        note = s.get(FacilitatorNote, action_id)
        assert note.status == "done" and s.get(User, note.status_by).display_name == "Amina Wanjiru"
    at.toggle(key="improve.open_only").set_value(True).run()
    assert "Every corrective action is done." in texts(at) and ACTION not in texts(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Improvement plan (PDF)", "Improvement plan (CSV)"]
    admin = as_admin()
    admin.switch_page(PAGE).run()
    assert not admin.exception and ACTION in texts(admin)


def test_another_teams_member_sees_only_their_own_plan(app_db):
    seeded_items(app_db)
    with db(app_db) as s:
        admin = s.exec(select(User).where(User.username == "admin")).one()
        code = teams.create_team(s, acting_user_id=admin.id, country="CM",
                                 name="Cameroon").join_code
        kenya = teams.team_by_code(s, code=DEMO_TEAM_CODE).id
    at = as_member("Mbarga", "1357", code)
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "No item yet" in texts(at) and ACTION not in texts(at)
    at.query_params["team"] = str(kenya)
    at.switch_page(PAGE).run()
    assert "visible only to its members and to admins" in texts(at)
    assert ACTION not in texts(at) and FINDING not in texts(at)
    assert not [b for b in at.selectbox if str(b.key).startswith("improve.")]
    assert not at.get("download_button") and not at.metric


def test_the_next_round_shows_the_findings_under_their_indicator(app_db):
    seeded_items(app_db)
    seeded_round(app_db, {"Amina Wanjiru": [1, 2], "Otieno Police": [3, 2]}, title="Review")
    at = as_member()
    at.switch_page("pages/assessment.py").run()
    assert not at.exception
    evidence = [c.value for c in at.caption if c.value.startswith("From exercises:")]
    assert evidence == [f"From exercises: Area for improvement: {FINDING}; Corrective action: "
                        f"{ACTION} (Head of analysis, due 2027-03-31, Open)"]
    at.switch_page("pages/consensus.py").run()
    pick = at.selectbox(key="consensus.pick")
    heading = load_framework().heading("intelligence.3", "en")  # "4.3 · …": a number, not the id
    pick.select_index(next(n for n, o in enumerate(pick.options) if heading in o)).run()
    assert not at.exception
    assert any(c.value.startswith(f"From exercises: Area for improvement: {FINDING}")
               for c in at.caption)


@pytest.mark.parametrize(("lang", "title", "status"), [
    ("fr", "Plan d'amélioration", "Ouverte"), ("ar", "خطة التحسين", "مفتوح")])
def test_the_plan_reads_in_the_members_language(app_db, lang, title, status):
    action_id = seeded_items(app_db)
    at = as_member()
    at.session_state["i18n.lang"] = lang
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == title
    box = at.selectbox(key=f"improve.status.{action_id}")
    assert box.value == "open" and box.options[0] == status
    assert ACTION in texts(at)
