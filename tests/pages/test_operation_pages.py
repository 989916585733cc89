"""The joint operation's pages through app.py (AppTest): the team desk shows only the
trainee's own team, the control cell is the instructors', a request is answered on the
desk, a channel message's HTML reaches the other team as text."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from academy import channels, control_cell, joint
from academy.accounts import join_workshop
from academy.db import make_engine, session_scope
from academy.demo import DEMO_TRAINEE, DEMO_WORKSHOP_CODE, seed_demo_operation
from academy.models import JointOperation, User
from tests.pages.helpers import app, as_instructor, as_trainee, texts
from ui import control_desk

TANZANIAN = ("Amani Mushi", "1357")  # on the demo roster, in the Tanzania NEST team
ASK = {"kind": "inspection", "location": "dar-es-salaam-port", "start_day": 2, "days": 5,
       "rationale": "Our source says the load leaves via Dar"}
HTML = "<b>bold</b> <img src=x onerror=alert(1)> **loud** [link](http://evil.example)"


@pytest.fixture
def operation(app_db) -> dict:  # type: ignore[no-untyped-def]
    """The demo workshop's joint operation (Kenya, Tanzania, Mozambique), with the demo
    trainee in Kenya's team and a Tanzanian trainee who joined under their roster name."""
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        seed_demo_operation(s)
        join_workshop(s, new=True, code=DEMO_WORKSHOP_CODE, name=TANZANIAN[0], pin=TANZANIAN[1])
    with session_scope(engine) as s:
        op = s.exec(select(JointOperation)).one()
        ids = {"op": op.id, "url": app_db,
               "team": {t.country: t.id for t in joint.teams_of(s, op.id)}}
        for name in (DEMO_TRAINEE[0], TANZANIAN[0]):
            ids[name] = s.exec(select(User).where(User.display_name == name)).one().id
        ids["instructor"] = s.exec(select(User).where(User.username == "instructor")).one().id
    engine.dispose()
    return ids


def call(ids: dict, fn, who: str, **kw):  # type: ignore[no-untyped-def]
    """A service call as one person, straight through academy (as a page would make it)."""
    engine = make_engine(ids["url"])
    with session_scope(engine) as s:
        result = fn(s, user=s.get(User, ids[who]), operation_id=ids["op"], **kw)
    engine.dispose()
    return result


def advance_button(at):  # type: ignore[no-untyped-def]
    """The control cell's "Advance a day"."""
    return at.button(key="cc.advance.1")


def tanzanian():  # type: ignore[no-untyped-def]
    at = app()
    at.text_input(key="signin.code").input(DEMO_WORKSHOP_CODE)
    at.text_input(key="signin.name").input(TANZANIAN[0])
    at.text_input(key="signin.pin").input(TANZANIAN[1])
    at.button[0].click()
    return at.run()


def desk(at, tab: str | None = None):  # type: ignore[no-untyped-def]
    if tab:
        at.session_state["op.tab"] = tab
    at.switch_page("pages/operation.py").run()
    assert not at.exception, at.exception
    return at


def test_a_trainee_sees_only_their_own_team(operation):
    call(operation, control_cell.inject, "instructor", message="Tip for Tanzania only",
         team_id=operation["team"]["TZ"])
    kenya = desk(as_trainee(), "Inbox")
    said = texts(kenya)
    assert "Kenya NEST" in said and "playing **Kenya**" in said and "Every role" in said
    assert {m.label: m.value for m in kenya.metric}["Day"] == "0.0 / 90"
    inbox = " ".join(t.value for t in kenya.text)
    assert inbox and "Tip for Tanzania only" not in inbox
    tanzania = desk(tanzanian(), "Inbox")
    assert "playing **Tanzania**" in texts(tanzania)
    assert "Tip for Tanzania only" in " ".join(t.value for t in tanzania.text)
    # another operation's id in the URL is refused, not shown
    stranger = as_trainee()
    stranger.query_params["operation"] = str(operation["op"] + 1)
    stranger.switch_page("pages/operation.py").run()
    assert not stranger.exception and "not found" in texts(stranger).lower()
    assert not stranger.metric


def test_a_trainee_cannot_open_the_control_cell(operation):
    at = as_trainee()
    at.switch_page("pages/control_cell.py").run()
    assert not at.exception
    assert at.error[0].value.startswith("Access refused")
    assert not at.dataframe and not at.metric
    assert "Tanzania" not in texts(at)


def test_the_control_cell_moves_the_clock_and_sees_every_team(operation):
    at = as_instructor()
    at.switch_page("pages/control_cell.py").run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric}["Day"] == "0.0 / 90"
    seating = at.dataframe[0].value
    assert list(seating["Team"]) == ["Kenya NEST", "Tanzania NEST", "Mozambique NEST"]
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")  # who knows whom
    advance_button(at).click().run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Day"] == "1.0 / 90"
    kenya = desk(as_trainee())
    assert {m.label: m.value for m in kenya.metric}["Day"] == "1.0 / 90"
    assert not [b for b in kenya.button if b.key and b.key.startswith("desk.advance")]


def test_a_second_control_screen_is_told_the_clock_already_moved(operation):
    first, second = as_instructor(), as_instructor()  # two instructors, both on day 0
    for screen in (first, second):
        screen.switch_page("pages/control_cell.py").run()
    advance_button(first).click().run()
    advance_button(second).click().run()
    assert not second.exception
    assert [e.value for e in second.error] == [
        "The clock was moved meanwhile (by another instructor, another tab, or every team "
        "being ready): it is now day 1.0. Nothing more was advanced; advance again if needed."]
    assert {m.label: m.value for m in second.metric}["Day"] == "1.0 / 90"  # not day 2
    advance_button(second).click().run()  # now decided on day 1: it moves on
    assert {m.label: m.value for m in second.metric}["Day"] == "2.0 / 90"


def test_the_control_cell_counts_only_teams_someone_sits_in(operation):
    desk(tanzanian())  # the Tanzanian trainee opens the operation: seated; Mozambique: nobody
    at = as_instructor()
    at.switch_page("pages/control_cell.py").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Teams ready"] == "0 / 2"
    assert any(c.value.startswith("Nobody is seated yet in Mozambique NEST") for c in at.caption)


def ready_switch(at):  # type: ignore[no-untyped-def]
    """The desk's "Ready for the next advance" toggle."""
    return next(tg for tg in at.toggle if str(tg.key).startswith("op.ready"))


def day_of(at) -> str:  # type: ignore[no-untyped-def]
    return {m.label: m.value for m in at.metric}["Day"]


def test_a_second_tab_cannot_raise_the_ready_flag_after_the_clock_moved(operation):
    """Two tabs on Kenya's desk; Kenya is the last team to get ready, in the first tab: the
    clock moves. The second tab, still drawn on day 0, sends "ready" (its toggle, a stale
    click): the flag is for a day it no longer is — refused and told, Kenya is not ready for
    day 1, and Tanzania getting ready alone does not move the clock again."""
    call(operation, control_cell.advance_when_ready, "instructor", armed=True)
    tanzania = desk(tanzanian())  # seated; Mozambique: nobody, so two teams play
    first, second = desk(as_trainee()), desk(as_trainee())  # both drawn on day 0
    ready_switch(tanzania).set_value(True).run()
    assert day_of(tanzania) == "0.0 / 90"
    ready_switch(first).set_value(True).run()  # the last team: the clock moves
    assert not first.exception and day_of(first) == "1.0 / 90"
    assert ready_switch(first).value is False  # a new day: decide again
    ready_switch(second).set_value(True).run()  # the stale tab
    assert not second.exception
    assert day_of(second) == "1.0 / 90" and ready_switch(second).value is False
    assert any("day 1.0" in e.value for e in second.error)
    engine = make_engine(operation["url"])
    with session_scope(engine) as s:
        assert [t.ready for t in joint.teams_of(s, operation["op"])] == [False] * 3
    engine.dispose()
    assert call(operation, joint.set_ready, TANZANIAN[0], seen_day=1.0) is False  # no move
    assert day_of(desk(as_trainee())) == "1.0 / 90"


def test_a_refusal_on_one_operation_does_not_show_on_the_next(operation):
    """A result waits on the desk until the trainee's next action — within its operation.
    A refusal on operation 1 (paused) is not shown on the fresh desk of operation 2."""
    sent = call(operation, joint.act, DEMO_TRAINEE[0], action=ASK, seen_day=0.0)
    request = sent.played.outcome.params["request"]
    at = desk(tanzanian(), "Requests")
    call(operation, control_cell.set_paused, "instructor", paused=True)
    at.button(key=f"op.answer.{request}.True").click().run()
    paused = "Your instructor has paused this exercise."
    assert paused in [e.value for e in at.error]
    engine = make_engine(operation["url"])
    with session_scope(engine) as s:
        first = s.get(JointOperation, operation["op"])
        second = joint.start(s, user=s.get(User, operation["instructor"]),
                             workshop_id=first.workshop_id,
                             scenario_version_id=first.scenario_version_id,
                             countries={"Kenya NEST": "KE", "Tanzania NEST": "TZ"}).id
    engine.dispose()
    desk(at)  # the newest operation: the second
    assert {m.label: m.value for m in at.metric}["Day"] == "0.0 / 90"
    assert at.session_state["op.shown"][0] == second
    assert paused not in [e.value for e in at.error]
    assert not at.warning or all("paused" not in w.value for w in at.warning)


def test_an_ended_operation_asks_nothing_more_of_the_desk(operation):
    """Once the operation has ended nothing can be answered: the desk says it ended and
    links to the joint debrief; no "request(s) wait for your answer", no answer buttons
    (they only led to "Refused: the exercise has ended")."""
    from academy import joint_debrief

    sent = call(operation, joint.act, DEMO_TRAINEE[0], action=ASK, seen_day=0.0)
    request = sent.played.outcome.params["request"]
    call(operation, joint_debrief.end, "instructor")
    at = desk(tanzanian(), "Requests")
    said = texts(at)
    assert "wait for your team's answer" not in said
    assert not [b for b in at.button if b.key and b.key.startswith("op.answer.")]
    assert not [i for i in at.text_input if str(i.key).startswith("op.reason.")]
    assert "The operation has ended" in said
    assert "Not answered before the operation ended." in [c.value for c in at.caption]
    assert [link.proto.page for link in at.get("page_link")] == ["operation_debrief"]
    assert request in said  # the request is still listed, as it stood


def test_the_rationale_label_says_who_reads_it_in_a_joint_operation(operation):
    """On the team desk a request's rationale goes word for word to the team that receives
    it (its Requests tab) and to the control cell: the label says so, not only "shown in
    your debrief"; the team receiving it does read it."""
    at = desk(as_trainee(), "Actions")
    at.radio(key="actions.kind").set_value("inspection").run()
    label = at.text_area(key="actions.inspection.why").label
    assert label == ("Rationale (optional; a team receiving this as a request reads it word "
                     "for word, as does the control cell; also shown in your debrief)")
    call(operation, joint.act, DEMO_TRAINEE[0], action=ASK, seen_day=0.0)
    assert ASK["rationale"] in texts(desk(tanzanian(), "Requests"))


def test_a_new_channel_message_is_signalled_until_the_channel_is_opened(operation):
    """As for a request, a message for the team shows a banner on whichever tab the
    trainee sits; it goes once the Channel tab has been open; the trainee's own
    messages are no news to them."""
    news = "1 new message(s) in the team channel (Channel tab)."
    at = desk(as_trainee(), "Inbox")
    assert news not in [i.value for i in at.info]
    call(operation, channels.post, TANZANIAN[0], body="The truck left Arusha",
         to_team_id=operation["team"]["KE"])
    at.run()  # what the desk's watch does when the pulse moves
    assert news in [i.value for i in at.info]
    desk(at, "Channel")
    assert news not in [i.value for i in at.info]
    at.text_area(key="op.msg.body").input("Thanks, we watch the border")
    at.button(key="FormSubmitter:op.msg-Send the message").click().run()
    desk(at, "Inbox")
    assert not [i for i in at.info if "new message" in i.value]


class Clock:
    """The control desk's clock, as the test sets it: no wall time, so a loaded machine (CI)
    cannot turn a double click into two deliberate clicks. Each read returns the next of
    ``reads``, then the last one again."""

    def __init__(self, *reads: float) -> None:
        self.reads = list(reads)

    def __call__(self) -> float:
        return self.reads.pop(0) if len(self.reads) > 1 else self.reads[0]


def test_a_double_click_on_advance_moves_the_clock_once(operation, monkeypatch):
    """The second click of a double click reaches the button redrawn for the new day; it is
    told it was taken for a double click, and a click after a moment moves the clock."""
    clock = Clock(100.0)
    monkeypatch.setattr(control_desk, "monotonic", clock)
    at = as_instructor()
    at.switch_page("pages/control_cell.py").run()
    advance_button(at).click().run()
    advance_button(at).click().run()  # at once: the redrawn button, day 1
    assert {m.label: m.value for m in at.metric}["Day"] == "1.0 / 90"
    assert [e.value for e in at.error] == [
        "The clock was moved a moment ago from this screen: a second click so soon is taken "
        "as a double click and ignored. Click again to advance once more."]
    clock.reads = [100.0 + control_desk.DOUBLE_CLICK_S]  # a moment later
    advance_button(at).click().run()
    assert {m.label: m.value for m in at.metric}["Day"] == "2.0 / 90"


def test_a_double_click_on_a_slow_advance_still_moves_the_clock_once(operation, monkeypatch):
    """On a loaded server the first advance can take longer than the double-click window; the
    window runs from when the clock moved, so the second click is still taken for a double
    click. Reads: the first click at 0 s, its advance done at 5 s, the second click at 5.3 s."""
    monkeypatch.setattr(control_desk, "monotonic", Clock(0.0, 5.0, 5.3))
    at = as_instructor()
    at.switch_page("pages/control_cell.py").run()
    advance_button(at).click().run()
    advance_button(at).click().run()
    assert {m.label: m.value for m in at.metric}["Day"] == "1.0 / 90"
    assert [e.value for e in at.error][0].startswith("The clock was moved a moment ago")


def test_a_request_from_another_team_is_answered_on_the_desk(operation):
    sent = call(operation, joint.act, DEMO_TRAINEE[0], action=ASK, seen_day=0.0)
    request = sent.played.outcome.params["request"]
    at = desk(tanzanian(), "Requests")
    assert "1 request(s) from other teams wait" in texts(at)
    assert ASK["rationale"] in texts(at)
    at.text_input(key=f"op.reason.{request}").input("Our customs will be there")
    at.button(key=f"op.answer.{request}.True").click().run()
    assert not at.exception
    assert f"Request {request} from Kenya accepted" in [s.value for s in at.success]
    kenya = desk(as_trainee(), "Requests")
    outgoing = kenya.dataframe[0].value
    assert list(outgoing["Status"]) == ["accepted"]
    assert list(outgoing["Reason"]) == ["Our customs will be there"]


def test_an_answer_a_teammate_already_gave_is_told_not_dropped(operation):
    """Two Tanzanian desks (a teammate, or another tab) show the same pending request; one
    declines, then the other clicks Accept on its older picture: the click reaches the
    server and the trainee is told — it is not lost because the buttons are gone."""
    sent = call(operation, joint.act, DEMO_TRAINEE[0], action=ASK, seen_day=0.0)
    request = sent.played.outcome.params["request"]
    first, second = desk(tanzanian(), "Requests"), desk(tanzanian(), "Requests")
    first.button(key=f"op.answer.{request}.False").click().run()
    assert f"Request {request} from Kenya declined" in [s.value for s in first.success]
    second.button(key=f"op.answer.{request}.True").click().run()
    assert not second.exception
    assert [e.value for e in second.error] == [
        "Someone in your team acted at the same moment (a teammate, or you in another tab). "
        "Here is the latest state; please repeat your action if it is still needed."]
    assert "declined" in texts(second).lower()  # the latest state: no buttons to click again
    assert not [b for b in second.button if b.key and b.key.startswith("op.answer.")]
    kenya = desk(as_trainee(), "Requests")
    assert list(kenya.dataframe[0].value["Status"]) == ["declined"]


def test_a_result_stays_on_the_shared_desk_until_the_next_action(operation):
    """A teammate's click or the clock redraws a shared desk at any moment: the trainee's
    own last result must survive those redraws (in Chromium it flashed and was gone)."""
    for _ in range(2):  # R001 and R002
        call(operation, joint.act, DEMO_TRAINEE[0], action=ASK, seen_day=0.0)
    at = desk(tanzanian(), "Requests")
    at.button(key="op.answer.R001.False").click().run()
    said = "Request R001 from Kenya declined"
    assert said in [s.value for s in at.success]
    call(operation, control_cell.advance, "instructor")  # the clock moves: the desk redraws
    at.run()
    assert said in [s.value for s in at.success]  # still there
    at.button(key="op.answer.R002.True").click().run()  # the next action replaces it
    successes = [s.value for s in at.success]
    assert said not in successes and any("R002" in v for v in successes)


def test_a_refused_message_gives_way_to_the_next_click(operation):
    """On the shared desk a result stays until the trainee's next click — any click: a
    refused (empty) channel message is not left on screen after a successful one."""
    at = desk(as_trainee(), "Channel")
    at.button(key="FormSubmitter:op.msg-Send the message").click().run()  # nothing written
    assert at.error
    at.text_area(key="op.msg.body").input("We hold the courier's phone")
    at.button(key="FormSubmitter:op.msg-Send the message").click().run()
    assert not at.exception and not at.error


def test_a_channel_message_with_html_is_shown_as_text(operation):
    kenya = desk(as_trainee(), "Channel")
    kenya.selectbox(key="op.msg.to").select(operation["team"]["TZ"])
    kenya.text_area(key="op.msg.body").input(HTML)
    kenya.button(key="FormSubmitter:op.msg-Send the message").click().run()
    assert not kenya.exception and not kenya.error
    tanzania = desk(tanzanian(), "Channel")
    shown = [m.value for m in tanzania.markdown if "onerror" in m.value]
    assert len(shown) == 1
    body = shown[0]
    assert re.search(r"(?<!\\)[<>*\[\]]", body) is None  # every opener escaped
    assert "\\<b\\>" in body and "\\*\\*loud\\*\\*" in body and "\\[link\\]" in body
    assert "Kenya NEST" in texts(tanzania) and DEMO_TRAINEE[0] in texts(tanzania)
    lines = call(operation, channels.lines, "instructor")
    assert [line.body for line in lines] == [HTML]  # stored as typed: evidence of what was said
    control = as_instructor()
    control.session_state["cc.tab"] = "Channels"
    control.switch_page("pages/control_cell.py").run()
    assert [m.value for m in control.markdown if "onerror" in m.value] == [body]


def test_an_answer_decided_before_the_clock_moved_is_carried_out_and_told(operation):
    call(operation, joint.act, DEMO_TRAINEE[0], action=ASK, seen_day=0.0)
    at = desk(tanzanian(), "Requests")  # drawn on day 0
    assert {m.label: m.value for m in at.metric}["Day"] == "0.0 / 90"
    call(operation, control_cell.advance, "instructor")  # the control cell moves meanwhile
    at.button(key="op.answer.R001.False").click().run()
    assert not at.exception
    assert "The clock moved while you decided: your action was carried out on day 1.0." in [
        w.value for w in at.warning]
    assert "Request R001 from Kenya declined" in [s.value for s in at.success]


def test_a_role_that_may_not_act_is_told_which_role_may(operation):
    call(operation, control_cell.set_role, "instructor", trainee_id=operation[DEMO_TRAINEE[0]],
         role="ncb")
    at = desk(as_trainee())
    assert "your role: **NCB officer**" in texts(at)
    at.session_state["op.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("request_intel").run()
    at.selectbox(key="actions.intel.target").select_index(0).run()
    at.button(key="actions.submit.request_intel").click().run()
    assert not at.exception
    refusal = " ".join(e.value for e in at.error)
    assert "Refused: your role in the team may not do this; it is for: Analyst." in refusal


def test_the_instructor_starts_an_operation_from_the_control_cell(app_db):
    from academy.models import Workshop
    from academy.roster import import_roster, parse_roster
    from academy.scenarios import sync_shipped

    engine = make_engine(app_db)
    with session_scope(engine) as s:
        instructor = s.exec(select(User).where(User.username == "instructor")).one()
        workshop = s.exec(select(Workshop)).one()
        text = "name,team\nDemo Trainee,Kenya NEST\nAmani Mushi,Tanzania NEST\n"
        import_roster(s, user=instructor, workshop_id=workshop.id,
                      preview=parse_roster(text.encode()))
        wildlife = next(v.id for v in sync_shipped(s) if v.scenario_id == "wildlife-ivory-corridor")
    engine.dispose()
    at = as_instructor()
    at.switch_page("pages/control_cell.py").run()
    assert not at.exception and "Start the operation" in [b.label for b in at.button]
    at.selectbox(key="cc.start.scenario").select(wildlife).run()
    at.selectbox(key=f"cc.start.country.{wildlife}.Kenya NEST").select("KE").run()
    at.selectbox(key=f"cc.start.country.{wildlife}.Tanzania NEST").select("KE").run()
    at.button(key="cc.start.go").click().run()
    assert "Each team must play a different country." in [e.value for e in at.error]
    at.selectbox(key=f"cc.start.country.{wildlife}.Tanzania NEST").select("TZ").run()
    at.selectbox(key=f"cc.start.role.{operation_free_trainee(app_db)}").select("ncb").run()
    at.button(key="cc.start.go").click().run()
    assert not at.exception
    assert "The joint operation has started." in [s.value for s in at.success]
    seating = at.dataframe[0].value
    assert list(seating["Team"]) == ["Kenya NEST", "Tanzania NEST"]
    assert list(seating["Members (role)"])[0] == "Demo Trainee (NCB officer)"
    kenya = desk(as_trainee())
    assert "playing **Kenya**" in texts(kenya) and "your role: **NCB officer**" in texts(kenya)


def operation_free_trainee(db_url: str) -> int:
    """The demo trainee's id (to give them a role before the operation starts)."""
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        found = s.exec(select(User).where(User.display_name == DEMO_TRAINEE[0])).one().id
    engine.dispose()
    return found


def test_the_control_cell_changes_a_trainees_role(operation):
    at = as_instructor()
    at.switch_page("pages/control_cell.py").run()
    at.selectbox(key="cc.role.who").select(operation[DEMO_TRAINEE[0]]).run()
    at.selectbox(key="cc.role.new").select("prosecutor_liaison").run()
    at.button(key="cc.role.save").click().run()
    assert not at.exception and "Role changed." in [s.value for s in at.success]
    assert "Demo Trainee (Prosecutor liaison)" in list(at.dataframe[0].value["Members (role)"])
    assert "your role: **Prosecutor liaison**" in texts(desk(as_trainee()))


def test_starting_another_operation_warns_that_desks_move_to_it(operation):
    """A trial: an instructor could start a second operation while one ran, with no word
    that every trainee's desk then shows the newest one."""
    at = as_instructor()
    at.switch_page("pages/control_cell.py").run()
    assert any("moves every team's desk to it" in w.value for w in at.warning), texts(at)
