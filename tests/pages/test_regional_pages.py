"""The regional view through app.py: a coordinator sees the countries that share and no
other, by menu or by a typed ?team=; everyone else is refused."""

from __future__ import annotations

import pytest

from academy import assessments, regional, teams
from academy.accounts import add_staff
from academy.demo import DEMO_TEAM_CODE
from academy.models import CountryTeam, Role, User
from tests.pages.helpers import app, as_instructor, as_trainee, staff_sign_in, texts
from tests.pages.test_guidance_pages import GUIDE_PAGES, as_member, db, seeded_round


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
    assert list(table["Country team"]) == ["Kenya · Demo NEST team (Kenya)"]  # by name
    assert "Uganda" not in texts(at)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")  # the heat map


def test_a_typed_team_id_of_a_country_that_does_not_share_is_not_found(region):
    with db(region["url"]) as s:
        regional.set_opt_in(s, acting_user_id=region["admin"], team_id=region["kenya"],
                            opt_in=True)
    at = as_coordinator()
    for hidden in (region["uganda"], 999999, "abc", "²", "1²"):  # "²".isdigit() is True
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


def test_another_members_open_results_page_does_not_undo_the_teams_choice(region):
    """Sharing changes only when someone flips the switch: a teammate's results page left
    open since before the change must not write its stale switch back on its next rerun
    (which would publish, or hide, the team's results against its latest decision)."""
    key = f"regional.share.{region['kenya']}"
    stale = as_member()
    stale.switch_page("pages/readiness_results.py").run()
    assert stale.toggle(key=key).value is False
    other = as_member()
    other.switch_page("pages/readiness_results.py").run()
    other.toggle(key=key).set_value(True).run()
    assert not other.exception
    stale.run()  # the stale page reruns (say, another round picked to compare)
    assert not stale.exception
    with db(region["url"]) as s:
        assert s.get(CountryTeam, region["kenya"]).regional_opt_in is True
    assert stale.toggle(key=key).value is True  # and it now shows the team's choice
    stale.toggle(key=key).set_value(False).run()  # flipping it still works
    with db(region["url"]) as s:
        assert s.get(CountryTeam, region["kenya"]).regional_opt_in is False


def test_a_shared_team_name_is_shown_as_typed_not_as_markdown(region):
    """A team without a scored round is named in a notice: its name is text, not Markdown
    (an image in it would make every coordinator's browser fetch the address)."""
    with db(region["url"]) as s:
        odd = teams.create_team(s, acting_user_id=region["admin"], country="TZ",
                                name="**Tanzania** ![x](http://evil.example/x.png)")
        regional.set_opt_in(s, acting_user_id=region["admin"], team_id=odd.id, opt_in=True)
        odd_id = odd.id
    at = as_coordinator()
    at.query_params["team"] = str(odd_id)
    at.run()
    assert not at.exception and not at.error
    notice = next(i.value for i in at.info if "has not scored a round yet" in i.value)
    assert "\\*\\*Tanzania\\*\\*" in notice and "!\\[x\\]" in notice


def test_a_coordinator_gets_nothing_of_a_sharing_team_from_the_team_pages(region):
    """Sharing shows a team in the regional view and nowhere else: every NEST page that
    takes ?team= or ?assessment= refuses a coordinator, even for a team that shares."""
    from sqlmodel import select

    from academy.models import ReadinessAssessment

    with db(region["url"]) as s:
        regional.set_opt_in(s, acting_user_id=region["admin"], team_id=region["kenya"],
                            opt_in=True)
        round_id = s.exec(select(ReadinessAssessment)).first().id
    at = as_coordinator()
    for page in (*GUIDE_PAGES, "pages/training_plan.py", "pages/training_requests.py",
                 "pages/admin_teams.py"):
        for name, value in (("team", region["kenya"]), ("assessment", round_id)):
            at.query_params.clear()
            at.query_params[name] = str(value)
            at.switch_page(page).run()
            assert not at.exception and at.error, (page, name)
            assert "Kenya" not in texts(at) and not at.dataframe, (page, name)


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
