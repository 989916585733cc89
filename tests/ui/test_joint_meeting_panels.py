"""The case meeting and action day panels (ui/joint_meeting.py) through AppTest: a team
proposes a meeting and tables from its file, the control cell convenes and closes it and
sets the action day, the team schedules for it; on a real SQLite operation."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from academy import control_cell, joint
from academy.control_cell import WEEK
from academy.db import make_engine, session_scope
from academy.models import User
from tests.academy.test_joint_operation import TEAMS, _class

PAGE = str(Path(__file__).with_name("joint_meeting_page.py"))


@pytest.fixture
def op(app_db) -> dict:  # type: ignore[no-untyped-def]
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        ids = _class(s)
        ids["op"] = joint.start(s, user=s.get(User, ids["instructor"]),
                                workshop_id=ids["workshop"], scenario_version_id=ids["version"],
                                countries=TEAMS).id
    engine.dispose()
    ids["url"] = app_db
    return ids


def page(ids: dict, who: str, mode: str, lang: str = "en", result=None) -> AppTest:  # type: ignore[no-untyped-def]
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.session_state["i18n.lang"] = lang
    if result is not None:  # the outcome of the meeting panel's last action
        at.session_state["jm.result.meeting"] = result
    at.session_state["jm.test.user"] = ids[who]
    at.session_state["jm.test.op"] = ids["op"]
    at.session_state["jm.test.mode"] = mode
    return at.run()


def desk_of(ids: dict, who: str) -> joint.Desk:
    engine = make_engine(ids["url"])
    with session_scope(engine) as s:
        desk = joint.team_view(s, user=s.get(User, ids[who]), operation_id=ids["op"])
    engine.dispose()
    return desk


def entity_id(ids: dict, who: str, label: str) -> str:
    return next(e.id for e in desk_of(ids, who).view.entities if e.label == label)


def frames(at: AppTest) -> list[list[str]]:
    """Every row of every table on the page."""
    return [list(map(str, row)) for df in [*at.dataframe, *at.table]
            for row in df.value.values.tolist()]


def text(at: AppTest) -> str:
    return "\n".join(str(getattr(e, "value", "")) for kind in (
        "markdown", "caption", "info", "success", "error", "subheader") for e in at.get(kind))


def test_a_meeting_and_an_action_day_through_the_panels(op):
    team = page(op, "Kenya One", "team")
    assert not team.exception
    assert "No case meeting yet." in text(team)
    assert "The control cell has not set the action day yet." in text(team)
    team.multiselect(key="jm.invite").set_value(["TZ"])
    team.button[0].click().run()  # the proposal form's submit
    assert "Meeting M001 proposed" in text(team), text(team)
    cell = page(op, "instructor", "control")
    assert not cell.exception
    cell.button(key="jm.convene.M001").click().run()
    assert "Meeting M001 is open" in text(cell)
    team = page(op, "Kenya One", "team")
    label = team.multiselect(key="jm.ents.M001").options[0]  # shown by its name
    team.multiselect(key="jm.ents.M001").select(entity_id(op, "Kenya One", label))
    next(b for b in team.button if b.label == "Put on the table").click().run()
    assert "put on the table of meeting M001" in text(team), text(team)
    cell = page(op, "instructor", "control")
    assert [label, "Kenya"] in frames(cell)  # what KE tabled, by its source
    cell.button(key="jm.close.M001").click().run()
    assert "Meeting M001 closed" in text(cell)
    cell.number_input(key="jm.control.day").set_value(6)
    next(b for b in cell.button if b.label == "Set the action day").click().run()
    assert "The operation's action day is day 6" in text(cell)
    tz = page(op, "Tanzania One", "team")
    assert "Shared case file" in text(tz) and "The operation's action day: day 6." in text(tz)
    assert [label, "Kenya"] in frames(tz)  # the shared file, credited to its source
    next(b for b in tz.button if b.label == "Schedule").click().run()  # nobody chosen
    assert [w.value for w in tz.warning] == [
        "Choose a person to arrest or a shipment to seize first."]


def test_a_trainee_is_refused_the_control_panels_actions(op):
    cell = page(op, "Kenya One", "control")
    assert cell.exception  # control_view refuses anyone outside the control cell


def test_a_tabled_report_is_shown_by_its_sender_and_words_not_its_number(op):
    team = page(op, "Kenya One", "team")
    team.multiselect(key="jm.invite").set_value(["TZ"])
    team.button[0].click().run()
    page(op, "instructor", "control").button(key="jm.convene.M001").click().run()
    team = page(op, "Kenya One", "team")
    item = desk_of(op, "Kenya One").view.inbox[0]
    offered = team.multiselect(key="jm.items.M001")
    assert item.id not in offered.format_func(item.id)  # the form offers it in words
    offered.select(item.id)
    next(b for b in team.button if b.label == "Put on the table").click().run()
    assert "put on the table of meeting M001" in text(team), text(team)
    tz = page(op, "Tanzania One", "team")
    tabled = [row for row in frames(tz) if row[-1] == "Kenya"]
    assert tabled and item.id not in tabled[0][0]
    assert tabled[0][0].startswith("NEST coordinator, day 0.0: ")


def test_a_plan_form_drawn_before_the_action_day_was_set_then_follows_it(op):
    """A team that opened the tab before the control cell set the day schedules for the
    action day, not for the day its form first offered."""
    team = page(op, "Kenya One", "team")
    assert not team.checkbox[0].value  # no action day yet: a day of its own
    cell = page(op, "instructor", "control")
    cell.number_input(key="jm.control.day").set_value(6)
    next(b for b in cell.button if b.label == "Set the action day").click().run()
    team.run()  # the same desk, redrawn
    assert "The operation's action day: day 6." in text(team)
    assert team.checkbox[0].value  # on the action day, as the form now says


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def _shipments_known_to_kenya(ids: dict) -> list[str]:
    """Kenya's analyst asks customs about the company in its file; two days later its file
    holds the company's shipments (real play, on the operation's own seed)."""
    engine = make_engine(ids["url"])
    company = next(e.id for e in desk_of(ids, "Kenya One").view.entities if e.type == "company")
    with session_scope(engine) as s:
        assert joint.act(s, user=s.get(User, ids["Kenya One"]), operation_id=ids["op"],
                         action={"kind": "request_intel", "source": "customs-data",
                                 "target": company}, seen_day=0.0).played.outcome.accepted
    for _ in range(2):
        with session_scope(engine) as s:
            control_cell.advance(s, user=s.get(User, ids["instructor"]), operation_id=ids["op"],
                                 days=1)
    engine.dispose()
    loads = [e.id for e in desk_of(ids, "Kenya One").view.entities if e.type == "shipment"]
    assert loads
    return loads


def test_a_team_cancels_a_planned_seizure_through_the_panel(op):
    load = _shipments_known_to_kenya(op)[0]
    team = page(op, "Kenya One", "team")
    assert not team.exception
    assert not [s for s in team.selectbox if s.key == "jm.cancel.plan"]  # nothing planned yet
    team.radio(key="jm.day.what").set_value("seizure")
    team.selectbox(key="jm.day.load").set_value(load)
    team.selectbox(key="jm.day.place").set_value("mombasa-port")
    team.checkbox[0].set_value(False)
    team.number_input(key="jm.day.n.2").set_value(4)
    _button(team, "Schedule").click().run()
    assert "scheduled for day 4" in text(team), text(team)
    # the form starts empty again: a second click cannot schedule the same seizure twice
    assert team.selectbox(key="jm.day.load").value is None
    assert team.selectbox(key="jm.day.place").value is None
    label = desk_of(op, "Kenya One").plan[0].label
    _button(team, "Cancel this action").click().run()  # nothing chosen
    assert "Choose one of your planned actions first." in [w.value for w in team.warning]
    picker = team.selectbox(key="jm.cancel.plan")
    assert picker.options == [f"Seizure: {label}, day 4"]  # in words, not its id
    picker.set_value(desk_of(op, "Kenya One").plan[0].id)
    _button(team, "Cancel this action").click().run()
    assert not team.exception
    assert f"Seizure of {label} (A001) cancelled" in text(team), text(team)
    row = next(r for r in frames(team) if label in r)
    assert "cancelled" in row and "Cancelled by the team on day 2" in row
    assert not [s for s in team.selectbox if s.key == "jm.cancel.plan"]  # none left to cancel
    cell = page(op, "instructor", "control")  # the control cell sees it cancelled
    assert any("Kenya" in r and "cancelled" in r for r in frames(cell)), frames(cell)
    engine = make_engine(op["url"])
    with session_scope(engine) as s:
        control_cell.advance(s, user=s.get(User, op["instructor"]), operation_id=op["op"],
                             days=WEEK)
        live = control_cell.control_view(s, user=s.get(User, op["instructor"]),
                                         operation_id=op["op"])
    engine.dispose()
    assert [p.status for p in live.plan] == ["cancelled"]  # it never ran on day 4
    assert "action_day.watching" not in [i.code for i in desk_of(op, "Kenya One").view.inbox]


def _meeting_open(op: dict) -> AppTest:
    """Kenya proposes a meeting with Tanzania, the control cell convenes it: Kenya's desk."""
    team = page(op, "Kenya One", "team")
    team.multiselect(key="jm.invite").set_value(["TZ"])
    team.button[0].click().run()
    page(op, "instructor", "control").button(key="jm.convene.M001").click().run()
    return page(op, "Kenya One", "team")


def test_a_team_withdraws_its_target_through_the_panel(op):
    load = _shipments_known_to_kenya(op)[0]
    team = _meeting_open(op)
    name = f"Shipment {load}"
    assert not [s for s in team.selectbox if s.key == "jm.wd.M001"]  # owns nothing yet
    team.radio(key="jm.what.M001").set_value("seizure").run()
    team.selectbox(key="jm.tg.M001").set_value(load)
    _button(team, "Own this target").click().run()
    assert f"{name} on the target list" in text(team), text(team)
    assert [name, "Seizure", "Kenya"] in frames(team)
    team.selectbox(key="jm.wd.M001").set_value(load)
    _button(team, "Withdraw this target").click().run()
    assert not team.exception
    assert f"{name} withdrawn from the target list of meeting M001" in text(team)
    assert [name, "Seizure", "Kenya"] not in frames(team)
    assert "No target yet." in text(team)
    assert desk_of(op, "Tanzania One").meetings[0].targets == []


def test_the_target_form_never_offers_a_company_for_arrest(op):
    """Only a person can be arrested: the form offers the people of the file for an arrest
    and its shipments for a seizure; the company in Kenya's file is offered for neither."""
    loads = _shipments_known_to_kenya(op)
    team = _meeting_open(op)
    view = desk_of(op, "Kenya One").view
    company = next(e.label for e in view.entities if e.type == "company")
    people = {e.label for e in view.entities if e.type == "person"}
    assert team.radio(key="jm.what.M001").value == "arrest"
    assert set(team.selectbox(key="jm.tg.M001").options) == people  # (shown by name)
    team.radio(key="jm.what.M001").set_value("seizure").run()
    offered = team.selectbox(key="jm.tg.M001").options
    assert set(offered) == {f"Shipment {x}" for x in loads} and company not in offered


def test_a_french_desk_names_the_loads_on_the_table_and_the_list_in_french(op):
    """Kenya (English) tables a shipment its customs found and owns its seizure; Tanzania's
    desk and the control cell, read in French, name it "Envoi S…" on the table, on the
    agreed list, in the refusal Tanzania gets and in the closing report — not "Shipment
    S…" — though the load is not in Tanzania's file."""
    from academy.catalogs import catalog, engine_text

    fr = catalog("fr")
    load = _shipments_known_to_kenya(op)[0]
    ke = _meeting_open(op)
    ke.multiselect(key="jm.ents.M001").select(load)
    _button(ke, "Put on the table").click().run()
    ke.radio(key="jm.what.M001").set_value("seizure").run()
    ke.selectbox(key="jm.tg.M001").set_value(load)
    _button(ke, "Own this target").click().run()
    assert f"Shipment {load} on the target list" in text(ke), text(ke)  # English stays
    french = f"Envoi {load}"
    tz = page(op, "Tanzania One", "team", lang="fr")
    assert load not in {e.id for e in desk_of(op, "Tanzania One").view.entities}
    assert [french, "Kenya"] in frames(tz)  # on the table, by who tabled it
    assert [french, fr["jm.action.seizure"], "Kenya"] in frames(tz)  # the agreed list
    engine = make_engine(op["url"])  # Tanzania asks to own it too (AppTest cannot rerun a
    with session_scope(engine) as s:  # page whose radio is worded in French)
        taken = joint.act(s, user=s.get(User, op["Tanzania One"]), operation_id=op["op"],
                          action={"kind": "propose_target", "meeting": "M001", "target": load,
                                  "action": "seizure"}, seen_day=2.0).played.outcome
    engine.dispose()
    assert taken.code == "meeting.target_taken"
    tz = page(op, "Tanzania One", "team", lang="fr", result=taken)  # the panel shows it
    refused = [e.value for e in tz.error]
    assert any(french in x for x in refused) and "Shipment" not in str(refused), refused
    cell = page(op, "instructor", "control", lang="fr")
    assert [french, fr["jm.action.seizure"], "Kenya"] in frames(cell)
    assert not [row for row in frames(tz) + frames(cell) if any("Shipment" in x for x in row)]
    cell.button(key="jm.close.M001").click().run()
    closed = next(i for i in desk_of(op, "Tanzania One").view.inbox if i.code == "meeting.closed")
    said = engine_text(closed.code, closed.params, closed.text, "fr")
    assert f"{french} (saisie, Kenya)" in said and "Shipment" not in said, said
