"""The curriculum pages, started from app.py, for each role (AppTest)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from academy.bank import QUESTIONS_SHOWN
from academy.certificates import issue_due
from academy.curriculum import Catalogue, LearningPath, load_catalogue
from academy.db import make_engine, session_scope
from academy.models import User
from academy.progress import attempts_of, submit_attempt
from tests.academy.curriculum_helpers import right_answers, wrong_answers
from tests.pages.helpers import app, as_instructor, as_trainee, texts

pytestmark = pytest.mark.usefixtures("app_db")
CATALOGUE = load_catalogue()
MODULE_ID = "interpol-notices"
MODULE, _ = CATALOGUE.module(MODULE_ID, "en")
TRAINEE_PAGES = ["pages/modules.py", "pages/module.py", "pages/certificates.py"]


def everything(at) -> str:  # type: ignore[no-untyped-def]
    """All text the page sends: elements, widget labels and options, HTML blocks."""
    parts = [texts(at)]
    parts += [str(r.options) + str(r.label) for r in at.radio]
    parts += [c.label for c in at.checkbox]
    parts += [h.proto.body for h in at.get("html")]
    parts += [str(e.proto) for e in at.get("expander")]
    return "\n".join(parts)


def open_quiz(at):  # type: ignore[no-untyped-def]
    at.switch_page("pages/module.py")
    at.query_params["module"] = MODULE_ID
    at.run()
    last = len(MODULE.sections)
    at.selectbox(key="module.jump").select(last).run()
    return at


def shown(at, nonce: int = 0) -> list:  # type: ignore[no-untyped-def]
    """The questions of the bank the form on screen asks (this attempt's draw)."""
    prefix = f"module.q{nonce}."
    keys = {w.key[len(prefix):].split(".")[0] for w in [*at.radio, *at.checkbox]
            if w.key and w.key.startswith(prefix)}
    return [q for q in MODULE.quiz if q.id in keys]


def answer(at, answers: dict[str, list[str]], nonce: int = 0,  # type: ignore[no-untyped-def]
           submit: str = "Submit answers"):
    for question in shown(at, nonce):
        chosen = answers.get(question.id, [])
        if question.type == "multiple":
            for option in question.options:
                at.checkbox(key=f"module.q{nonce}.{question.id}.{option.id}").set_value(
                    option.id in chosen)
        elif chosen:
            at.radio(key=f"module.q{nonce}.{question.id}").set_value(chosen[0])
    at.button(key=f"FormSubmitter:module.quiz_form.{nonce}-{submit}").click().run()
    return at


@pytest.mark.parametrize("page", [*TRAINEE_PAGES, "pages/workshop_progress.py"])
def test_signed_out_visitor_is_asked_to_sign_in(page):
    at = app()
    at.switch_page(page).run()
    assert "Please sign in" in texts(at) and not at.exception


def test_catalogue_lists_modules_with_progress():
    at = as_trainee()
    at.switch_page("pages/modules.py").run()
    assert not at.exception
    assert at.title[0].value == "Modules"
    assert MODULE.title in texts(at)
    assert "0 of" in at.get("progress")[0].proto.text
    assert at.button(key=f"modules.open.{MODULE_ID}").label == "Start"


def test_an_unknown_module_in_the_url_is_refused():
    at = as_trainee()
    at.switch_page("pages/module.py")
    at.query_params["module"] = "../../etc/passwd"
    at.run()
    assert "This module does not exist" in at.error[0].value


def test_reading_resumes_where_the_trainee_left_off():
    at = as_trainee()
    at.switch_page("pages/module.py")
    at.query_params["module"] = MODULE_ID
    at.run()
    assert at.title[0].value == MODULE.title
    assert "Step 1 of" in at.get("progress")[0].proto.text
    at.button(key="module.next").click().run()
    at.button(key="module.next").click().run()
    assert "Step 3 of" in at.get("progress")[0].proto.text
    at = as_trainee()  # a new visit
    at.switch_page("pages/module.py").run()  # no ?module=: the last module opened
    assert at.title[0].value == MODULE.title
    assert "Step 3 of" in at.get("progress")[0].proto.text
    assert MODULE.sections[2].title in everything(at)


def test_the_quiz_is_sent_without_its_answer_key():
    at = open_quiz(as_trainee())
    assert not at.exception
    page = everything(at)
    asked = shown(at)
    assert len(asked) == QUESTIONS_SHOWN and asked[0].prompt in page
    assert f"{QUESTIONS_SHOWN} questions, drawn from a bank of {len(MODULE.quiz)}" in page
    for question in MODULE.quiz:
        for option in question.options:
            assert option.why not in page


def test_a_failed_attempt_explains_the_choices_made_but_not_the_key_nor_other_questions():
    at = open_quiz(as_trainee())
    asked = shown(at)
    chosen = wrong_answers(MODULE)
    at = answer(at, chosen)
    assert at.error[0].value.startswith("Not passed yet")
    page = everything(at)
    told = {o.why for q in asked for o in q.options if o.id in chosen[q.id]}
    for question in MODULE.quiz:
        for option in question.options:
            if option.why in told:
                assert option.why in page  # why the trainee's own choice is not right
            else:  # neither the right option's explanation nor any question not asked
                assert option.why not in page, (question.id, option.id)
        if question not in asked:
            assert question.prompt not in page
    assert "correct answer" not in page and "not shown" in page
    at.button(key="module.retry").click().run()
    again = shown(at, nonce=1)
    assert len(again) == QUESTIONS_SHOWN and not set(again) & set(asked)  # new questions


def test_a_resumed_attempt_shows_the_same_questions():
    first = shown(open_quiz(as_trainee()))
    assert shown(open_quiz(as_trainee())) == first  # a new visit before submitting


def test_answers_sent_from_a_tab_left_behind_are_not_marked_and_the_next_draw_is_shown(app_db):
    old_tab = open_quiz(as_trainee())
    asked = shown(old_tab)
    other_tab = answer(open_quiz(as_trainee()), right_answers(MODULE))  # submitted elsewhere
    assert other_tab.success[0].value.startswith("Passed")
    before = stored_attempts(app_db)
    old_tab = answer(old_tab, right_answers(MODULE))
    assert not old_tab.exception and not old_tab.success
    assert old_tab.warning[-1].value.startswith("These answers were for a knowledge check")
    assert stored_attempts(app_db) == before  # nothing marked twice
    fresh = shown(old_tab, nonce=1)
    assert len(fresh) == QUESTIONS_SHOWN and not set(fresh) & set(asked)


def test_fail_see_why_retry_pass_and_progress_shows_it():
    at = open_quiz(as_trainee())
    first = shown(at)[0]
    at = answer(at, wrong_answers(MODULE))
    assert at.error[0].value.startswith("Not passed yet")
    page = everything(at)
    mistake = next(o for o in first.options if o.id == wrong_answers(MODULE)[first.id][0])
    assert "Wrong" in page and mistake.why in page
    at.button(key="module.retry").click().run()
    at = answer(at, right_answers(MODULE), nonce=1)
    assert at.success[0].value.startswith("Passed")
    at.switch_page("pages/modules.py").run()
    assert "Completed, best score 100%" in texts(at)
    at.switch_page("pages/trainee_home.py").run()
    assert "1 of" in at.get("progress")[0].proto.text


def stored_attempts(app_db: str) -> int:
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        trainee = s.exec(select(User).where(User.display_name == "Demo Trainee")).one()
        count = len(attempts_of(s, actor_id=trainee.id, user_id=trainee.id, module_id=MODULE_ID))
    engine.dispose()
    return count


def test_blank_questions_are_pointed_out_and_nothing_is_marked_until_answered(app_db):
    at = open_quiz(as_trainee())
    before = stored_attempts(app_db)
    asked = shown(at)
    blank = [asked[0].id, asked[-1].id]
    at = answer(at, {q: a for q, a in right_answers(MODULE).items() if q not in blank})
    assert not at.exception and not at.error and not at.success
    total = QUESTIONS_SHOWN
    assert at.warning[-1].value == (f"Not marked yet: 2 of {total} questions have no answer "
                                   f"(question no. 1, {total}). Answer every question, then "
                                   "submit again.")
    page = everything(at)
    assert "Wrong" not in page and not any(o.why in page for q in asked for o in q.options)
    assert stored_attempts(app_db) == before  # not graded, not recorded
    kept = next(q for q in asked[1:-1] if q.type != "multiple")
    assert at.radio(key=f"module.q0.{kept.id}").value is not None  # answers kept
    assert shown(at) == asked  # the same draw until it is submitted
    at = answer(at, right_answers(MODULE))
    assert not [w for w in at.warning if "Not marked" in w.value]
    assert at.success[0].value.startswith("Passed")
    assert stored_attempts(app_db) == before + 1


def test_the_blank_question_warning_is_translated():
    at = as_trainee()
    at.selectbox(key="sidebar.language").select("fr").run()
    at = answer(open_quiz(at), {}, submit="Envoyer les réponses")
    assert at.warning[-1].value.startswith(f"Rien n'est encore noté\u202f: {QUESTIONS_SHOWN} question")


def open_in_arabic(module_id: str):  # type: ignore[no-untyped-def]
    at = as_trainee()
    at.selectbox(key="sidebar.language").select("ar").run()
    at.switch_page("pages/module.py")
    at.query_params["module"] = module_id
    return at.run()


def test_an_arabic_module_reads_right_to_left():
    arabic, _ = CATALOGUE.module("case-meetings", "ar")
    at = open_in_arabic("case-meetings")
    assert not at.exception and at.title[0].value == arabic.title
    assert not at.info  # no "shown in English" notice
    reading = at.get("html")[-1].proto.body
    assert 'lang="ar" dir="rtl"' in reading and arabic.sections[0].title in reading
    assert "border-inline-start" in reading  # the note's bar on the reading's start side


def test_arabic_ui_reads_english_content_and_says_so(monkeypatch):
    """A module not yet translated into Arabic is shown in English, left to right."""
    import ui.curriculum

    some = {lang: dict(by_id) for lang, by_id in CATALOGUE.modules.items()}
    some.get("ar", {}).pop(MODULE_ID, None)
    monkeypatch.setattr(ui.curriculum, "load_catalogue",
                        lambda: Catalogue(modules=some, paths=CATALOGUE.paths))
    ui.curriculum.catalogue.clear()
    try:
        at = open_in_arabic(MODULE_ID)
    finally:
        ui.curriculum.catalogue.clear()
    assert at.title[0].value == MODULE.title
    assert "بالإنجليزية" in at.info[0].value
    assert 'lang="en" dir="ltr"' in at.get("html")[-1].proto.body


def test_prerequisites_are_shown_as_a_gentle_warning():
    at = as_trainee()
    at.switch_page("pages/module.py")
    at.query_params["module"] = MODULE_ID
    at.run()
    assert at.warning and "builds on" in at.warning[0].value
    assert at.button(key="module.next")  # not blocked


def demo_trainee_completes_a_path(app_db: str) -> str:
    engine = make_engine(app_db)
    catalogue = Catalogue(modules=CATALOGUE.modules, paths=(
        LearningPath(id="mini", title={"en": "Mini"}, modules=(MODULE_ID,)),))
    with session_scope(engine) as s:
        trainee = s.exec(select(User).where(User.display_name == "Demo Trainee")).one()
        submit_attempt(s, user_id=trainee.id, module=MODULE, answers=right_answers(MODULE))
        [certificate] = issue_due(s, user_id=trainee.id, catalogue=catalogue)
        code = certificate.code
    engine.dispose()
    return code


def test_certificates_page_lists_paths():
    at = as_trainee()
    at.switch_page("pages/certificates.py").run()
    assert not at.exception and at.title[0].value == "My certificates"


def test_certificate_download_and_public_verification(app_db):
    code = demo_trainee_completes_a_path(app_db)
    at = as_trainee()
    at.switch_page("pages/certificates.py").run()
    if CATALOGUE.paths:
        assert not at.exception
    at = app()  # signed out
    at.switch_page("pages/verify.py").run()
    assert at.title[0].value == "Verify a certificate"
    at.text_input(key="verify.code").input(code.lower())
    at.button(key="FormSubmitter:verify.form-Verify").click().run()
    assert at.success[0].value == "This certificate is genuine."
    assert "Demo Trainee" in texts(at)
    at.text_input(key="verify.code").input("NOTACODE23")
    at.button(key="FormSubmitter:verify.form-Verify").click().run()
    assert at.warning[0].value.startswith("No certificate has this code")


def test_verify_page_is_listed_for_everyone_including_signed_out_people():
    from ui.navigation import ANYONE, PAGES

    spec = next(p for p in PAGES if p.path == "pages/verify.py")
    assert {"trainee", "instructor", "admin", ANYONE} <= set(spec.roles)
    sign_in = next(p for p in PAGES if p.path == "pages/sign_in.py")
    assert sign_in.roles == ()  # still only for people not signed in


def test_trainee_is_refused_on_the_instructor_page():
    at = as_trainee()
    at.switch_page("pages/workshop_progress.py").run()
    assert at.error[0].value.startswith("Access refused")
    assert not at.get("vega_lite_chart")


def test_instructor_is_refused_on_trainee_pages():
    at = as_instructor()
    at.switch_page("pages/module.py").run()
    assert at.error[0].value.startswith("Access refused")


def test_instructor_sees_workshop_progress_with_charts(app_db):
    demo_trainee_completes_a_path(app_db)
    at = as_instructor()
    at.switch_page("pages/workshop_progress.py").run()
    assert not at.exception
    assert at.title[0].value == "Workshop progress"
    assert len(at.get("vega_lite_chart")) == 2
    assert "Demo Trainee" in str(at.dataframe[0].value)
    assert at.selectbox(key="cohort.module").value == MODULE_ID


def test_after_passing_the_next_module_is_one_click_away():
    at = answer(open_quiz(as_trainee()), right_answers(MODULE))
    assert at.success[0].value.startswith("Passed")
    ids = CATALOGUE.ids()
    following = CATALOGUE.module(ids[(ids.index(MODULE_ID) + 1) % len(ids)], "en")[0]
    at.button(key="module.next_module").click().run()
    assert not at.exception
    assert at.title[0].value == following.title
