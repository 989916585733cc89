"""The instructor's pages through app.py (AppTest): setup, dashboard, studio, cohort debrief,
and trainees refused on every one of them."""

from __future__ import annotations

import time

import pytest
from sqlmodel import select

from academy import exercises, worker
from academy.db import make_engine, session_scope
from academy.models import CalibrationRun, ExerciseAction, User
from academy.scenarios import sync_shipped
from tests.pages.helpers import (
    KNOWN_COMPANY,
    as_admin,
    as_instructor,
    as_trainee,
    play_to_end,
    texts,
)

WILDLIFE = "wildlife-ivory-corridor"
PAGES = ["pages/workshop.py", "pages/dashboard.py", "pages/studio.py", "pages/cohort.py"]


@pytest.fixture
def played(app_db):
    """The demo trainee has played the wildlife scenario to its end."""
    exercise_id, _ = play_to_end(app_db, {
        "kind": "request_notice", "colour": "red", "subject": KNOWN_COMPANY, "purpose": "arrest"})
    return exercise_id


@pytest.mark.usefixtures("app_db")
@pytest.mark.parametrize("page", PAGES)
def test_trainees_are_refused_every_instructor_page(page):
    at = as_trainee()
    at.switch_page(page).run()
    assert not at.exception
    assert at.error[0].value.startswith("Access refused")
    assert not at.dataframe and not at.get("arrow_vega_lite_chart")


@pytest.mark.usefixtures("app_db")
@pytest.mark.parametrize("page", PAGES)
def test_instructors_and_admins_open_every_page(page):
    for at in (as_instructor(), as_admin()):
        at.switch_page(page).run()
        assert not at.exception, page
        assert not at.error, [e.value for e in at.error]


@pytest.mark.usefixtures("app_db")
def test_workshop_setup_saves_details_and_closes_the_catalogue():
    at = as_instructor()
    at.switch_page("pages/workshop.py").run()
    assert {m.label: m.value for m in at.metric}["Join code"] == "DEMO26"
    ws = at.selectbox(key="ws.pick").value
    at.text_input(key=f"ws.d.loc.{ws}").input("Mombasa")
    at.button(key="FormSubmitter:ws.details-Save").click().run()
    assert not at.exception and at.text_input(key=f"ws.d.loc.{ws}").value == "Mombasa"
    at.toggle(key=f"ws.catalogue.{ws}").set_value(False).run()
    assert not at.exception
    trainee = as_trainee()
    trainee.switch_page("pages/exercises.py").run()
    assert "No scenario is open" in texts(trainee) or not [
        b for b in trainee.button if b.key and b.key.startswith("exercises.start.")]


def test_dashboard_shows_the_trainee_and_sends_an_inject(played):
    at = as_instructor()
    at.switch_page("pages/dashboard.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Trainee"]) == ["Demo Trainee"]
    assert table["Notices refused"][0] == 1
    assert "Desk of Demo Trainee" in texts(at)


def test_dashboard_inject_reaches_a_running_exercise(app_db):
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        version = next(v for v in sync_shipped(s) if v.scenario_id == WILDLIFE)
        trainee = s.exec(select(User).where(User.role == "trainee")).one()
        record = exercises.start(s, user=trainee, scenario_version_id=version.id, workshop_id=1)
    at = as_instructor()
    at.switch_page("pages/dashboard.py").run()
    at.text_area(key="dash.message").input("Customs in Mombasa report a suspicious container")
    at.selectbox(key="dash.reliability").select("D")
    at.selectbox(key="dash.credibility").select("3")
    at.button(key="FormSubmitter:dash.inject-Send inject").click().run()
    assert not at.exception
    assert "Inject delivered to exercises: 1" in at.success[0].value
    at.button(key="dash.pause").click().run()
    with session_scope(engine) as s:
        rows = s.exec(select(ExerciseAction).where(ExerciseAction.exercise_id == record.id)).all()
        assert rows[0].actor == "instructor"
        assert rows[0].action["grade"] == "D3"  # the instructor's grade, not a fixed A1
        item = exercises.replay(s, exercises.get(s, exercise_id=record.id, user=trainee))
        assert (item.live.view().inbox[-1].reliability, item.live.view().inbox[-1].credibility) == (
            "D", 3)
        assert exercises.get(s, exercise_id=record.id, user=trainee).paused
    engine.dispose()


@pytest.mark.usefixtures("app_db")
def test_studio_lists_shows_the_world_and_validates_edits():
    at = as_instructor()
    at.switch_page("pages/studio.py").run()
    assert not at.exception
    assert WILDLIFE in list(at.dataframe[0].value["Id"])
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    at.text_area(key="studio.text").input("id: broken\ntitle: [unclosed").run()
    assert "Problems found" in at.error[0].value
    assert "the [ opened on this line is not closed" in at.code[0].value
    assert at.button(key="studio.save").disabled


@pytest.mark.usefixtures("app_db")
@pytest.mark.parametrize("scenario", ["mining-gold-couriers", "pollution-ewaste-secondhand"])
def test_the_studio_opens_a_scenario_whose_world_seed_is_past_two_to_the_31(scenario):
    """The studio's world starts from the cohort seed, which reaches 2**32 - 1: a scenario id
    hashing past 2**31 broke the seed box and with it the studio (a trial's new scenario)."""
    assert exercises.cohort_seed(None, scenario) > 2**31
    at = as_instructor()
    at.switch_page("pages/studio.py").run()
    at.selectbox(key="studio.pick").set_value(scenario).run()
    assert not at.exception
    seed = at.number_input(key=f"studio.seed.{scenario}")
    assert seed.value == exercises.cohort_seed(None, scenario)  # its own world, not the last one's
    assert at.text_area(key="studio.text").value


@pytest.mark.usefixtures("app_db")
def test_studio_shows_a_script_in_a_briefing_as_text():
    at = as_instructor()
    at.switch_page("pages/studio.py").run()
    at.selectbox(key="studio.pick").set_value(WILDLIFE).run()
    original = at.text_area(key="studio.text").value
    assert "Rangers" in original
    hostile = original.replace("  en: >\n    Rangers", "  en: >\n    <script>alert(1)</script> Rangers", 1)
    at.text_area(key="studio.text").input(hostile).run()
    assert at.success and at.success[0].value == "Valid scenario."
    at.button(key="studio.save").click().run()
    assert not at.exception
    # the scenario's own version, not the row number of the stored text (a trial read "#6")
    assert at.success[-1].value.startswith(f"Saved {WILDLIFE}, version 1.")
    at.switch_page("pages/studio.py").run()
    assert at.selectbox(key="studio.pick").value == WILDLIFE
    assert any("<script>alert(1)</script>" in x.value for x in at.text)  # st.text: never HTML
    assert not any("<script>" in m.value for m in at.markdown)


def test_cohort_debrief_shows_results_and_takes_notes(played):
    at = as_instructor()
    at.switch_page("pages/cohort.py").run()
    assert not at.exception
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    page = texts(at)
    assert "Ratings per objective" in page and "Shipments most trainees missed" in page
    at.selectbox(key="hotwash.note.kind").set_value("strength")
    at.text_area(key="hotwash.note.text").input("Red notice refusals were discussed well")
    at.button(key="FormSubmitter:hotwash.note-Add note").click().run()
    assert not at.exception
    assert any("Red notice refusals" in x.value for x in at.text)
    keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")}
    assert {"hotwash.pdf", "hotwash.csv", "hotwash.xapi"} <= keys  # beside the LMS packages


def test_a_trainee_cannot_open_another_trainees_exercise_by_url(played, app_db):
    from academy.accounts import join_workshop

    engine = make_engine(app_db)
    with session_scope(engine) as s:
        join_workshop(s, new=True, code="DEMO26", name="Second Trainee", pin="9876")
    engine.dispose()
    at = as_trainee()  # signs in as the demo trainee; then as the other one in a new session
    from tests.pages.helpers import app

    other = app()
    other.text_input(key="signin.code").input("DEMO26")
    other.text_input(key="signin.name").input("Second Trainee")
    other.text_input(key="signin.pin").input("9876")
    other.button[0].click().run()
    other.query_params["exercise"] = str(played)
    other.switch_page("pages/desk.py").run()
    assert not other.exception
    assert other.error[0].value == "Not found, or not yours to see."
    assert not other.metric
    del at


def test_switching_workshops_shows_and_keeps_each_workshops_own_settings(app_db):
    """The setup forms follow the workshop picked in the sidebar: a keyed widget keeps what
    it holds whatever its new default, so one key for every workshop showed (and saved)
    the first workshop's title, modules and catalogue switch on the second."""
    from academy.demo import DEMO_INSTRUCTOR
    from academy.models import Workshop
    from academy.workshops import create_workshop

    engine = make_engine(app_db)
    with session_scope(engine) as s:
        boss = s.exec(select(User).where(User.username == DEMO_INSTRUCTOR[0])).one()
        other = create_workshop(s, title="Closed Kigali workshop", instructor=boss)
        other.catalogue_open = False
        s.add(other)
        other_id = other.id
        demo_id = s.exec(select(Workshop).where(Workshop.join_code == "DEMO26")).one().id
    at = as_instructor()
    at.switch_page("pages/workshop.py").run()
    at.selectbox(key="ws.pick").set_value(demo_id).run()  # the open demo workshop first
    assert next(w for w in at.text_input if w.label == "Title").value != "Closed Kigali workshop"
    at.selectbox(key="ws.pick").set_value(other_id).run()
    assert not at.exception
    title = next(w for w in at.text_input if w.label == "Title")
    assert title.value == "Closed Kigali workshop"
    catalogue = next(w for w in at.toggle if w.key and w.key.startswith("ws.catalogue"))
    assert catalogue.value is False
    with session_scope(engine) as s:
        assert s.get(Workshop, other_id).catalogue_open is False, "switching saved nothing"
    engine.dispose()


def test_studio_queues_a_calibration_and_shows_its_progress_and_scores(app_db):
    at = as_instructor()
    at.switch_page("pages/studio.py").run()
    at.selectbox(key="studio.pick").set_value(WILDLIFE).run()
    at.number_input(key="studio.runs").set_value(2).run()
    at.multiselect(key="studio.policies").set_value(["random"]).run()
    at.button(key="studio.calibrate").click().run()
    assert not at.exception
    engine = make_engine(app_db)
    try:
        deadline = time.monotonic() + 120
        while True:  # this server's worker thread plays it in a worker process
            with session_scope(engine) as s:
                run = s.exec(select(CalibrationRun)).one()
            if run.status != "queued" and run.status != "running":
                break
            assert time.monotonic() < deadline, "the calibration was never played"
            time.sleep(0.2)
    finally:
        engine.dispose()
        worker.stop_all()
    assert (run.status, run.done) == ("done", 2)
    at.run()
    bar = at.get("progress")[0].proto
    assert (bar.value, bar.text) == (100, "Games played: 2 of 2")
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


@pytest.mark.usefixtures("app_db")
def test_studio_shows_the_authors_guide_above_the_editor():
    at = as_instructor()
    at.switch_page("pages/studio.py").run()
    assert not at.exception
    assert any(e.label.startswith("Author's guide") for e in at.expander)
    html = "\n".join(h.value for h in at.get("html"))
    assert "Writing a scenario" in html and "pangolin-scales-lagos" in html
    assert "<h3>Legal</h3>" in html and "<code>max_penalty_years</code>" in html  # FIELDS.md
    assert "<script" not in html.split("</style>")[-1]


@pytest.mark.usefixtures("app_db")
def test_studio_shows_advice_on_a_valid_draft():
    at = as_instructor()
    at.switch_page("pages/studio.py").run()
    at.selectbox(key="studio.pick").set_value(WILDLIFE).run()
    draft = at.text_area(key="studio.text").value.replace("relation: bribes}", "relation: bribe}")
    at.text_area(key="studio.text").input(draft).run()
    assert at.success[0].value == "Valid scenario." and not at.button(key="studio.save").disabled
    assert at.info[0].value == "Advice on this valid scenario (1):"
    assert "did you mean 'bribes'?" in at.code[0].value
