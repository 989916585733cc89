"""Trial findings on the instructor pages (AppTest through app.py): roster import, difficulty
knobs out of range."""

from __future__ import annotations

import json

import pytest

from tests.pages.helpers import as_instructor, texts

WILDLIFE = "wildlife-ivory-corridor"


def _workshop():
    at = as_instructor()
    return at.switch_page("pages/workshop.py").run()


def _uploader(at):
    return next(u for u in at.file_uploader if u.key.startswith("ws.roster.file"))


@pytest.mark.usefixtures("app_db")
def test_a_roster_with_bad_lines_says_why_nothing_can_be_imported():
    at = _workshop()
    _uploader(at).upload("roster.csv", 'nom;équipe\n"Bob;Bleu\nCarl;Vert\n'.encode(), "text/csv")
    at.run()
    assert not at.exception
    assert "Line 2" in texts(at) or "line 2" in texts(at).lower()
    assert any("Nothing is imported until every line is valid" in w.value for w in at.warning)
    assert at.button(key="ws.roster.import").disabled


@pytest.mark.usefixtures("app_db")
def test_an_imported_roster_is_confirmed_and_the_uploader_starts_afresh():
    at = _workshop()
    _uploader(at).upload("roster.csv", "nom;équipe\nAlice;Rouge\nBob;Bleu\n".encode(), "text/csv")
    at.run()
    assert not at.button(key="ws.roster.import").disabled
    at.button(key="ws.roster.import").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Names added to the workshop roster: 2."]
    assert not [b for b in at.button if b.key == "ws.roster.import"]  # the uploader is empty
    assert "Alice (Rouge)" in texts(at)


@pytest.mark.usefixtures("app_db")
def test_the_roster_help_states_the_uploaders_limit():
    at = _workshop()
    assert "at most 1 MB" in texts(at)


@pytest.mark.usefixtures("app_db")
def test_an_out_of_range_knob_is_refused_and_not_saved():
    at = _workshop()
    ws = at.selectbox(key="ws.pick").value
    at.number_input(key=f"ws.knob.{ws}.{WILDLIFE}.corruption").set_value(50).run()
    at.button(key=f"ws.assign.{WILDLIFE}").click().run()
    assert not at.exception
    assert any("Corruption × must be between 0 and 5" in e.value for e in at.error)
    at = _workshop()  # a fresh session: nothing was assigned
    assert at.number_input(key=f"ws.knob.{ws}.{WILDLIFE}.corruption").value == 1.0


@pytest.mark.usefixtures("app_db")
def test_the_studio_world_is_omniscient_in_its_words_and_colours():
    at = as_instructor()
    at.switch_page("pages/studio.py").run()
    assert not at.exception
    words = texts(at)
    assert "You found" not in words and "Network members" in words
    network = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    colours = [layer["encoding"].get("color", {}).get("field") for layer in network["layer"]]
    assert "role" in colours and "status" not in colours  # coloured by role, not found/unknown


def test_starting_a_readiness_round_opens_the_new_round_at_once(app_db):
    from tests.pages.test_guidance_pages import as_member, seeded_round

    seeded_round(app_db, {"Amina Wanjiru": [1, 2]}, title="Baseline 2025")
    at = as_member()
    at.switch_page("pages/assessment.py").run()
    assert at.selectbox(key="guidance.round").format_func(
        at.selectbox(key="guidance.round").value).startswith("Baseline 2025")
    at.text_input(key="guidance.new_title").input("Follow-up 2026")
    at.button(key="FormSubmitter:guidance.new_round-Start the round").click().run()
    assert not at.exception
    box = at.selectbox(key="guidance.round")
    assert box.format_func(box.value).startswith("Follow-up 2026")
    assert "Submitted" not in texts(at)


def _widths(frame) -> dict[str, int]:
    """Each column's configured width, from the dataframe's column config."""
    config = json.loads(frame.proto.columns or "{}")
    return {name: c.get("width") for name, c in config.items() if not name.startswith("_")}


def _played(app_db):
    from tests.pages.test_instructor_pages import played

    return played.__wrapped__(app_db)


def test_dashboard_and_cohort_headers_are_whole_and_counts_whole(app_db):
    _played(app_db)
    at = as_instructor()
    at.switch_page("pages/dashboard.py").run()
    assert not at.exception
    widths = _widths(at.dataframe[0])
    assert widths["Last activity"] >= len("Last activity") * 7
    at.switch_page("pages/cohort.py").run()
    assert not at.exception
    histogram = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    axis = histogram["encoding"]["y"]["axis"]
    assert axis["tickMinStep"] == 1 and axis["format"] == "d"
    refused = next(f for f in at.dataframe if "Times" in json.loads(f.proto.columns or "{}"))
    assert all(w >= len(h) * 7 for h, w in _widths(refused).items())


def test_readiness_results_name_modules_by_title_and_show_a_dash_for_no_score(app_db):
    from academy import assessments, teams
    from academy.accounts import join_workshop
    from academy.db import make_engine, session_scope
    from academy.demo import DEMO_TEAM_CODE
    from academy.guidance import load_framework
    from tests.pages.test_guidance_pages import as_member

    fw = load_framework()
    with_modules = next(i for i in fw.indicators.values() if "nest-model" in i.modules)
    with session_scope(make_engine(app_db)) as s:
        team = teams.team_by_code(s, code=DEMO_TEAM_CODE)
        amina = join_workshop(s, new=True, code=DEMO_TEAM_CODE, name="Amina Wanjiru", pin="2468")
        round_ = assessments.create_assessment(s, acting_user_id=amina.id, team_id=team.id,
                                               title="Partial")
        assessments.save_score(s, acting_user_id=amina.id, assessment_id=round_.id,
                               indicator_id=with_modules.id, level=0, valid_ids=list(fw.indicators))
        assessments.set_sheet_agency(s, acting_user_id=amina.id, assessment_id=round_.id,
                                     agency="police")
        assessments.submit_sheet(s, acting_user_id=amina.id, assessment_id=round_.id,
                                 indicator_ids=list(fw.indicators), confirm_incomplete=True)
    at = as_member()
    at.switch_page("pages/readiness_results.py").run()
    assert not at.exception
    captions = [c.value for c in at.caption if c.value.startswith("Curriculum modules:")]
    assert captions and all("nest-model" not in c for c in captions)
    table = at.dataframe[0].value
    score = set(table[next(c for c in table.columns if c.startswith("Score"))].astype(str))
    assert "—" in score and "None" not in score


@pytest.mark.usefixtures("app_db")
def test_sign_in_with_markup_in_the_name_says_what_is_wrong():
    from academy.demo import DEMO_WORKSHOP_CODE
    from tests.pages.helpers import app

    at = app()
    at.text_input(key="signin.code").input(DEMO_WORKSHOP_CODE)
    at.text_input(key="signin.name").input("<b>Bad</b>")
    at.text_input(key="signin.pin").input("1234")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert any("cannot contain < or >" in e.value for e in at.error)
