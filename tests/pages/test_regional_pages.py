"""The regional view through app.py: a coordinator sees the countries that share and no
other, by menu or by a typed ?team=; everyone else is refused."""

from __future__ import annotations

import pytest

from academy import assessments, regional, teams
from academy.accounts import add_staff
from academy.demo import DEMO_TEAM_CODE
from academy.models import CountryTeam, Role, User
from tests.pages.helpers import app, as_instructor, as_trainee, staff_sign_in, texts
from tests.pages.test_guidance_pages import as_member, db, seeded_round


@pytest.fixture
def region(app_db):
    """The demo team (Kenya) scored a round; a second team (Uganda) did too; a coordinator."""
    seeded_round(app_db, {"Amina Wanjiru": [2, 3, 1]})
    with db(app_db) as s:
        admin = s.query(User).filter(User.role == Role.admin).first()
        add_staff(s, acting_user_id=admin.id, username="rc-east", display_name="Coordinator",
                  role="regional", password="regional-1")
        uganda = teams.create_team(s, acting_user_id=admin.id, country="UG", name="Uganda NEST")
        kenya = teams.team_by_code(s, code=DEMO_TEAM_CODE)
        return dict(url=app_db, kenya=kenya.id, uganda=uganda.id, admin=admin.id)


def as_coordinator():
    return staff_sign_in(app(), "rc-east", "regional-1")


def test_a_coordinator_lands_on_the_region_and_sees_only_teams_that_share(region):
    at = as_coordinator()
    assert not at.exception
    assert at.title[0].value == "Regional view"
    assert "No country team shares its results yet" in texts(at)
    member = as_member()  # Kenya switches sharing on from its results page
    member.switch_page("pages/readiness_results.py").run()
    member.toggle(key=f"regional.share.{region['kenya']}").set_value(True).run()
    assert not member.exception
    at.run()
    table = next(df.value for df in at.dataframe if "Open corrective actions" in df.value.columns)
    assert list(table["Country team"]) == ["KE · Demo NEST team (Kenya)"]
    assert "Uganda" not in texts(at)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")  # the heat map


def test_a_typed_team_id_of_a_country_that_does_not_share_is_not_found(region):
    with db(region["url"]) as s:
        regional.set_opt_in(s, acting_user_id=region["admin"], team_id=region["kenya"],
                            opt_in=True)
    at = as_coordinator()
    for hidden in (region["uganda"], 999999, "abc"):
        at.query_params["team"] = str(hidden)
        at.run()
        assert not at.exception
        assert at.error and "Uganda" not in texts(at), hidden
        assert not at.dataframe  # nothing of any country is drawn after the refusal
    at.query_params["team"] = str(region["kenya"])
    at.run()
    assert not at.error and "One country beside the region" in texts(at)


@pytest.mark.usefixtures("region")
def test_trainees_instructors_and_members_are_refused_the_region():
    for at in (as_trainee(), as_instructor(), as_member()):
        at.switch_page("pages/regional.py").run()
        assert not at.exception and at.error
        assert "Regional view" not in [t.value for t in at.title]


def test_a_team_that_just_opened_a_round_can_still_share_and_see_its_progress(region):
    """The newest round, on screen by default, has no score yet while the team assesses: the
    switch to share and the progress over the earlier rounds are still there."""
    member = as_member()
    with db(region["url"]) as s:
        assessments.create_assessment(s, acting_user_id=region["admin"], team_id=region["kenya"],
                                      title="After the exercise")
    member.switch_page("pages/readiness_results.py").run()
    assert not member.exception
    assert "No score yet" in texts(member)
    assert "Progress and training" in texts(member)
    member.toggle(key=f"regional.share.{region['kenya']}").set_value(True).run()
    assert not member.exception
    with db(region["url"]) as s:
        assert s.get(CountryTeam, region["kenya"]).regional_opt_in
