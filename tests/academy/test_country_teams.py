"""Country teams: joining by team code, checklist ticks, agency map, assessment rounds,
and that a member of one team can neither read nor write another team's work by id."""

from __future__ import annotations

import json

import pytest

from academy import agency_map, assessments, teams
from academy.accounts import create_user, join_workshop
from academy.demo import DEMO_TEAM_CODE, seed_demo
from academy.errors import AcademyError
from academy.guidance import load_agencies, load_framework, load_guide
from academy.models import Role
from academy.readiness_report import to_csv, to_json, to_pdf
from academy.workshops import CODE_ALPHABET

IDS = ["governance.1", "governance.2", "legal.1"]


@pytest.fixture
def world(session):
    admin = create_user(session, username="boss", display_name="Boss", role=Role.admin,
                        password="long-password")
    a = teams.create_team(session, acting_user_id=admin.id, country="ke", name="Kenya NEST")
    b = teams.create_team(session, acting_user_id=admin.id, country="CM", name="Cameroon NEST")
    wanjiru = join_workshop(session, new=True, code=a.join_code, name="Wanjiru", pin="1111")
    otieno = join_workshop(session, new=True, code=a.join_code.lower(), name="Otieno", pin="2222")
    intruder = join_workshop(session, new=True, code=b.join_code, name="Mbarga", pin="3333")
    session.commit()
    return {"admin": admin, "a": a, "b": b, "wanjiru": wanjiru, "otieno": otieno,
            "intruder": intruder}


def test_team_code_signs_in_a_country_member(session, world):
    a = world["a"]
    assert world["wanjiru"].role == Role.country
    assert a.country == "KE" and len(a.join_code) == 6 and set(a.join_code) <= set(CODE_ALPHABET)
    again = join_workshop(session, code=a.join_code, name="  wanjiru ", pin="1111")
    assert again.id == world["wanjiru"].id
    with pytest.raises(AcademyError) as err:
        join_workshop(session, new=True, code=a.join_code, name="Wanjiru", pin="9999")
    assert err.value.code == "bad_join"
    with pytest.raises(AcademyError) as err:
        join_workshop(session, new=True, code="ZZZZZZ", name="Wanjiru", pin="1111")
    assert err.value.code == "bad_join"
    names = [m.name for m in teams.members_of(session, acting_user_id=world["admin"].id,
                                                team_id=a.id)]
    assert names == ["Otieno", "Wanjiru"]


def test_only_admins_create_teams_and_codes_are_unique(session, world):
    with pytest.raises(AcademyError, match="forbidden"):
        teams.create_team(session, acting_user_id=world["wanjiru"].id, country="KE", name="X")
    with pytest.raises(AcademyError, match="code_taken"):
        teams.create_team(session, acting_user_id=world["admin"].id, country="KE", name="X",
                          join_code=world["a"].join_code)
    with pytest.raises(AcademyError, match="country_invalid"):
        teams.create_team(session, acting_user_id=world["admin"].id, country="Kenya", name="X")


def test_demo_has_the_country_team(session):
    seed_demo(session)
    assert teams.team_by_code(session, code=DEMO_TEAM_CODE).country == "KE"
    assert join_workshop(session, new=True, code=DEMO_TEAM_CODE, name="Amina", pin="2468").role == "country"


def test_ticks_remember_who_and_when(session, world):
    a, w = world["a"], world["wanjiru"]
    teams.set_tick(session, acting_user_id=w.id, team_id=a.id, item_id="threat-picture.1", done=True)
    teams.set_tick(session, acting_user_id=world["otieno"].id, team_id=a.id,
                   item_id="threat-picture.2", done=True)
    teams.set_tick(session, acting_user_id=w.id, team_id=a.id, item_id="threat-picture.2", done=False)
    ticks = teams.ticks_of(session, acting_user_id=world["otieno"].id, team_id=a.id)
    assert ticks["threat-picture.1"].done and ticks["threat-picture.1"].by == "Wanjiru"
    assert not ticks["threat-picture.2"].done and ticks["threat-picture.2"].by == "Wanjiru"
    assert ticks["threat-picture.1"].at.tzinfo is not None
    assert teams.progress({"x", "y"}, ["x", "y", "z", "w"]) == 0.5
    with pytest.raises(AcademyError, match="item_unknown"):
        teams.set_tick(session, acting_user_id=w.id, team_id=a.id, item_id="nope", done=True,
                       valid_items=frozenset({"threat-picture.1"}))


def test_other_team_cannot_read_or_write_guide_progress_or_agencies(session, world):
    a, x = world["a"], world["intruder"].id
    catalogue = load_agencies()
    entry = agency_map.add_agency(session, acting_user_id=world["wanjiru"].id, team_id=a.id,
                                  agency_type="police", name="", crime_areas=["wildlife"],
                                  functions=["investigation"], catalogue=catalogue)
    for call in (
        lambda: teams.ticks_of(session, acting_user_id=x, team_id=a.id),
        lambda: teams.set_tick(session, acting_user_id=x, team_id=a.id, item_id="i", done=True),
        lambda: teams.members_of(session, acting_user_id=x, team_id=a.id),
        lambda: agency_map.agencies_of(session, acting_user_id=x, team_id=a.id),
        lambda: agency_map.remove_agency(session, acting_user_id=x, agency_id=entry.id),
        lambda: agency_map.add_agency(session, acting_user_id=x, team_id=a.id, agency_type="police",
                                      name="", crime_areas=[], functions=[], catalogue=catalogue),
        lambda: teams.ticks_of(session, acting_user_id=x, team_id=999_999),
    ):
        with pytest.raises(AcademyError) as err:
            call()
        assert err.value.code == "team_forbidden"
    assert [t.id for t in teams.teams_visible_to(session, acting_user_id=x)] == [world["b"].id]
    assert len(teams.teams_visible_to(session, acting_user_id=world["admin"].id)) == 2
    assert agency_map.agencies_of(session, acting_user_id=world["admin"].id, team_id=a.id)


def test_agency_map_coverage_and_gaps(session, world):
    a, w = world["a"], world["wanjiru"].id
    catalogue = load_agencies()
    agency_map.add_agency(session, acting_user_id=w, team_id=a.id, agency_type="police",
                          name="Kenya Police", crime_areas=["wildlife", "fisheries"],
                          functions=["investigation", "intelligence"], catalogue=catalogue)
    agency_map.add_agency(session, acting_user_id=w, team_id=a.id, agency_type="wildlife",
                          name="KWS", crime_areas=["wildlife"], functions=["investigation"],
                          catalogue=catalogue)
    with pytest.raises(AcademyError, match="agency_invalid"):
        agency_map.add_agency(session, acting_user_id=w, team_id=a.id, agency_type="spies",
                              name="", crime_areas=[], functions=[], catalogue=catalogue)
    entries = agency_map.agencies_of(session, acting_user_id=w, team_id=a.id)
    counts = agency_map.coverage(entries, [c.id for c in catalogue.crime_areas],
                                 [f.id for f in catalogue.functions])
    assert counts[("wildlife", "investigation")] == 2
    assert counts[("fisheries", "intelligence")] == 1
    assert ("fisheries", "prosecution") in agency_map.gaps(counts)
    assert ("wildlife", "investigation") not in agency_map.gaps(counts)
    agency_map.remove_agency(session, acting_user_id=w, agency_id=entries[1].id)
    assert len(agency_map.agencies_of(session, acting_user_id=w, team_id=a.id)) == 1


def test_assessment_round_drafts_submit_consensus_and_exports(session, world):
    a, w, o = world["a"], world["wanjiru"].id, world["otieno"].id
    teams.set_member_agency(session, acting_user_id=w, team_id=a.id, agency="police")
    rnd = assessments.create_assessment(session, acting_user_id=w, team_id=a.id, title="2026 baseline")
    for iid, level in zip(IDS, [1, 2, 3], strict=True):
        assessments.save_score(session, acting_user_id=w, assessment_id=rnd.id, indicator_id=iid,
                               level=level, evidence="decree 12/2025", valid_ids=IDS)
    assessments.save_score(session, acting_user_id=o, assessment_id=rnd.id, indicator_id=IDS[0],
                           level=3, valid_ids=IDS)
    # drafts are private: nothing submitted yet
    assert all(r.levels == {} for r in assessments.consensus(
        session, acting_user_id=w, assessment_id=rnd.id, indicator_ids=IDS))
    assert assessments.submit_sheet(session, acting_user_id=w, assessment_id=rnd.id,
                                    indicator_ids=IDS) == "submitted"
    assessments.set_sheet_agency(session, acting_user_id=o, assessment_id=rnd.id, agency="customs")
    with pytest.raises(AcademyError) as err:
        assessments.submit_sheet(session, acting_user_id=o, assessment_id=rnd.id, indicator_ids=IDS)
    assert err.value.code == "incomplete_confirm" and err.value.params == {"missing": 2}
    assert assessments.submit_sheet(session, acting_user_id=o, assessment_id=rnd.id,
                                    indicator_ids=IDS, confirm_incomplete=True) == "incomplete"
    with pytest.raises(AcademyError, match="sheet_submitted"):
        assessments.save_score(session, acting_user_id=o, assessment_id=rnd.id,
                               indicator_id=IDS[1], level=1, valid_ids=IDS)
    rows = {r.indicator_id: r for r in assessments.consensus(
        session, acting_user_id=o, assessment_id=rnd.id, indicator_ids=IDS)}
    assert rows["governance.1"].levels == {"Otieno (customs)": 3, "Wanjiru (police)": 1}
    assert rows["governance.1"].spread == 2 and rows["governance.2"].spread == 0
    assessments.agree(session, acting_user_id=o, assessment_id=rnd.id, indicator_id="governance.1",
                      level=2, note="decree adopted, not all signed", valid_ids=IDS)
    scores = assessments.round_scores(session, acting_user_id=w, assessment_id=rnd.id,
                                      indicator_ids=IDS)
    assert scores.scores == {"governance.1": 2.0, "governance.2": 2.0, "legal.1": 3.0}
    assert scores.agreed == {"governance.1"} and scores.provisional == {"governance.2", "legal.1"}
    assert assessments.agree_unanimous(session, acting_user_id=w, assessment_id=rnd.id,
                                       indicator_ids=IDS) == 0  # Otieno left them blank

    guide = load_guide()
    framework = load_framework(guide=guide)
    scores = assessments.round_scores(session, acting_user_id=w, assessment_id=rnd.id,
                                      indicator_ids=list(framework.indicators))
    # the indicator as the sheet heads it ("1.1 · …"), its id kept for the team's own tools
    assert "governance.1,1.1 · Formal mandate,2.0,agreed" in to_csv(
        framework, scores, "en").replace("governance,Mandate and governance,", "")
    data = json.loads(to_json(framework, scores, "fr", team="Kenya", assessment="2026"))
    assert data["indicators"][0]["indicator"] == "1.1 · Mandat formel"
    labels = dict.fromkeys(["overall", "maturity", "dimensions", "dimension", "score", "scored",
                            "weakest", "steps", "modules", "indicators", "indicator", "status",
                            "agreed", "provisional", "missing"], "x")
    assert to_pdf(framework, guide, scores, "en", labels=labels, title="T",
                  subtitle="S").startswith(b"%PDF")


def test_other_team_cannot_read_or_write_an_assessment_by_id(session, world):
    a, w, x = world["a"], world["wanjiru"].id, world["intruder"].id
    rnd = assessments.create_assessment(session, acting_user_id=w, team_id=a.id, title="Round 1")
    assessments.save_score(session, acting_user_id=w, assessment_id=rnd.id, indicator_id=IDS[0],
                           level=1, valid_ids=IDS)
    assessments.set_sheet_agency(session, acting_user_id=w, assessment_id=rnd.id, agency="police")
    assessments.submit_sheet(session, acting_user_id=w, assessment_id=rnd.id, indicator_ids=IDS,
                             confirm_incomplete=True)
    for call in (
        lambda: assessments.get_assessment(session, acting_user_id=x, assessment_id=rnd.id),
        lambda: assessments.assessments_of(session, acting_user_id=x, team_id=a.id),
        lambda: assessments.create_assessment(session, acting_user_id=x, team_id=a.id, title="X"),
        lambda: assessments.my_sheet(session, acting_user_id=x, assessment_id=rnd.id),
        lambda: assessments.save_score(session, acting_user_id=x, assessment_id=rnd.id,
                                       indicator_id=IDS[0], level=3, valid_ids=IDS),
        lambda: assessments.consensus(session, acting_user_id=x, assessment_id=rnd.id,
                                      indicator_ids=IDS),
        lambda: assessments.agree(session, acting_user_id=x, assessment_id=rnd.id,
                                  indicator_id=IDS[0], level=3, valid_ids=IDS),
        lambda: assessments.round_scores(session, acting_user_id=x, assessment_id=rnd.id,
                                         indicator_ids=IDS),
        lambda: assessments.get_assessment(session, acting_user_id=x, assessment_id=rnd.id + 999),
    ):
        with pytest.raises(AcademyError) as err:
            call()
        assert err.value.code == "team_forbidden"
    # an admin may read it; the intruder's attempts changed nothing
    scores = assessments.round_scores(session, acting_user_id=world["admin"].id,
                                      assessment_id=rnd.id, indicator_ids=IDS)
    assert scores.scores == {IDS[0]: 1.0}


def test_a_trainee_or_instructor_is_no_team_member(session, world):
    instructor = create_user(session, username="teach", display_name="T", role=Role.instructor,
                             password="long-password")
    with pytest.raises(AcademyError, match="team_forbidden"):
        teams.ticks_of(session, acting_user_id=instructor.id, team_id=world["a"].id)


def test_an_agency_ticked_many_times_over_is_stored_once_per_id(session, world):
    """A form sending the same ids again and again must not overflow the 300-character
    column (PostgreSQL refuses what SQLite would keep)."""
    entry = agency_map.add_agency(session, acting_user_id=world["wanjiru"].id,
                                  team_id=world["a"].id, agency_type="police", name="",
                                  crime_areas=["wildlife", "forestry"] * 40,
                                  functions=["investigation"] * 40, catalogue=load_agencies())
    session.commit()
    assert entry.crime_areas == ("wildlife", "forestry")
    assert entry.functions == ("investigation",)


def test_a_sheet_is_not_sent_without_the_agency_it_scores_for(session, world):
    """User trial: a sheet submitted (and locked) with its agency left on the placeholder;
    consensus across agencies needs to know whose view each sheet is."""
    a, o = world["a"], world["otieno"].id
    rnd = assessments.create_assessment(session, acting_user_id=o, team_id=a.id, title="Round 1")
    assessments.save_score(session, acting_user_id=o, assessment_id=rnd.id, indicator_id=IDS[0],
                           level=1, valid_ids=IDS)
    for confirm in (False, True):
        with pytest.raises(AcademyError) as err:
            assessments.submit_sheet(session, acting_user_id=o, assessment_id=rnd.id,
                                     indicator_ids=IDS, confirm_incomplete=confirm)
        assert err.value.code == "agency_required"
    assert assessments.my_sheet(session, acting_user_id=o, assessment_id=rnd.id).status == "draft"
    with pytest.raises(AcademyError, match="agency_required"):
        assessments.set_sheet_agency(session, acting_user_id=o, assessment_id=rnd.id, agency="  ")
    assessments.set_sheet_agency(session, acting_user_id=o, assessment_id=rnd.id, agency="customs")
    assert assessments.submit_sheet(session, acting_user_id=o, assessment_id=rnd.id,
                                    indicator_ids=IDS, confirm_incomplete=True) == "incomplete"
    with pytest.raises(AcademyError, match="sheet_submitted"):  # locked: its agency too
        assessments.set_sheet_agency(session, acting_user_id=o, assessment_id=rnd.id, agency="police")
