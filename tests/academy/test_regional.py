"""The regional view shows only the countries that opted in, to coordinators and admins."""

from __future__ import annotations

from datetime import date

import pytest

from academy import assessments, regional, teams
from academy.accounts import add_staff, create_user, join_workshop, sign_in
from academy.errors import AcademyError
from academy.guidance import load_framework
from academy.improvement import add_item
from academy.models import Role
from academy.workshops import create_workshop


@pytest.fixture(scope="module")
def framework():
    return load_framework()


@pytest.fixture
def region(session, framework):
    admin = create_user(session, username="boss", display_name="Boss", role=Role.admin,
                        password="long-password")
    coordinator = add_staff(session, acting_user_id=admin.id, username="rc-east",
                            display_name="Coordinator", role="regional", password="regional-1")
    instructor = create_user(session, username="ines", display_name="Ines",
                             role=Role.instructor, password="instructor-1")
    kenya = teams.create_team(session, acting_user_id=admin.id, country="KE", name="Kenya")
    uganda = teams.create_team(session, acting_user_id=admin.id, country="UG", name="Uganda")
    wanjiru = join_workshop(session, new=True, code=kenya.join_code, name="Wanjiru", pin="1111")
    okello = join_workshop(session, new=True, code=uganda.join_code, name="Okello", pin="2222")
    ids = list(framework.indicators)
    for member, team, level in ((wanjiru, kenya, 2), (okello, uganda, 1)):
        round_ = assessments.create_assessment(session, acting_user_id=member.id,
                                               team_id=team.id, title="2026")
        for iid in ids:
            assessments.agree(session, acting_user_id=member.id, assessment_id=round_.id,
                              indicator_id=iid, level=level, valid_ids=ids)
    workshop = create_workshop(session, title="Kenya 2027", instructor=instructor)
    workshop.country_team_id = kenya.id
    session.add(workshop)
    add_item(session, user=instructor, workshop_id=workshop.id, kind="action",
             text="Write the evidence-handling procedure", indicator_id="forensics.1",
             valid_ids=ids, owner="Head of forensics", due_on=date(2027, 3, 31))
    session.commit()
    return dict(admin=admin, coordinator=coordinator, instructor=instructor, kenya=kenya,
                uganda=uganda, wanjiru=wanjiru, okello=okello)


def test_only_countries_that_opted_in_are_compared(session, region, framework):
    r = region
    assert regional.countries(session, acting_user_id=r["coordinator"].id, framework=framework) == []
    regional.set_opt_in(session, acting_user_id=r["wanjiru"].id, team_id=r["kenya"].id,
                        opt_in=True)
    rows = regional.countries(session, acting_user_id=r["coordinator"].id, framework=framework)
    assert [(x.country, x.round_title, x.summary.overall, x.open_actions) for x in rows] == [
        ("KE", "2026", 2.0, 1)]
    assert all(d.average == 2.0 for d in rows[0].summary.dimensions)
    with pytest.raises(AcademyError, match="not_found"):  # Uganda did not opt in
        regional.country(session, acting_user_id=r["coordinator"].id, team_id=r["uganda"].id,
                         framework=framework)
    with pytest.raises(AcademyError, match="not_found"):  # nor does a made-up id exist
        regional.country(session, acting_user_id=r["coordinator"].id, team_id=10**12,
                         framework=framework)
    assert regional.country(session, acting_user_id=r["admin"].id, team_id=r["kenya"].id,
                            framework=framework).name == "Kenya"
    regional.set_opt_in(session, acting_user_id=r["wanjiru"].id, team_id=r["kenya"].id,
                        opt_in=False)
    assert regional.countries(session, acting_user_id=r["coordinator"].id, framework=framework) == []


def test_nobody_else_sees_the_region_and_only_a_team_shares_itself(session, region, framework):
    r = region
    for outsider in ("instructor", "wanjiru", "okello"):
        with pytest.raises(AcademyError, match="forbidden"):
            regional.countries(session, acting_user_id=r[outsider].id, framework=framework)
    with pytest.raises(AcademyError, match="team_forbidden"):  # Uganda cannot share Kenya
        regional.set_opt_in(session, acting_user_id=r["okello"].id, team_id=r["kenya"].id,
                            opt_in=True)
    with pytest.raises(AcademyError, match="team_forbidden"):  # nor can the coordinator
        regional.set_opt_in(session, acting_user_id=r["coordinator"].id,
                            team_id=r["uganda"].id, opt_in=True)


def test_a_coordinator_signs_in_with_the_staff_form(session, region):
    user = sign_in(session, username="rc-east", password="regional-1")
    assert user.role == Role.regional
