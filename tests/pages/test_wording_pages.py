"""A French or Arabic trainee reads counts, numbers and quiz marks in correct grammar
(AppTest from app.py)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from academy.bank import QUESTIONS_SHOWN
from academy.db import make_engine, session_scope
from academy.models import User
from academy.progress import submit_attempt
from tests.academy.curriculum_helpers import right_answers, wrong_answers
from tests.pages.helpers import as_trainee
from tests.pages.test_curriculum_pages import CATALOGUE, MODULE, MODULE_ID, answer, open_quiz

pytestmark = pytest.mark.usefixtures("app_db")


def complete_one_module(app_db: str) -> None:
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        trainee = s.exec(select(User).where(User.display_name == "Demo Trainee")).one()
        submit_attempt(s, user_id=trainee.id, module=MODULE, answers=right_answers(MODULE))
    engine.dispose()


def test_a_french_trainee_with_one_module_done_reads_the_singular(app_db):
    complete_one_module(app_db)
    at = as_trainee()
    at.selectbox(key="sidebar.language").select("fr").run()
    at.switch_page("pages/modules.py").run()
    assert not at.exception
    total = len(CATALOGUE.ids())
    overall = at.get("progress")[0].proto.text
    assert overall == f"1 module terminé sur {total}", overall


def test_an_arabic_trainee_reads_the_module_minutes_in_arabic_grammar(app_db):
    at = as_trainee()
    at.selectbox(key="sidebar.language").select("ar").run()
    at.switch_page("pages/modules.py").run()
    captions = " ".join(c.value for c in at.caption)
    minutes = {CATALOGUE.module(m, "en")[0].minutes for m in CATALOGUE.ids()}
    for n in minutes:
        if 11 <= n % 100 <= 99:
            assert f"{n}\u2069 دقيقة" in captions  # 11-99: singular accusative
        elif 3 <= n % 100 <= 10:
            assert f"{n}\u2069 دقائق" in captions  # 3-10: plural


def test_a_wrong_true_false_answer_is_not_marked_with_the_option_word_false():
    """A French trainee who answers "Vrai" where the statement is false reads "Mauvaise
    réponse", never "Faux" (the option the statement's answer is)."""
    at = as_trainee()
    at.selectbox(key="sidebar.language").select("fr").run()
    module, _ = CATALOGUE.module(MODULE_ID, "fr")
    at = answer(open_quiz(at), wrong_answers(module), submit="Envoyer les réponses")
    options = {o.text for q in module.quiz for o in q.options}
    assert {"Vrai", "Faux"} <= options
    marks = [e.proto.label.split(" — ")[0].split(". ", 1)[1]
             for e in at.get("expander") if " — " in e.proto.label]
    assert len(marks) == QUESTIONS_SHOWN, marks  # one mark per question drawn
    assert not set(marks) & options, marks


def test_typed_text_keeps_its_own_direction_on_an_arabic_page():
    """Typed text on an Arabic page is isolated, as t() isolates its values: punctuation at
    the edge of an English title ("Mombasa workshop.") otherwise takes the page's direction
    and is drawn at the wrong end (Unicode bidi: a neutral at a run's edge)."""
    at = as_trainee()
    at.selectbox(key="sidebar.language").select("ar").run()
    titles = [m.value for m in at.markdown if "Demo workshop" in m.value]
    assert titles == ["**\u2068Demo workshop (regional NEST training)\u2069**"], titles
    assert at.title[0].value.count("\u2068") == 1  # the welcome's name isolated once, not twice
