"""Modules and scenarios an instructor assigns to a workshop reach its trainees: first on
their home, modules page and exercises page, marked, with progress against them
(AppTest via app.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from tests.pages.helpers import WILDLIFE_CARD, as_trainee

MODULES = ["network-analysis", "interpol-notices", "case-meetings"]


def titles() -> list[str]:
    from academy.assignments import module_titles

    return [module_titles()[m] for m in MODULES]


@pytest.fixture
def assigned(app_db):
    """The demo workshop assigns three modules and the wildlife scenario; the demo trainee
    has passed the second module."""
    from academy import assignments, progress
    from academy.db import make_engine, session_scope
    from academy.demo import DEMO_INSTRUCTOR, DEMO_TRAINEE, DEMO_WORKSHOP_CODE
    from academy.models import User, Workshop
    from academy.scenarios import sync_shipped

    engine = make_engine(app_db)
    with session_scope(engine) as s:
        sync_shipped(s)
        instructor = s.exec(select(User).where(User.username == DEMO_INSTRUCTOR[0])).one()
        trainee = s.exec(select(User).where(User.display_name == DEMO_TRAINEE[0])).one()
        workshop = s.exec(select(Workshop).where(Workshop.join_code == DEMO_WORKSHOP_CODE)).one()
        assignments.set_modules(s, user=instructor, workshop_id=workshop.id, module_ids=MODULES)
        assignments.assign_scenario(s, user=instructor, workshop_id=workshop.id,
                                    scenario_id="wildlife-ivory-corridor")
        row = progress.open_module(s, user_id=trainee.id, module_id=MODULES[1])
        row.completed_at = datetime.now(UTC)
        s.add(row)
    engine.dispose()


def progress_texts(at) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def markdowns(at) -> list[str]:
    return [m.value for m in at.markdown]


@pytest.mark.usefixtures("assigned")
def test_the_trainee_home_shows_assigned_modules_and_progress():
    at = as_trainee()
    assert not at.exception
    assert "1 of 3 assigned modules passed" in progress_texts(at), progress_texts(at)
    assert "0 of 1 assigned exercises played to the end" in progress_texts(at)
    links = [link.proto.label for link in at.get("page_link")]
    assert links[:3] == titles(), links
    assert any("Assigned" in m and "Ivory Corridor" in m for m in markdowns(at))


@pytest.mark.usefixtures("assigned")
def test_the_modules_page_lists_assigned_modules_first_and_marked():
    from academy.assignments import module_titles

    at = as_trainee().switch_page("pages/modules.py").run()
    assert not at.exception
    assert "1 of 3 assigned modules passed" in progress_texts(at), progress_texts(at)
    known = set(module_titles().values())
    texts = [*markdowns(at), ""]
    cards = [(m.strip("*"), "Assigned" in texts[i + 1]) for i, m in enumerate(texts[:-1])
             if m.strip("*") in known]
    assert cards[:3] == [(x, True) for x in titles()], cards
    assert not any(marked for _, marked in cards[3:]), cards
    assert len(cards) == len(known)


@pytest.mark.usefixtures("assigned")
def test_the_exercises_page_marks_the_assigned_scenario():
    at = as_trainee().switch_page("pages/exercises.py").run()
    assert not at.exception
    assert "0 of 1 assigned exercises played to the end" in progress_texts(at)
    texts = markdowns(at)
    assert "Assigned" in texts[texts.index(WILDLIFE_CARD) + 1], texts


def test_the_exercise_list_gives_the_score_the_debrief_gives(app_db):
    """A user trial: the list said "score 19" where the debrief said "18.5 / 100"."""
    from sqlmodel import Session

    from academy.db import make_engine
    from academy.models import ExerciseRecord
    from academy.wording import number
    from tests.pages.helpers import play_to_end

    exercise_id, _ = play_to_end(app_db, {"kind": "advance", "days": 1})
    engine = make_engine(app_db)
    with Session(engine) as s:
        score = s.get(ExerciseRecord, exercise_id).score
    engine.dispose()
    at = as_trainee().switch_page("pages/exercises.py").run()
    captions = " ".join(c.value for c in at.caption)
    assert f"score {number(score, 'en', '.1f')}" in captions, (score, captions)
