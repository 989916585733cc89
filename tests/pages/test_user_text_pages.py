"""What people typed is shown as text on every page; an author's Markdown never fetches
or links (AppTest from app.py, as instructor and as trainee).

A trainee, a workshop, a roster team, a hypothesis, an instructor's inject and a scenario
(title, briefing, objective, MSEL source and message) are all written with an image, a
link and an HTML tag; every element that Streamlit renders as Markdown must hold them
escaped, and every HTML element must hold no image or link to the address.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from google.protobuf.message import Message
from sqlmodel import select

from academy import exercises, live, roster
from academy.accounts import join_workshop
from academy.db import make_engine, session_scope
from academy.models import User, Workshop
from academy.scenarios import store
from academy.workshops import trainees_of
from tests.pages.helpers import app, as_instructor
from ui.text import plain

pytestmark = pytest.mark.usefixtures("app_db")

IMAGE = "![x](http://evil.example/x.png)"
LINK = "[link](http://evil.example)"
TAG = "<img src=x>"
NAME = f"Eve {IMAGE} {LINK}"  # a name refuses < and >
TEXT = f"Bad {IMAGE} {LINK} {TAG}"
PIN = "2468"
SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "wildlife-ivory-corridor.yaml"

# Markdown that Streamlit would render: an image or link opening, a raw tag, a bare address
# that GitHub-flavoured autolinking would turn into a link
MARKUP = re.compile(r"(?<!\\)!\[|(?<!\\)\]\(|(?<!\\)<(img|a)\b|(?<![\\\u2060])https?:|"
                    r"(?<![\\\u2060])www\.")
HTML_FETCH = re.compile(r"""<(img|a)\b[^>]*(src|href)\s*=\s*["']?[^"'>]*evil""", re.I)
MD_FIELDS = {"body", "label", "help", "text", "caption", "captions"}
MD_OPTIONS = {"Radio", "ButtonGroup"}  # option labels read as Markdown; selectbox's are not
AS_IS = {"Text", "Code"}  # st.text and st.code show their body as it is


def evil_scenario() -> str:
    """The wildlife scenario as an instructor might save it from the studio."""
    say = json.dumps(TEXT)
    lines = SCENARIO.read_text(encoding="utf-8").splitlines()
    replace = {"version: 1": "version: 99",
               '  en: "The Ivory Corridor: Niassa to Hai Phong"': f"  en: {say}",
               "    source: Mozambique wildlife authority": f"    source: {say}",
               "      en: Interdict the flow of ivory before it reaches the market.":
                   f"      en: {say}"}
    lines = [replace.get(line, line) for line in lines]
    at = lines.index("briefing:") + 2
    lines.insert(at, "    " + TEXT)  # a folded block: the briefing opens with it
    tip = next(i for i, line in enumerate(lines) if line.startswith("      en: Rangers arrested"))
    lines[tip] = f"      en: {json.dumps(TEXT + ' {drivers}')}"  # an inject names whom it reveals
    return "\n".join(lines) + "\n"


def seed(url: str, finish: bool = False) -> int:
    """The typed markup everywhere in the demo workshop; Eve's exercise id."""
    engine = make_engine(url)
    with session_scope(engine) as s:
        workshop = s.get(Workshop, 1)
        workshop.title = TEXT
        s.add(workshop)
        instructor = s.exec(select(User).where(User.role == "instructor")).first()
        version = store(s, text=evil_scenario(), source="studio", created_by=instructor.id)
        eve = join_workshop(s, code=workshop.join_code, name=NAME, pin=PIN, new=True)
        roster.import_roster(s, user=instructor, workshop_id=1, preview=roster.parse_roster(
            f"name;team\n{NAME};Team {LINK}\nAbsent {IMAGE};{LINK}\n".encode()))
        record = exercises.start(s, user=eve, scenario_version_id=version.id, workshop_id=1)
        played = exercises.play(s, exercise_id=record.id, user_id=eve.id, held=None,
                                action={"kind": "advance", "days": 3})
        entity = played.live.view().entities[0].id
        exercises.set_hypothesis(s, exercise_id=record.id, user=eve, entity=entity, label=TEXT)
        live.inject(s, user=instructor, workshop_id=1, exercise_ids=[record.id], message=TEXT)
        for _ in range(20 if finish else 0):  # 90 days, a week at a time
            played = exercises.play(s, exercise_id=record.id, user_id=eve.id, held=None,
                                    action={"kind": "advance", "days": 7})
        assert played.live.finished or not finish
        assert [u.display_name for u, _ in trainees_of(s, workshop_id=1)].count(NAME) == 1
        exercise_id = record.id
    engine.dispose()
    return exercise_id


def shown(at) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(element kind, field, text) of every string on the page Streamlit reads as Markdown
    or as HTML."""
    found: list[tuple[str, str, str]] = []

    def walk(message: Message, kind: str) -> None:
        for field, value in message.ListFields():
            values = value if field.is_repeated else [value]
            for item in values:
                if isinstance(item, Message):
                    walk(item, kind if kind != "Element" else type(item).__name__)
                elif isinstance(item, str) and (field.name in MD_FIELDS or (
                        field.name in {"options", "content"} and kind in MD_OPTIONS)):
                    found.append((kind, field.name, item))

    for node in at._tree:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message) and type(proto).__name__ not in AS_IS:
            walk(proto, type(proto).__name__)
    return found


def assert_inert(at, *must_show: str) -> None:  # type: ignore[no-untyped-def]
    assert not at.exception, at.exception
    strings = shown(at)
    rendered = [(kind, field, text) for kind, field, text in strings
                if (HTML_FETCH.search(text) if kind == "Html" else MARKUP.search(text))]
    assert rendered == []
    everything = "\n".join(text for _, _, text in strings)
    for text in must_show:  # the typed text is there, escaped: the check above is not idle
        assert plain(text) in everything, text


def as_eve():  # type: ignore[no-untyped-def]
    at = app()
    at.text_input(key="signin.code").input("DEMO26")
    at.text_input(key="signin.name").input(NAME)
    at.text_input(key="signin.pin").input(PIN)
    at.button[0].click()
    return at.run()


def test_the_instructors_pages_show_typed_text_as_text(app_db):
    seed(app_db)
    at = as_instructor()
    assert_inert(at, TEXT)  # instructor home: the workshop's title
    at.switch_page("pages/workshop.py").run()
    assert_inert(at, TEXT, NAME, f"Absent {IMAGE}", LINK)  # LINK: the absent one's team
    at.switch_page("pages/dashboard.py").run()
    assert_inert(at, NAME)  # the drill opens the only trainee playing: Eve's desk
    at.switch_page("pages/cohort.py").run()
    assert_inert(at)


def test_the_trainees_pages_show_typed_text_as_text(app_db):
    seed(app_db)
    at = as_eve()
    assert_inert(at, NAME, TEXT)  # home: their name, the workshop, the exercise's title
    at.switch_page("pages/exercises.py").run()
    assert_inert(at, TEXT)
    at.switch_page("pages/desk.py").run()
    assert_inert(at, TEXT)
    for tab in ("Inbox", "Link chart", "Map", "Timeline", "Notices", "Actions"):
        at.session_state["desk.tab"] = tab
        at.run()
        assert_inert(at)


def test_the_debrief_and_the_cohort_debrief_show_typed_text_as_text(app_db):
    exercise_id = seed(app_db, finish=True)
    at = as_eve()
    at.query_params["exercise"] = str(exercise_id)
    at.switch_page("pages/debrief.py").run()
    for tab in ("Ratings and score", "The real network", "Shipments", "Decision log",
                "What if", "Export"):
        at.session_state["debrief.tab"] = tab
        at.run()
        assert_inert(at, TEXT)  # the title, and on the first tab the objective
    staff = as_instructor().switch_page("pages/cohort.py").run()
    assert_inert(staff)
