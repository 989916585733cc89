"""The training plan through app.py: the country team sees and requests it, an instructor
makes the workshop in one click, and everyone else is refused."""

from __future__ import annotations

import pytest
from sqlmodel import select

from academy import assignments
from academy.models import TrainingRequest, Workshop
from tests.pages.helpers import as_admin, as_instructor, as_trainee, texts
from tests.pages.test_guidance_pages import as_member, db, seeded_round

WEAK = [3, 3, 0, 3, 3, 1, 3]  # a level per indicator, repeating: some weak, most strong


@pytest.fixture
def url(app_db):
    return app_db


def test_a_member_sees_the_plan_and_asks_for_it(url):
    seeded_round(url, {"Amina Wanjiru": WEAK})
    at = as_member()
    at.switch_page("pages/training_plan.py").run()
    assert not at.exception
    page = texts(at)
    assert "Training plan" in page and "Curriculum modules" in page and "Exercises" in page
    assert "trains:" in page
    weak_rows = at.dataframe[0].value
    assert set(weak_rows["Score"]) <= {"0.0 / 3", "1.0 / 3"} and len(weak_rows) == 6
    at.button(key="plan.request").click().run()
    assert not at.exception
    assert "waiting for an instructor" in texts(at)
    with db(url) as s:
        assert len(s.exec(select(TrainingRequest)).all()) == 1


def test_a_member_without_a_scored_round_is_told_what_to_do(url):
    at = as_member()
    at.switch_page("pages/training_plan.py").run()
    assert not at.exception
    assert "Score a readiness assessment round first" in texts(at)


def test_the_instructor_makes_the_workshop_and_the_team_gets_its_join_code(url):
    seeded_round(url, {"Amina Wanjiru": WEAK})
    member = as_member()
    member.switch_page("pages/training_plan.py").run()
    member.button(key="plan.request").click().run()
    at = as_instructor()
    at.switch_page("pages/training_requests.py").run()
    assert not at.exception
    assert "Demo NEST team (Kenya)" in " ".join(e.label for e in at.expander)
    with db(url) as s:
        request_id = s.exec(select(TrainingRequest)).one().id
    at.text_input(key=f"requests.title.{request_id}").input("Kenya NEST 2027").run()
    at.button(key=f"requests.create.{request_id}").click().run()
    assert not at.exception
    with db(url) as s:
        workshop = s.exec(select(Workshop).where(Workshop.title == "Kenya NEST 2027")).one()
        request = s.get(TrainingRequest, request_id)
        modules = assignments.modules_of(s, workshop_id=workshop.id)
        scenarios = assignments.scenarios_of(s, workshop_id=workshop.id)
    assert request.workshop_id == workshop.id and workshop.country_team_id is not None
    assert modules == [m["id"] for m in request.plan["modules"]] and scenarios
    assert workshop.join_code in texts(at)
    member.run()
    assert f"join it with the code {workshop.join_code}" in texts(member)


@pytest.mark.usefixtures("url")
def test_trainees_are_refused_both_pages_and_instructors_the_teams_plan():
    trainee = as_trainee()
    for page in ("pages/training_plan.py", "pages/training_requests.py"):
        trainee.switch_page(page).run()
        assert not trainee.exception and trainee.error, page
    instructor = as_instructor()
    instructor.switch_page("pages/training_plan.py").run()
    assert not instructor.exception and instructor.error
    member = as_member()
    member.switch_page("pages/training_requests.py").run()
    assert not member.exception and member.error
    admin = as_admin()
    admin.switch_page("pages/training_requests.py").run()
    assert not admin.exception and "No country team has asked" in texts(admin)


def test_results_show_each_indicators_trend_beside_the_training_done(url):
    seeded_round(url, {"Amina Wanjiru": WEAK}, title="Baseline")
    seeded_round(url, {"Amina Wanjiru": [3, 3, 1, 3, 3, 2, 3]}, title="After training")
    at = as_member()
    at.switch_page("pages/readiness_results.py").run()
    assert not at.exception
    assert "Progress and training" in texts(at)
    table = next(df.value for df in at.dataframe if "Score over the rounds" in df.value.columns)
    assert len(table) == 42
    assert table["Score over the rounds"].map(len).eq(2).all()
    assert set(table["Module passes"]) == {0}  # nobody from this team has trained yet


def test_the_progress_tables_this_round_is_the_round_on_screen(url):
    """Looking back at an older round, "This round" is that round's score, not the newest."""
    baseline = seeded_round(url, {"Amina Wanjiru": WEAK}, title="Baseline")
    seeded_round(url, {"Amina Wanjiru": [3, 3, 1, 3, 3, 2, 3]}, title="After training")
    at = as_member()
    at.switch_page("pages/readiness_results.py").run()
    at.selectbox(key="guidance.round").select(baseline).run()
    assert not at.exception
    table = next(df.value for df in at.dataframe if "Score over the rounds" in df.value.columns)
    assert set(table["This round"]) == {"0.0", "1.0", "3.0"}  # the baseline's levels
