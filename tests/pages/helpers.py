"""Drive ``app.py`` with Streamlit's AppTest as a given role."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from academy.demo import DEMO_ADMIN, DEMO_INSTRUCTOR, DEMO_TRAINEE, DEMO_WORKSHOP_CODE
from engine.exercise import Exercise
from engine.records import TraineeView

APP = str(Path(__file__).resolve().parents[2] / "app.py")

TIMEOUT = 30


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    return at


def staff_sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="signin.username").input(username)
    at.text_input(key="signin.password").input(password)
    at.button[1].click()  # the staff form's submit button (second form on the page)
    return at.run()


def as_trainee() -> AppTest:
    at = app()
    at.text_input(key="signin.code").input(DEMO_WORKSHOP_CODE)
    at.text_input(key="signin.name").input(DEMO_TRAINEE[0])
    at.text_input(key="signin.pin").input(DEMO_TRAINEE[1])
    at.button[0].click()
    return at.run()


def as_instructor() -> AppTest:
    return staff_sign_in(app(), *DEMO_INSTRUCTOR)


def as_admin() -> AppTest:
    return staff_sign_in(app(), *DEMO_ADMIN)


def texts(at: AppTest) -> str:
    """Everything readable on the page, for assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "error",
                 "warning", "success", "metric", "html"):  # html: authored Markdown, rendered
        for element in at.get(kind):
            parts.append(str(getattr(element, "value", "")) + " " + str(getattr(element, "label", "")))
    return "\n".join(parts)


def reopen_desk(lang: str, tab: str) -> AppTest:
    """The demo trainee in a new browser session, in ``lang``, on the desk's ``tab`` (their
    running exercise resumes). A new session because AppTest replays a choice it holds as the
    label of the old language, which the browser never does."""
    at = as_trainee()
    at.session_state["i18n.lang"] = lang
    at.session_state["desk.tab"] = tab
    return at.switch_page("pages/desk.py").run()


WILDLIFE_CARD = "**The Ivory Corridor: Niassa to Hai Phong**"


def _known_company() -> str:
    """The company the wildlife case file opens with in the demo workshop's world. Its id
    follows from the world's seed (ids are shuffled so they do not betray who is a member):
    read it from the engine rather than write it down, so a change of world moves it too."""
    from academy.exercises import cohort_seed
    from engine.scenario import load_scenario

    path = Path(APP).parent / "scenarios" / "wildlife-ivory-corridor.yaml"
    seed = cohort_seed(1, "wildlife-ivory-corridor")  # the demo workshop is the first one
    view = Exercise(load_scenario(path), seed).view()
    return next(e.id for e in view.entities if e.type == "company")


KNOWN_COMPANY = _known_company()


def start_wildlife(at: AppTest) -> AppTest:
    """Start the wildlife scenario from the catalogue and open its desk."""
    at.switch_page("pages/exercises.py").run()
    titles = [m.value for m in at.markdown]
    assert WILDLIFE_CARD in titles
    buttons = [b for b in at.button if b.key and b.key.startswith("exercises.start.")]
    # the catalogue is sorted by scenario id; find the wildlife card's button by its position
    cards = [m.value for m in at.markdown if m.value.startswith("**")]
    buttons[cards.index(WILDLIFE_CARD)].click().run()
    at.switch_page("pages/desk.py").run()  # AppTest stays on the calling page after switch_page
    assert not at.exception
    return at


def act(at: AppTest, kind: str, choices: dict[str, str]) -> AppTest:
    """On the desk's Actions tab, choose ``kind``, set each selectbox of ``choices`` (its key
    without the ``actions.`` prefix) and send."""
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value(kind).run()
    for key, value in choices.items():
        at.selectbox(key=f"actions.{key}").set_value(value).run()
    return at.button(key=f"actions.submit.{kind}").click().run()


def play_to_end(db_url: str, first: dict[str, object]) -> tuple[int, Exercise]:
    """The demo trainee takes ``first`` on the wildlife scenario, then lets it run to its end
    (straight through academy, as the desk would store it); the exercise id and its engine."""
    return play_steps(db_url, [first])


Step = dict[str, object] | Callable[[TraineeView], dict[str, object]]


def play_steps(db_url: str, steps: list[Step]) -> tuple[int, Exercise]:
    """The demo trainee takes each step on the wildlife scenario (an action, or a function
    of what the desk shows then that gives one), then lets it run to its end."""
    from sqlmodel import select

    from academy import exercises
    from academy.db import make_engine, session_scope
    from academy.models import User
    from academy.scenarios import sync_shipped

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        version = next(v for v in sync_shipped(s) if v.scenario_id == "wildlife-ivory-corridor")
        trainee = s.exec(select(User).where(User.role == "trainee",
                                            User.display_name == DEMO_TRAINEE[0])).one()
        record = exercises.start(s, user=trainee, scenario_version_id=version.id, workshop_id=1)
        held = None
        for step in steps:
            action = step(held.live.view() if held else exercises.replay(s, record).live.view()) \
                if callable(step) else step
            held = exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=held,
                                  action=action)
        while held is None or not held.live.finished:
            held = exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=held,
                                  action={"kind": "advance", "days": 7})
        exercise_id = record.id
    engine.dispose()
    return exercise_id, held.live
