"""A training centre's failover in a real browser: two replicas on PostgreSQL behind nginx.

A trainee plays through the proxy; the replica serving them dies mid-exercise (SIGKILL, as a
crash). The page reconnects by itself through the proxy, now to the other replica, shows the
sign-in form; the trainee signs in again and finds the exercise exactly where the log says.
Screenshots go to test-artifacts/replicas-*.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from academy.db import make_engine, session_scope
from academy.demo import DEMO_TRAINEE, DEMO_WORKSHOP_CODE
from academy.exercises import log_of
from academy.models import ExerciseRecord
from tests.browser.steps import metric, metric_value, select, wait_idle
from tests.cluster import Cluster, cluster, seed

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SCENARIO = "The Ivory Corridor: Niassa to Hai Phong"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def centre() -> Iterator[Cluster]:
    if not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("TEST_DATABASE_URL is not set: the replicas need a PostgreSQL server "
                    "(.ci/run starts one)")
    from tests.conftest import _postgres_database

    databases = _postgres_database()
    url = next(databases)
    try:
        seed(url)
        with cluster(url) as running:
            yield running
    finally:
        databases.close()  # drops the database


def sign_in_here(page: Page, lands_on: str = f"Welcome, {DEMO_TRAINEE[0]}") -> None:
    """The sign-in form already on screen (no reload): join as the demo trainee, and land on
    the heading ``lands_on`` (the home page, or the page asked for before signing in)."""
    page.get_by_label("Workshop join code").fill(DEMO_WORKSHOP_CODE)
    page.get_by_label("Your name").fill(DEMO_TRAINEE[0])
    page.get_by_label("Personal PIN", exact=True).fill(DEMO_TRAINEE[1])
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name=lands_on)).to_be_visible()


def open_exercises(page: Page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text("Exercises").click()
    expect(page.get_by_role("heading", name="My exercises")).to_be_visible()


def stream_upstreams(centre: Cluster, route: str) -> list[str]:
    """The replicas this browser's websockets went to, of those already closed (nginx logs a
    request when it ends)."""
    return [upstream.split(", ")[-1] for request, upstream, logged in centre.served()
            if "/_stcore/stream" in request and f"nest_route={logged}" == route]


def saved_log(centre: Cluster) -> tuple[float, list[dict]]:
    engine = make_engine(centre.database_url)
    try:
        with session_scope(engine) as s:
            (record,) = s.query(ExerciseRecord).all()
            return record.day, log_of(s, exercise_id=record.id or 0)
    finally:
        engine.dispose()


def test_a_trainee_resumes_on_the_other_replica_when_theirs_dies(centre: Cluster, page, shot):
    page.goto(centre.url)
    sign_in_here(page)
    open_exercises(page)
    card = page.get_by_test_id("stVerticalBlock").filter(has_text=SCENARIO).filter(
        has=page.get_by_role("button", name="Start")).last
    card.get_by_role("button", name="Start").click()
    expect(metric_value(page, "Day")).to_have_text("0.0 / 90")

    # A few decisions: intelligence on the front company, two days pass
    page.get_by_role("tab", name="Actions").click()
    page.get_by_test_id("stRadio").get_by_text("Request intelligence", exact=True).click()
    wait_idle(page)
    select(page, "Source", "Customs declarations")
    select(page, "About", "(company)")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("answer expected")).to_be_visible()
    for day in ("1.0", "2.0"):
        page.get_by_role("button", name="Advance a day").click()
        expect(metric_value(page, "Day")).to_have_text(f"{day} / 90")
    wait_idle(page)
    before = (metric(page, "Day"), metric(page, "Budget left"), metric(page, "Inbox items"))
    logged_before = saved_log(centre)
    assert len(logged_before[1]) == 3
    shot(page, "replicas-01-playing-through-the-proxy")

    # The replica holding this trainee's websocket dies
    (route,) = [f"{c['name']}={c['value']}" for c in page.context.cookies()
                if c["name"] == "nest_route"]
    assert stream_upstreams(centre, route) == []  # one websocket, still open
    doomed = centre.replica_at(centre.get("/_stcore/health", cookie=route)[2])  # its replica
    (survivor,) = [r for r in centre.replicas if r is not doomed]
    doomed.kill()

    # The page reconnects by itself, through the proxy, to the other replica: a new session,
    # which asks the trainee on the desk's address to sign in again
    expect(page.get_by_text("Please sign in to see this page.")).to_be_visible(timeout=60_000)
    shot(page, "replicas-02-reconnected-to-the-other-replica")
    page.get_by_test_id("stMain").get_by_role("link", name="Sign in").click()
    expect(page.get_by_label("Workshop join code")).to_be_visible()
    assert stream_upstreams(centre, route) == [f"127.0.0.1:{doomed.port}"]  # the one cut off
    assert centre.get("/_stcore/health", cookie=route)[2].endswith(f"127.0.0.1:{survivor.port}")
    sign_in_here(page, lands_on=SCENARIO)  # back on the desk it was on, its exercise resumed
    wait_idle(page)
    after = (metric(page, "Day"), metric(page, "Budget left"), metric(page, "Inbox items"))
    assert after == before  # same day, same budget, same reports: nothing lost
    assert saved_log(centre) == logged_before  # the same decision log
    page.get_by_role("tab", name="Timeline").click()
    shot(page, "replicas-03-resumed-on-the-other-replica")

    # And play goes on there
    page.get_by_role("button", name="Advance a day").click()
    expect(metric_value(page, "Day")).to_have_text("3.0 / 90")
    day, log = saved_log(centre)
    assert (day, log[:3], len(log)) == (3.0, logged_before[1], 4)
    assert not doomed.alive()


def test_an_upload_goes_through_the_proxy_with_xsrf_on(centre: Cluster, page, shot):
    """An upload is a POST of its own, outside the websocket: XSRF-checked (cookie and header
    signed with the shared cookie secret) and sent by nginx to the replica holding the
    session's memory, where the file is kept."""
    from tests.browser.steps import sign_in_staff

    scenario = next(ROOT.glob("scenarios/*.yaml"))
    scenario_id = scenario.read_text(encoding="utf-8").split("id:", 1)[1].split()[0]
    sign_in_staff(page, centre.url)
    page.get_by_role("link", name="Scenario studio").click()
    expect(page.get_by_role("heading", name="Scenario studio")).to_be_visible()
    page.get_by_role("tab", name="Edit").click()
    with page.expect_response(lambda r: "/_stcore/upload_file/" in r.url) as upload:
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(scenario))
    assert upload.value.ok, upload.value.status
    expect(page.get_by_label("Scenario YAML")).to_have_value(
        scenario.read_text(encoding="utf-8"))
    expect(page.get_by_text("Valid scenario.")).to_be_visible()
    assert scenario_id in page.get_by_label("Scenario YAML").input_value()
    assert any(c["name"] == "_streamlit_xsrf" for c in page.context.cookies())
    shot(page, "replicas-04-upload-through-the-proxy")
