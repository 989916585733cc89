"""From the exercise back: AAR/IP items on a country team's indicators, tracked to closure,
seen by that team only, and shown as evidence on its next assessment round."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pypdf
import pytest

from academy import assessments, hotwash, improvement, improvement_report, teams
from academy.accounts import create_user, join_workshop
from academy.errors import AcademyError
from academy.guidance import load_framework
from academy.models import FacilitatorNote, Role
from academy.workshops import create_workshop

DUE = date(2027, 3, 31)


@pytest.fixture(scope="module")
def framework():
    return load_framework()


@pytest.fixture
def loop(session, framework):
    """Kenya's team with a first round, a workshop made for it, Cameroon's team, staff."""
    admin = create_user(session, username="boss", display_name="Boss", role=Role.admin,
                        password="long-password")
    ines = create_user(session, username="ines", display_name="Ines", role=Role.instructor,
                       password="instructor-1")
    omar = create_user(session, username="omar", display_name="Omar", role=Role.instructor,
                       password="instructor-2")
    kenya = teams.create_team(session, acting_user_id=admin.id, country="KE", name="Kenya NEST")
    cameroon = teams.create_team(session, acting_user_id=admin.id, country="CM", name="Cameroon")
    wanjiru = join_workshop(session, new=True, code=kenya.join_code, name="Wanjiru", pin="1111")
    mbarga = join_workshop(session, new=True, code=cameroon.join_code, name="Mbarga", pin="3333")
    first = assessments.create_assessment(session, acting_user_id=wanjiru.id, team_id=kenya.id,
                                          title="Baseline")
    workshop = create_workshop(session, title="Kenya NEST 2027", instructor=ines)
    workshop.country_team_id = kenya.id
    plain = create_workshop(session, title="Open course", instructor=ines)
    trainee = join_workshop(session, new=True, code=workshop.join_code, name="Otieno", pin="5555")
    session.commit()
    return dict(admin=admin, ines=ines, omar=omar, kenya=kenya, cameroon=cameroon,
                wanjiru=wanjiru, mbarga=mbarga, first=first, workshop=workshop, plain=plain,
                trainee=trainee)


def add(session, loop, framework, kind="action", indicator="intelligence.3", text="Fix it",
        owner="Head of the analysis unit", due_on=DUE, user=None, workshop=None):
    return improvement.add_item(session, user=user or loop["ines"],
                                workshop_id=(workshop or loop["workshop"]).id, kind=kind,
                                text=text, indicator_id=indicator, owner=owner, due_on=due_on,
                                valid_ids=framework.indicators)


def test_an_instructor_attaches_items_to_the_teams_indicators(session, loop, framework):
    add(session, loop, framework, kind="strength", text="Red notice requests were well founded",
        indicator="international.2")
    add(session, loop, framework, kind="improvement", text="No link chart before the raid")
    action = add(session, loop, framework, text="Train two analysts in link analysis")
    hotwash.add_note(session, user=loop["ines"], workshop_id=loop["workshop"].id, kind="note",
                     text="Room was too warm")  # a plain note stays in the workshop
    plan = improvement.improvement_plan(session, acting_user_id=loop["wanjiru"].id,
                                        team_id=loop["kenya"].id)
    assert list(plan) == ["intelligence.3", "international.2"]
    assert [(i.kind, i.text) for i in plan["intelligence.3"]] == [
        ("improvement", "No link chart before the raid"),
        ("action", "Train two analysts in link analysis")]
    item = plan["intelligence.3"][1]
    assert (item.id, item.owner, item.due_on, item.status) == (
        action.id, "Head of the analysis unit", DUE, "open")
    assert item.workshop == "Kenya NEST 2027" and item.status_by == ""
    assert plan["international.2"][0].owner == "" and plan["international.2"][0].due_on is None


def test_items_are_validated(session, loop, framework):
    with pytest.raises(AcademyError, match="item_unknown"):
        add(session, loop, framework, indicator="intelligence.99")
    with pytest.raises(AcademyError, match="item_unknown"):
        add(session, loop, framework, indicator="")
    for owner, due_on in (("", DUE), ("   ", DUE), ("x" * 121, DUE), ("Unit", None)):
        with pytest.raises(AcademyError, match="action_invalid"):
            add(session, loop, framework, owner=owner, due_on=due_on)
    for kind, text in (("note", "x"), ("verdict", "x"), ("strength", "  "),
                       ("strength", "x" * 2001)):
        with pytest.raises(AcademyError, match="note_invalid"):
            add(session, loop, framework, kind=kind, text=text)
    with pytest.raises(AcademyError, match="item_no_team"):  # not made for a country
        add(session, loop, framework, workshop=loop["plain"])
    for outsider in (loop["omar"], loop["wanjiru"], loop["trainee"], None):
        with pytest.raises(AcademyError, match="forbidden"):
            improvement.add_item(session, user=outsider, workshop_id=loop["workshop"].id,
                                 kind="strength", text="x", indicator_id="intelligence.3",
                                 valid_ids=framework.indicators)
    strength = add(session, loop, framework, kind="strength", owner="Someone", due_on=DUE)
    assert (strength.owner, strength.due_on) == ("", None)  # only actions have owner and due
    assert add(session, loop, framework, owner="  Head   of unit ").owner == "Head of unit"
    assert add(session, loop, framework, user=loop["admin"]).author_id == loop["admin"].id


def test_members_track_an_action_to_closure(session, loop, framework):
    action = add(session, loop, framework)
    other = add(session, loop, framework, indicator="operations.3", text="Second")
    strength = add(session, loop, framework, kind="strength", text="Good")
    member, team = loop["wanjiru"], loop["kenya"]
    for status in ("in_progress", "done"):
        improvement.set_status(session, acting_user_id=member.id, item_id=action.id,
                               status=status)
        item = improvement.improvement_plan(session, acting_user_id=member.id,
                                            team_id=team.id)["intelligence.3"][1]
        assert (item.status, item.status_by) == (status, "Wanjiru")
        assert item.status_at is not None and item.status_at.tzinfo is not None
    improvement.set_status(session, acting_user_id=loop["admin"].id, item_id=other.id,
                           status="in_progress")
    with pytest.raises(AcademyError, match="status_invalid"):
        improvement.set_status(session, acting_user_id=member.id, item_id=action.id,
                               status="closed")
    with pytest.raises(AcademyError, match="status_not_action"):
        improvement.set_status(session, acting_user_id=member.id, item_id=strength.id,
                               status="done")
    plan = improvement.improvement_plan(session, acting_user_id=member.id, team_id=team.id)
    assert plan["operations.3"][0].status_by == "Boss"
    counted = improvement.progress(plan)
    assert counted.by_status == {"open": 0, "in_progress": 1, "done": 1}
    assert (counted.done, counted.total) == (1, 2)
    still_open = improvement.only_open(plan)
    assert {iid: [i.text for i in items] for iid, items in still_open.items()} == {
        "operations.3": ["Second"]}


def test_another_team_is_refused_alike_by_id_and_by_url_like_ids(session, loop, framework):
    action = add(session, loop, framework)
    kenya = loop["kenya"].id
    for outsider in (loop["mbarga"], loop["ines"], loop["trainee"]):
        with pytest.raises(AcademyError) as seen:
            improvement.improvement_plan(session, acting_user_id=outsider.id, team_id=kenya)
        assert seen.value.code == "team_forbidden"
    refusals = set()
    for item_id in (action.id, action.id + 1000, 0, -1, 2**63, 10**30):
        with pytest.raises(AcademyError) as seen:
            improvement.set_status(session, acting_user_id=loop["mbarga"].id, item_id=item_id,
                                   status="done")
        refusals.add((seen.value.code, tuple(seen.value.params.items())))
    assert refusals == {("team_forbidden", ())}  # an existing id reads like a missing one
    plain = hotwash.add_note(session, user=loop["ines"], workshop_id=loop["plain"].id,
                             kind="action", text="A plain workshop's action")
    with pytest.raises(AcademyError, match="team_forbidden"):  # no country's item at all
        improvement.set_status(session, acting_user_id=loop["wanjiru"].id, item_id=plain.id,
                               status="done")
    assert session.get(FacilitatorNote, action.id).status == "open"
    assert improvement.improvement_plan(session, acting_user_id=loop["mbarga"].id,
                                        team_id=loop["cameroon"].id) == {}


def test_items_show_as_evidence_on_the_teams_next_round(session, loop, framework):
    member = loop["wanjiru"]
    add(session, loop, framework, kind="improvement", text="No link chart before the raid")
    second = assessments.create_assessment(session, acting_user_id=member.id,
                                           team_id=loop["kenya"].id, title="After the exercise")
    add(session, loop, framework, kind="strength", text="Found after round two began")
    before = improvement.evidence(session, acting_user_id=member.id,
                                  assessment_id=loop["first"].id)
    after = improvement.evidence(session, acting_user_id=member.id, assessment_id=second.id)
    assert before == {}  # the baseline came before the exercise
    assert [i.text for i in after["intelligence.3"]] == ["No link chart before the raid"]
    with pytest.raises(AcademyError, match="team_forbidden"):
        improvement.evidence(session, acting_user_id=loop["mbarga"].id, assessment_id=second.id)


def test_the_plan_exports_as_a_csv_a_spreadsheet_reads_as_text(session, loop, framework):
    add(session, loop, framework, text='=HYPERLINK("http://evil.example","click")',
        owner="@SUM(A1)")
    add(session, loop, framework, kind="strength", indicator="international.2",
        text="-2+3 notices")
    plan = improvement.improvement_plan(session, acting_user_id=loop["wanjiru"].id,
                                        team_id=loop["kenya"].id)
    data = list(csv.DictReader(io.StringIO(improvement_report.to_csv(framework, plan, "en"))))
    assert [r["indicator_id"] for r in data] == ["intelligence.3", "international.2"]
    assert data[0]["text"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert data[0]["owner"] == "'@SUM(A1)" and data[0]["status"] == "open"
    assert data[0]["due_on"] == "2027-03-31" and data[0]["workshop"] == "Kenya NEST 2027"
    assert data[1]["text"] == "'-2+3 notices"
    assert not any(str(v).startswith(("=", "+", "-", "@")) for r in data for v in r.values())


def text_of(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    text = " ".join(page.extract_text() for page in pages)
    return re.sub(r"[ \t\r\n]+", " ", text).strip()  # a French U+202F stays as printed


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_plan_exports_as_a_pdf_with_its_items(session, loop, framework, lang):
    action = add(session, loop, framework, text="Train two analysts in link analysis")
    add(session, loop, framework, kind="strength", indicator="international.2",
        text="Red notice requests were well founded")
    improvement.set_status(session, acting_user_id=loop["wanjiru"].id, item_id=action.id,
                           status="done")
    plan = improvement.improvement_plan(session, acting_user_id=loop["wanjiru"].id,
                                        team_id=loop["kenya"].id)
    pdf = improvement_report.to_pdf(framework, plan, lang, team="Kenya NEST")
    text = text_of(pdf)
    for words in ("Train two analysts in link analysis", "Red notice requests were well founded",
                  "Head of the analysis unit", "2027-03-31", "Kenya NEST", "Wanjiru"):
        assert words in text, words
    if lang == "en":
        title = framework.indicators["intelligence.3"].title.get("en")
        assert title in text and "Corrective actions done: 1 of 1" in text
        assert "in_progress" not in text and "intelligence.3" not in text
    if lang == "fr":
        assert "Actions correctives terminées\u202f: 1 sur 1" in text


def test_the_workshops_after_action_report_names_each_actions_owner_and_due_date(
        session, loop, framework):
    from pathlib import Path

    from academy import aar
    from academy.scenarios import parse

    add(session, loop, framework, text="Train two analysts in link analysis")
    scenario = parse((Path(__file__).resolve().parents[2] / "scenarios"
                      / "wildlife-ivory-corridor.yaml").read_text(encoding="utf-8"))
    notes = hotwash.notes_of(session, user=loop["ines"], workshop_id=loop["workshop"].id)
    text = text_of(aar.report_pdf(loop["workshop"], scenario, [], notes))
    assert ("Train two analysts in link analysis — owner: Head of the analysis unit, "
            "due 2027-03-31") in text


def test_actions_are_counted_per_team_for_a_side_by_side_view(session, loop, framework):
    first = add(session, loop, framework)
    add(session, loop, framework, indicator="operations.3")
    add(session, loop, framework, kind="strength")  # not an action
    improvement.set_status(session, acting_user_id=loop["wanjiru"].id, item_id=first.id,
                           status="done")
    counted = improvement.actions_by_team(session, team_ids=[loop["kenya"].id,
                                                             loop["cameroon"].id])
    assert counted[loop["kenya"].id].by_status == {"open": 1, "in_progress": 0, "done": 1}
    assert counted[loop["cameroon"].id].total == 0
