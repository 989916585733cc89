"""The NEST pages, started from app.py, for a country member, an admin, and people refused."""

from __future__ import annotations

import pytest
from sqlmodel import select

from academy import assessments, teams
from academy.accounts import join_workshop
from academy.db import make_engine, session_scope
from academy.demo import DEMO_TEAM_CODE
from academy.guidance import load_framework
from academy.models import ChecklistTick, User
from tests.pages.helpers import app, as_admin, as_instructor, as_trainee, texts

GUIDE_PAGES = ["pages/guide.py", "pages/agencies.py", "pages/assessment.py",
               "pages/consensus.py", "pages/readiness_results.py"]
ALL_PAGES = [*GUIDE_PAGES, "pages/admin_teams.py"]


def as_member(name: str = "Amina Wanjiru", pin: str = "2468", code: str = DEMO_TEAM_CODE):
    at = app()
    at.text_input(key="signin.code").input(code)
    at.text_input(key="signin.name").input(name)
    at.text_input(key="signin.pin").input(pin)
    at.button[0].click()
    at.run()
    create = [b for b in at.button if b.key == "signin.create"]  # first time: "New here?"
    return create[0].click().run() if create else at


def db(url: str):
    return session_scope(make_engine(url))


def seeded_round(url: str, levels: dict[str, list[int]], title: str = "Baseline 2026") -> int:
    """A round of the demo team where each named member submitted one level per indicator."""
    ids = list(load_framework().indicators)
    with db(url) as s:
        team = teams.team_by_code(s, code=DEMO_TEAM_CODE)
        users = {name: join_workshop(s, new=True, code=DEMO_TEAM_CODE, name=name, pin="2468")
                 for name in levels}
        first = next(iter(users.values()))
        round_ = assessments.create_assessment(s, acting_user_id=first.id, team_id=team.id,
                                               title=title)
        for name, user in users.items():
            assessments.set_sheet_agency(s, acting_user_id=user.id, assessment_id=round_.id,
                                         agency="police")
            for n, iid in enumerate(ids):
                assessments.save_score(s, acting_user_id=user.id, assessment_id=round_.id,
                                       indicator_id=iid, level=levels[name][n % len(levels[name])],
                                       valid_ids=ids)
            assessments.submit_sheet(s, acting_user_id=user.id, assessment_id=round_.id,
                                     indicator_ids=ids)
        return round_.id


@pytest.fixture
def url(app_db):
    return app_db


def test_member_lands_on_the_guide_and_ticks_an_item(url):
    at = as_member()
    assert not at.exception
    assert at.title[0].value == "NEST setup guide"
    assert "Demo NEST team (Kenya)" in texts(at)
    assert len(at.get("progress")) >= 6  # one bar per phase
    box = next(c for c in at.checkbox if str(c.key).endswith(".threat-picture.1"))
    assert box.key.startswith("guide.tick.")  # one key per team and item
    box.check().run()
    assert not at.exception
    with db(url) as s:
        tick = s.exec(select(ChecklistTick)).one()
        assert tick.item_id == "threat-picture.1" and tick.done
        assert s.get(User, tick.by_user_id).display_name == "Amina Wanjiru"
    assert any(df.value.shape[0] == 1 for df in at.dataframe)  # who ticked what, when
    downloads = [b.proto.label for b in at.get("download_button")]
    assert any("(PDF)" in label for label in downloads)  # phase 1 (existing structures: MoU)


def test_guide_offers_templates_as_markdown_and_pdf(url):
    at = as_member()
    at.selectbox(key="guide.phase").select_index(2).run()  # the national seminar
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.endswith("(Markdown)") for label in labels)
    assert any(label.endswith("(PDF)") for label in labels)


def test_agency_map_shows_heat_map_and_gaps(url):
    at = as_member()
    at.switch_page("pages/agencies.py").run()
    at.selectbox(key="agencies.type").select("police")
    at.text_input(key="agencies.name").input("Kenya Police <b>Service</b>")
    at.multiselect(key="agencies.areas").select("wildlife").select("forestry")
    at.multiselect(key="agencies.functions").select("investigation")
    at.button(key="FormSubmitter:agencies.add_form-Add to the map").click().run()
    assert not at.exception
    assert at.dataframe[0].value.iloc[0, 0] == "Kenya Police <b>Service</b>"  # shown as text
    assert at.get("vega_lite_chart")
    page = texts(at)
    assert "28 of 30 combinations" in page
    assert "Fisheries: nobody covers Detection, Investigation" in "\n".join(
        str(x.value) for x in at.get("text"))


def test_assessment_draft_saves_and_incomplete_submit_asks_for_confirmation(url):
    at = as_member()
    at.switch_page("pages/assessment.py").run()
    assert "own readiness framework" in texts(at)
    at.text_input(key="guidance.new_title").input("Baseline 2026")
    at.button(key="FormSubmitter:guidance.new_round-Start the round").click().run()
    assert not at.exception
    round_id = at.selectbox(key="guidance.round").value
    at.selectbox(key="assess.agency").select("police").run()
    at.radio(key=f"assess.{round_id}.governance.1.level").set_value(2).run()
    at.text_area(key=f"assess.{round_id}.governance.1.evidence").input("Decree 12/2025").run()
    assert "1 of" in at.get("progress")[0].proto.text
    at.button(key="assess.submit").click().run()
    assert "Indicators not scored yet: " in texts(at)
    at.button(key="assess.confirm_button").click().run()
    assert "submitted as incomplete" in texts(at)
    with db(url) as s:
        sheet = assessments.my_sheet(s, acting_user_id=s.exec(select(User).where(
            User.display_name == "Amina Wanjiru")).one().id, assessment_id=round_id)
        assert sheet.status == "incomplete"
        assert assessments.sheet_scores(s, sheet_id=sheet.id)["governance.1"].evidence == "Decree 12/2025"


def test_consensus_shows_disagreement_and_records_an_agreed_score(url):
    seeded_round(url, {"Amina Wanjiru": [1, 2], "Otieno Police": [3, 2]})
    at = as_member()
    at.switch_page("pages/consensus.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Disagreements"]) > 0 and metrics["Agreed scores"].startswith("0/")
    at.button(key="consensus.unanimous").click().run()
    assert "Unanimous scores agreed" in texts(at)
    pick = at.selectbox(key="consensus.pick").value.indicator_id
    level = next(r for r in at.radio if str(r.key).endswith(f".{pick}"))  # keys name the round
    level.set_value(2)
    next(a for a in at.text_area if str(a.key).endswith(f".{pick}")).input(
        "Decree adopted; customs has not signed")
    at.button(key="FormSubmitter:consensus.agree_form-Save the agreed score").click().run()
    assert not at.exception
    agreed = {m.label: m.value for m in at.metric}["Agreed scores"]
    assert int(agreed.split("/")[0]) > 0


def test_results_show_scores_radar_priorities_trend_and_exports(url):
    seeded_round(url, {"Amina Wanjiru": [0, 1]}, title="Baseline 2025")
    seeded_round(url, {"Amina Wanjiru": [2, 3]}, title="Review 2026")
    at = as_member()
    at.switch_page("pages/readiness_results.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Overall score"].endswith("/ 3") and metrics["Maturity level"]
    assert len(at.get("vega_lite_chart")) >= 3  # radar, trend, comparison radar
    assert "Weakest indicators" in texts(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Report (PDF)", "Data (CSV)", "Data (JSON)"]
    assert "own readiness framework" in texts(at)


def test_member_of_another_team_is_refused_by_typed_ids(url):
    round_id = seeded_round(url, {"Amina Wanjiru": [1]})
    with db(url) as s:
        admin = s.exec(select(User).where(User.username == "admin")).one()
        other = teams.create_team(s, acting_user_id=admin.id, country="CM", name="Cameroon")
        kenya = teams.team_by_code(s, code=DEMO_TEAM_CODE).id
        code = other.join_code
    at = as_member("Mbarga", "1357", code)
    assert "Cameroon" in texts(at)
    for page in ("pages/consensus.py", "pages/readiness_results.py", "pages/assessment.py"):
        at.query_params["assessment"] = str(round_id)
        at.switch_page(page).run()
        assert "visible only to its members and to admins" in texts(at)
        assert "Baseline 2026" not in texts(at)
    at.query_params.pop("assessment")
    for page in GUIDE_PAGES:
        at.query_params["team"] = str(kenya)
        at.switch_page(page).run()
        assert "visible only to its members and to admins" in texts(at)
        assert "Demo NEST team (Kenya)" not in texts(at)


def test_a_typed_id_that_is_not_ascii_digits_is_no_id(url):
    """"²".isdigit() is True but int("²") raises: such an id falls back like "abc"."""
    at = as_member()
    for page in GUIDE_PAGES:
        at.query_params["team"] = "²"
        at.query_params["assessment"] = "²"
        at.switch_page(page).run()
        assert not at.exception, page
        assert "Demo NEST team (Kenya)" in texts(at), page  # the member's own team


def test_admin_sees_teams_creates_one_and_reads_any_team(url):
    at = as_admin()
    at.switch_page("pages/admin_teams.py").run()
    assert not at.exception and any(m.value == DEMO_TEAM_CODE for m in at.metric)
    at.text_input(key="teams.country").input("cm")
    at.text_input(key="teams.name").input("Cameroon NEST")
    at.button(key="FormSubmitter:teams.new_form-Create team").click().run()
    assert len(at.metric) == 2
    at.switch_page("pages/guide.py").run()
    assert not at.exception and at.selectbox(key="guidance.team")


@pytest.mark.parametrize("page", ALL_PAGES)
def test_trainee_is_refused(url, page):
    at = as_trainee()
    at.switch_page(page).run()
    assert at.error[0].value.startswith("Access refused")
    assert DEMO_TEAM_CODE not in texts(at)


def test_instructor_and_member_are_refused_where_not_theirs(url):
    at = as_instructor()
    at.switch_page("pages/guide.py").run()
    assert at.error[0].value.startswith("Access refused")
    at = as_member()
    at.switch_page("pages/admin_teams.py").run()
    assert at.error[0].value.startswith("Access refused")


def test_arabic_ui_shows_the_guide_in_arabic(url):
    at = as_member()
    at.selectbox(key="sidebar.language").select("ar").run()
    assert at.title[0].value == "دليل إنشاء فرقة NEST"
    shown = texts(at)
    assert "يُعرض هنا بالإنكليزية" not in shown  # no "content in English" notice any more
    assert "بناء الحجة لإنشاء فرقة العمل الوطنية" in shown and "Build the case" not in shown
    assert "إعداد صورة التهديد الوطنية" in [e.label for e in at.expander]


def test_arabic_assessment_names_the_country_and_prompts_in_arabic(url):
    """User trial: "Country team: KE · …" and the agency box's "Choose an option"."""
    at = as_member()
    at.switch_page("pages/assessment.py").run()
    assert "Country team: Kenya · " in texts(at) and "KE ·" not in texts(at)
    at.text_input(key="guidance.new_title").input("Baseline 2026")
    at.button(key="FormSubmitter:guidance.new_round-Start the round").click().run()
    at.selectbox(key="sidebar.language").select("ar").run()
    assert "الفريق الوطني: كينيا" in texts(at).replace("\u2068", "").replace("\u2069", "")
    agency = at.selectbox(key="assess.agency")
    assert agency.value is None and agency.placeholder == "اختر…"


def test_arabic_sheet_is_not_sent_without_its_agency(url):
    """User trial (Arabic): "Submit my sheet" → "Submit as incomplete" saved and locked a sheet
    whose agency was left on the placeholder."""
    at = as_member("Agency Later")
    at.switch_page("pages/assessment.py").run()
    at.text_input(key="guidance.new_title").input("Baseline 2026")
    at.button(key="FormSubmitter:guidance.new_round-Start the round").click().run()
    at.selectbox(key="sidebar.language").select("ar").run()
    round_id = at.selectbox(key="guidance.round").value
    at.radio(key=f"assess.{round_id}.governance.1.level").set_value(2).run()
    at.button(key="assess.submit").click().run()
    assert not at.exception
    assert "اختر الجهاز الذي تقيّم باسمه قبل إرسال ورقتك." in [e.value for e in at.error]
    assert not [b for b in at.button if b.key == "assess.confirm_button"]
    with db(url) as s:
        uid = s.exec(select(User).where(User.display_name == "Agency Later")).one().id
        assert assessments.my_sheet(s, acting_user_id=uid, assessment_id=round_id).status == "draft"
    at.selectbox(key="assess.agency").select("customs").run()
    at.button(key="assess.submit").click().run()
    at.button(key="assess.confirm_button").click().run()
    assert not at.exception and not at.error
    with db(url) as s:
        sheet = assessments.my_sheet(s, acting_user_id=uid, assessment_id=round_id)
        assert (sheet.status, sheet.agency) == ("incomplete", "customs")
