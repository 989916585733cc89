"""The joint debrief in a real browser: a team's request waits while a load goes by, the
control cell ends the operation, the trainee reads the missed connections, the information
flow and the teams' ratings; screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from academy import joint, joint_debrief
from academy.accounts import join_workshop
from academy.db import make_engine, session_scope
from academy.demo import DEMO_TRAINEE, DEMO_WORKSHOP_CODE, seed_demo_operation
from academy.models import JointOperation, User
from engine.exercise import Exercise
from tests.browser.steps import sign_in_staff, sign_in_trainee, wait_idle

pytestmark = pytest.mark.browser


def play(db_url: str) -> None:
    """Kenya asks Tanzania to inspect where the first load crosses; Tanzania (a trainee is
    seated: a team nobody sits in is simulated, never blamed) never answers; Kenya shares
    its file with Mozambique; the control cell ends the operation."""
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        seed_demo_operation(s)
        tanzanian = join_workshop(s, new=True, code=DEMO_WORKSHOP_CODE, name="Amani Mushi",
                                  pin="1357")
        op = s.exec(select(JointOperation)).one()
        joint.my_team(s, user=tanzanian, operation_id=op.id)  # seated on opening the desk
        instructor = s.exec(select(User).where(User.username == "instructor")).one()
        trainee = s.exec(select(User).where(User.display_name == DEMO_TRAINEE[0])).one()
        od = joint_debrief.read(s, user=instructor, operation_id=op.id)
        probe = Exercise(od.scenario, op.seed)
        probe.sim.run_until(od.scenario.duration_days)
        loc = next(loc for st in probe.sim.ships.values() for loc, _d in st.passed
                   if probe.sim.locs[loc].country == "TZ")
        joint.act(s, user=trainee, operation_id=op.id, seen_day=0.0,
                  action={"kind": "inspection", "location": loc, "start_day": 1, "days": 30,
                          "rationale": "the loads cross here"})
        joint.act(s, user=trainee, operation_id=op.id, seen_day=0.0,
                  action={"kind": "share_intel", "country": "MZ"})
        joint_debrief.end(s, user=instructor, operation_id=op.id)
    engine.dispose()


def open_page(page) -> None:  # type: ignore[no-untyped-def]
    """The joint debrief from the sidebar (a new URL would start a new, signed-out session)."""
    page.get_by_test_id("stSidebar").get_by_role("link", name="Joint debrief").click()
    wait_idle(page)


def test_the_trainee_reads_the_joint_debrief_after_the_end(server, page, shot):
    play(server.db_url)
    sign_in_trainee(page, server.url)
    wait_idle(page)
    open_page(page)
    expect(page.get_by_role("heading", name="Joint debrief")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()  # the team bars
    page.wait_for_timeout(2000)
    shot(page, "joint-debrief-ratings")
    page.get_by_role("tab", name="Missed connections").click()
    wait_idle(page)
    expect(page.get_by_text("still waited for the answer of Tanzania NEST").first).to_be_visible()
    expect(page.get_by_text("never shared it in time").first).to_be_visible()
    shot(page, "joint-debrief-missed")
    page.get_by_role("tab", name="Information flow").click()
    wait_idle(page)
    expect(page.get_by_test_id("stVegaLiteChart").filter(
        has_text="Exchanges between countries").first).to_be_visible()
    page.wait_for_timeout(1000)
    shot(page, "joint-debrief-timeline")


def test_the_instructor_downloads_the_aar_ip(server, page):
    sign_in_staff(page, server.url)
    wait_idle(page)
    open_page(page)
    page.get_by_role("tab", name="AAR/IP").click()
    with page.expect_download() as got:
        page.get_by_role("button", name="Download the AAR/IP of the operation (PDF)").click()
    assert got.value.suggested_filename.startswith("joint-debrief-")
