"""The control cell's sends through app.py (AppTest), as a QA day in Chromium found them: a
double click on "Send the message" / "Send the inject" posts once; a refused inject is
shown as refused; the inject's targets start again after sending and cannot contradict
each other; an ended operation says so and asks for nothing more.

A double click: the browser sends the second click with the widgets as it still shows them
(the sent text still in the box) before the first click's redraw reached it. ``replay``
sends those captured widget states again, as the browser does."""

from __future__ import annotations

from sqlmodel import Session, col, select

from academy import control_cell, joint, joint_debrief
from academy.db import make_engine
from academy.demo import DEMO_TRAINEE
from academy.models import ChannelMessage, ExerciseAction, JointOperation
from tests.pages.helpers import as_instructor, as_trainee, texts
from tests.pages.test_operation_pages import (  # noqa: F401  (operation: a fixture)
    ASK,
    TANZANIAN,
    call,
    desk,
    operation,
    tanzanian,
)

SEND = "Send the message"
INJECT = "Send the inject"


def stored_messages(ids: dict) -> list[ChannelMessage]:
    engine = make_engine(ids["url"])
    with Session(engine) as s:
        rows = list(s.exec(select(ChannelMessage).order_by(col(ChannelMessage.id))).all())
    engine.dispose()
    return rows


def stored_injects(ids: dict) -> list[str]:
    engine = make_engine(ids["url"])
    with Session(engine) as s:
        operation_row = s.get(JointOperation, ids["op"])
        rows = s.exec(select(ExerciseAction).where(
            ExerciseAction.exercise_id == operation_row.exercise_id)).all()
        found = [r.action.get("message") for r in rows
                 if r.action.get("kind") == "instructor_inject"]
    engine.dispose()
    return found


def button(at, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def field(at, kind: str, prefix: str):  # type: ignore[no-untyped-def]
    """The widget of the draft on screen: its key starts with ``prefix``."""
    return next(w for w in at.get(kind) if w.key and w.key.startswith(prefix))


def click_twice(at, label: str) -> None:  # type: ignore[no-untyped-def]
    """A double click: the first click runs, the second arrives with the same widgets."""
    button(at, label).click()
    browser = at._tree.get_widget_states()  # what the browser sends, and sends again
    at.run()
    at._run(browser)
    assert not at.exception, at.exception


def control(tab: str):  # type: ignore[no-untyped-def]
    at = as_instructor()
    at.session_state["cc.tab"] = tab
    at.switch_page("pages/control_cell.py").run()
    assert not at.exception, at.exception
    return at


def test_a_double_click_on_the_control_cells_send_the_message_posts_it_once(operation):  # noqa: F811
    at = control("Channels")
    field(at, "selectbox", "cc.msg.to").select(operation["team"]["KE"])
    field(at, "text_area", "cc.msg.body").input("Tanzania has the ledger")
    click_twice(at, SEND)
    assert [m.body for m in stored_messages(operation)] == ["Tanzania has the ledger"]
    assert field(at, "text_area", "cc.msg.body").value == ""  # a new, empty draft


def test_a_double_click_on_the_desks_send_the_message_posts_it_once(operation):  # noqa: F811
    at = desk(as_trainee(), "Channel")
    field(at, "text_area", "op.msg.body").input("We hold the courier's phone")
    click_twice(at, SEND)
    assert [m.body for m in stored_messages(operation)] == ["We hold the courier's phone"]
    assert field(at, "text_area", "op.msg.body").value == ""


def test_a_double_click_on_send_the_inject_sends_it_once(operation):  # noqa: F811
    at = control("Inject")
    field(at, "text_area", "cc.inj.message").input("Ranger tip: a truck at Namanga")
    click_twice(at, INJECT)
    assert stored_injects(operation) == ["Ranger tip: a truck at Namanga"]


def test_an_inject_refused_because_the_operation_ended_is_shown_as_refused(operation):  # noqa: F811
    at = control("Inject")  # drawn while the operation runs
    call(operation, joint_debrief.end, "instructor")  # another instructor ends it meanwhile
    field(at, "text_area", "cc.inj.message").input("Too late")
    button(at, INJECT).click().run()
    assert not at.exception
    assert "Inject sent." not in [s.value for s in at.success]
    assert [e.value for e in at.error] == [
        "The operation has ended: nothing more can be sent into it. Its joint debrief is open."]
    assert stored_injects(operation) == []


def test_the_inject_targets_start_again_after_sending_and_people_follow_the_team(operation):  # noqa: F811
    desk(tanzanian())  # the Tanzanian trainee takes their seat
    at = control("Inject")
    kenya, trainee = operation["team"]["KE"], operation[DEMO_TRAINEE[0]]
    field(at, "selectbox", "cc.inj.team").select(kenya).run()
    people = field(at, "selectbox", "cc.inj.person").options
    assert DEMO_TRAINEE[0] in people and TANZANIAN[0] not in people  # Kenya's people only
    field(at, "selectbox", "cc.inj.person").select(trainee)
    field(at, "text_area", "cc.inj.message").input("For you only")
    button(at, INJECT).click().run()
    assert "Inject sent." in [s.value for s in at.success]
    assert field(at, "selectbox", "cc.inj.team").value == 0  # every team again
    assert field(at, "selectbox", "cc.inj.role").value is None
    assert field(at, "selectbox", "cc.inj.person").value == 0
    assert field(at, "text_area", "cc.inj.message").value == ""


def test_an_inject_to_a_person_without_the_chosen_role_is_refused_with_why(operation):  # noqa: F811
    call(operation, control_cell.set_role, "instructor", trainee_id=operation[DEMO_TRAINEE[0]],
         role="ncb")
    at = control("Inject")
    field(at, "selectbox", "cc.inj.team").select(operation["team"]["KE"]).run()
    field(at, "selectbox", "cc.inj.role").select("analyst")
    field(at, "selectbox", "cc.inj.person").select(operation[DEMO_TRAINEE[0]])
    field(at, "text_area", "cc.inj.message").input("Nobody would read this")
    button(at, INJECT).click().run()
    assert not at.exception
    assert "Inject sent." not in [s.value for s in at.success]
    assert [e.value for e in at.error] == [
        f"{DEMO_TRAINEE[0]} does not hold the role chosen, so the inject would reach nobody: "
        "choose either the person or the role."]
    assert stored_messages(operation) == []
    assert field(at, "text_area", "cc.inj.message").value == "Nobody would read this"  # kept


def test_an_ended_operation_says_so_links_the_debrief_and_asks_for_nothing(operation):  # noqa: F811
    call(operation, joint.act, DEMO_TRAINEE[0], action=ASK, seen_day=0.0)  # left waiting
    call(operation, joint_debrief.end, "instructor")
    at = control("Inject")
    said = texts(at)
    assert "The operation has ended (day 90 of 90). Nothing more moves" in said
    assert [(link.proto.label, link.proto.page) for link in at.get("page_link")] == [
        ("Open the joint debrief", "operation-debrief")]
    assert "Requests waiting" not in {m.label for m in at.metric}
    assert not [n for n in at.number_input if n.key and n.key.startswith("cc.to_day")]
    assert not [b for b in at.button if b.key and b.key.startswith("cc.advance")]
    assert INJECT not in [b.label for b in at.button]
    assert "The operation has ended: nothing more can be sent into it." in said
