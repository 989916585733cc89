"""The instructor's pages read as a person would: no raw None, codes or English leftovers,
and a sentence instead of an empty table (AppTest, from app.py)."""

from __future__ import annotations

from textwrap import shorten

from sqlmodel import select

from academy import assignments, exercises
from academy.curriculum import load_catalogue
from academy.db import make_engine, session_scope
from academy.models import User
from academy.progress import current_quiz, submit_attempt
from academy.scenarios import sync_shipped
from tests.academy.curriculum_helpers import right_answers, wrong_answers
from tests.pages.helpers import KNOWN_COMPANY, as_instructor, as_trainee, texts

WILDLIFE = "wildlife-ivory-corridor"
MODULE, _ = load_catalogue().module("interpol-notices", "en")
RAW = ("None", "nan", "NaN", "notice.bad_subject", "refused:", "accepted")


def start(app_db: str, *, refused_notice: bool = True, finish: bool = False) -> int:
    """The demo trainee starts the wildlife scenario (and may ask a wrong notice, finish)."""
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        version = next(v for v in sync_shipped(s) if v.scenario_id == WILDLIFE)
        trainee = s.exec(select(User).where(User.role == "trainee")).one()
        record = exercises.start(s, user=trainee, scenario_version_id=version.id, workshop_id=1)
        held = None
        if refused_notice:
            held = exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=held, action={
                "kind": "request_notice", "colour": "red", "subject": KNOWN_COMPANY, "purpose": "arrest"})
        while finish and (held is None or not held.live.finished):
            held = exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=held,
                                  action={"kind": "advance", "days": 7})
        exercise_id = record.id
    engine.dispose()
    return exercise_id


def cells(at) -> str:  # type: ignore[no-untyped-def]
    """Every header and cell of every table on the page."""
    return "\n".join(f"{list(df.value.columns)}\n{df.value.astype(str).to_string()}"
                     for df in at.dataframe)


def french(at):  # type: ignore[no-untyped-def]
    at.selectbox(key="sidebar.language").select("fr").run()
    return at


def test_workshop_progress_shows_a_dash_not_none_for_modules_nobody_tried(app_db):
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        trainee = s.exec(select(User).where(User.role == "trainee")).one()
        submit_attempt(s, user_id=trainee.id, module=MODULE, answers=right_answers(MODULE))
    engine.dispose()
    at = as_instructor()
    at.switch_page("pages/workshop_progress.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    average = dict(zip(table["Module"], table["Average best score (%)"], strict=True))
    assert average[MODULE.title] == "100"
    assert set(v for k, v in average.items() if k != MODULE.title) == {"—"}
    assert "None" not in cells(at)


def test_workshop_progress_names_hard_questions_by_number_and_shows_percent(app_db):
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        trainee = s.exec(select(User).where(User.role == "trainee")).one()
        _, asked = current_quiz(s, user_id=trainee.id, module_id=MODULE.id, bank=MODULE.quiz)
        missed = asked[-1]  # numbered by its place in the bank, not in the trainee's draw
        answers = right_answers(MODULE) | {missed.id: wrong_answers(MODULE)[missed.id]}
        submit_attempt(s, user_id=trainee.id, module=MODULE, answers=answers)
    engine.dispose()
    at = as_instructor()
    at.switch_page("pages/workshop_progress.py").run()
    assert not at.exception
    hard = at.dataframe[-1].value
    first = hard.iloc[0]
    number = MODULE.quiz.index(missed) + 1
    prompt = shorten(MODULE.quiz[number - 1].prompt, 70, placeholder="…")
    assert first["Question"] == f"{number}. {prompt}"  # a number, not the id
    assert first["Wrong on first attempt"] == "100%"  # a percent, written the reader's way
    assert not any(str(q).startswith("q") for q in hard["Question"])


def test_dashboard_decision_log_says_why_a_notice_was_refused_in_words(app_db):
    start(app_db)
    at = french(as_instructor())
    at.switch_page("pages/dashboard.py").run()
    assert not at.exception
    log = at.dataframe[-1].value
    [result] = list(log["Résultat"])
    assert result.startswith("✘ Refusé\u202f: cette notice doit viser")
    assert "notice.bad_subject" not in cells(at)


def test_dashboard_says_when_a_trainee_has_not_decided_anything_yet(app_db):
    start(app_db, refused_notice=False)
    at = as_instructor()
    at.switch_page("pages/dashboard.py").run()
    assert not at.exception
    assert "Desk of Demo Trainee" in texts(at) and "No decision logged yet." in texts(at)
    assert len(at.dataframe) == 1  # the room; no empty decision grid


def test_dashboard_per_team_names_the_trainees_without_a_team(app_db):
    start(app_db)
    at = as_instructor()
    at.switch_page("pages/dashboard.py").run()
    at.toggle(key="dash.per_team").set_value(True).run()
    assert not at.exception
    assert list(at.dataframe[0].value["Team"]) == ["(no team)"]


def test_dashboard_module_progress_is_headed_by_module_titles(app_db):
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        boss = s.exec(select(User).where(User.role == "instructor")).first()
        assignments.set_modules(s, user=boss, workshop_id=1, module_ids=[MODULE.id])
    engine.dispose()
    at = as_instructor()
    at.switch_page("pages/dashboard.py").run()
    assert not at.exception
    headers = [c for df in at.dataframe for c in df.value.columns]
    assert MODULE.title in headers and MODULE.id not in headers


def test_cohort_debrief_in_french_has_no_english_leftovers_or_codes(app_db):
    start(app_db, finish=True)
    at = french(as_instructor())
    at.switch_page("pages/cohort.py").run()
    assert not at.exception
    assert at.selectbox(key="hotwash.scenario").options == [
        "Le corridor de l'ivoire\u202f: du Niassa à Hai Phong"]
    page = cells(at)
    assert "Intercepter le flux d'ivoire" in page  # objectives in French
    assert "Réserve spéciale du Niassa > " in page and "niassa-reserve" not in page  # place names
    assert "✘ Refusé\u202f: cette notice" in page
    for raw in RAW:
        assert raw not in page, raw


def test_cohort_debrief_says_so_when_no_notice_was_refused(app_db):
    start(app_db, refused_notice=False, finish=True)
    at = as_instructor()
    at.switch_page("pages/cohort.py").run()
    assert not at.exception
    assert "No notice request was refused." in texts(at)
    assert "No decision logged yet." in texts(at)  # the side-by-side logs: nothing to compare


def test_the_trainee_debrief_gives_the_reason_for_a_refusal_not_its_code(app_db):
    at = as_trainee()
    at.session_state["desk.exercise"] = start(app_db, finish=True)
    at.switch_page("pages/debrief.py").run()
    assert not at.exception
    page = cells(at)
    assert "✘ Refused: this notice must name" in page and "notice.bad_subject" not in page


def test_the_trainee_desk_timeline_gives_the_reason_for_a_refusal(app_db):
    at = as_trainee()
    at.session_state["desk.exercise"] = start(app_db)
    at.session_state["desk.tab"] = "Timeline"
    at.switch_page("pages/desk.py").run()
    assert not at.exception
    page = cells(at)
    assert "✘ Refused: this notice must name" in page and "notice.bad_subject" not in page
