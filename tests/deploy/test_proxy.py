"""The centre's front door: nginx's configuration, affinity and failover, with real servers.

Two replicas of the app (real ``streamlit run`` servers, on PostgreSQL when
``TEST_DATABASE_URL`` is set, else SQLite) behind nginx on 127.0.0.1. Requests come from
several loopback addresses (127.0.0.x), which nginx sees as several machines.
"""

from __future__ import annotations

import asyncio
import subprocess
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlmodel import col, select

from academy import live
from academy.db import make_engine, session_scope
from academy.demo import DEMO_INSTRUCTOR, DEMO_TRAINEE, DEMO_WORKSHOP_CODE
from academy.models import ExerciseAction, ExerciseRecord, SignInThrottle, User
from academy.throttle import join_account
from bench.streamlit_client import StreamlitClient
from deploy.proxy import Proxy, nginx_binary, nginx_config, render, upload_limit_mb
from tests.cluster import Cluster, cluster, seed

pytestmark = [
    pytest.mark.skipif(nginx_binary() is None, reason="nginx missing: `python3 dev.py test` installs it"),
    pytest.mark.xdist_group("replicas"),
]
ACCOUNT = join_account(DEMO_WORKSHOP_CODE, DEMO_TRAINEE[0])


def test_the_generated_config_passes_nginx_own_check(tmp_path):
    proxy = Proxy([41001, 41002, 41003], listen="127.0.0.1:41000", prefix=tmp_path / "nginx")
    proxy.write()
    result = proxy.check()
    assert "test is successful" in result.stderr
    text = proxy.config.read_text()
    assert f"client_max_body_size {upload_limit_mb()}m;" in text  # Streamlit's own limit (2 MB)
    assert upload_limit_mb() == 2
    assert text.count("server 127.0.0.1:410") == 3


def test_a_broken_config_is_refused_by_nginx(tmp_path):
    """The check above can fail: nginx -t refuses a config with a bad directive."""
    proxy = Proxy([41001], listen="127.0.0.1:41000", prefix=tmp_path / "nginx")
    proxy.write()
    proxy.config.write_text(proxy.config.read_text().replace("hash $nest_route", "hash_bad $x"))
    with pytest.raises(subprocess.CalledProcessError):
        proxy.check()


def test_the_template_is_filled_whole():
    with pytest.raises(ValueError):
        render("listen {{ listen }};", {})
    with pytest.raises(ValueError):
        render("listen 80;", {"listen": "80"})
    assert "user nobody" in nginx_config(ports=[1], listen="1", prefix=Path("/x"), as_root=True)
    assert "user nobody" not in nginx_config(ports=[1], listen="1", prefix=Path("/x"),
                                             as_root=False)


@pytest.fixture(scope="module")
def centre(tmp_path_factory):  # type: ignore[no-untyped-def]
    import os

    from tests.conftest import _postgres_database

    if os.environ.get("TEST_DATABASE_URL"):
        databases = _postgres_database()
        url = next(databases)
    else:
        databases, url = None, f"sqlite:///{tmp_path_factory.mktemp('centre') / 'academy.db'}"
    seed(url)
    try:
        with cluster(url) as running:
            yield running
    finally:
        if databases is not None:
            databases.close()  # drops the database


def test_new_browsers_spread_over_replicas_and_each_stays_on_its_own(centre: Cluster):
    # Twenty browsers behind one address (a classroom behind one NAT router): both replicas
    answers = [centre.get("/") for _ in range(20)]
    assert all(status == 200 for status, _, _ in answers)
    routes = [route for _, route, _ in answers]
    assert all(route and route.startswith("nest_route=") for route in routes)
    assert len(set(routes)) == 20
    spread = Counter(upstream for _, _, upstream in answers)
    assert set(spread) == {f"127.0.0.1:{r.port}" for r in centre.replicas}, spread

    # One browser, with its cookie, from another machine: every request on the replica that
    # served its first page, and nginx sets no new cookie
    for path in ["/", "/_stcore/health", "/_stcore/host-config"] * 4:
        status, again, upstream = centre.get(path, cookie=routes[0], source="127.0.0.9")
        assert (status, again, upstream) == (200, None, answers[0][2])


def test_the_sign_in_throttle_counts_each_trainee_machine_behind_the_proxy(centre: Cluster):
    """Streamlit sees every client of the proxy as 127.0.0.1: without the forwarded address
    a guesser's failures on a name would make the real trainee (another machine) wait too."""
    guesser_a = centre.route_to(centre.replicas[0])
    guesser_b = centre.route_to(centre.replicas[1])

    async def attempt(source: str, pin: str, cookie: str) -> StreamlitClient:
        client = StreamlitClient(centre.url, local_host=source, cookie=cookie)
        await client.connect()
        client.fill("Workshop join code", DEMO_WORKSHOP_CODE)
        client.fill("Your name", DEMO_TRAINEE[0])
        client.fill("Personal PIN", pin)
        await client.click("Join")
        await client.close()
        return client

    wrong = asyncio.run(attempt("127.0.0.2", "0000", guesser_a))
    assert wrong.errors(), "a wrong PIN is refused"
    engine = make_engine(centre.database_url)
    try:
        with session_scope(engine) as s:
            rows = s.exec(select(SignInThrottle).where(SignInThrottle.account == ACCOUNT)).all()
            assert [(r.client, r.failures) for r in rows] == [("127.0.0.2", 1)]
            rows[0].blocked_until = datetime.now(timezone.utc) + timedelta(minutes=10)
            s.add(rows[0])  # as after ten failures

        # The real trainee at another machine, on either replica, is not slowed down
        real = asyncio.run(attempt("127.0.0.3", DEMO_TRAINEE[1], guesser_b))
        assert real.errors() == []
        assert f"Welcome, {DEMO_TRAINEE[0]}" in [e.heading.body for e in real.elements.values()
                                                   if e.WhichOneof("type") == "heading"]
        # The guesser trying the other replica still waits: the count is in the database
        again = asyncio.run(attempt("127.0.0.2", "1111", guesser_b))
        assert any("Too many wrong attempts" in text for text in again.errors()), again.errors()
    finally:
        engine.dispose()


def test_one_exercise_played_through_two_replicas_stays_one_log(centre: Cluster):
    """Each replica keeps a tab's live simulation in memory; the log in the database is the
    truth. The trainee plays on replica A, exercise control injects from another process,
    the trainee's second tab acts on replica B: every picture follows the one log."""
    route_a, route_b = (centre.route_to(r) for r in centre.replicas)
    engine = make_engine(centre.database_url)

    def stored() -> tuple[ExerciseRecord, list[str]]:
        with session_scope(engine) as s:
            (record,) = s.exec(select(ExerciseRecord)).all()
            actors = [row.actor for row in s.exec(select(ExerciseAction).where(
                ExerciseAction.exercise_id == record.id).order_by(col(ExerciseAction.seq)))]
            return record, actors

    async def tab(route: str, *, start: bool) -> StreamlitClient:
        client = StreamlitClient(centre.url, cookie=route)
        await client.connect()
        client.fill("Workshop join code", DEMO_WORKSHOP_CODE)
        client.fill("Your name", "Replica Trainee")
        client.fill("Personal PIN", "8642")
        await client.click("Join")
        if start:
            await client.click("Yes, I am new: create me")
        await client.open("exercises")
        await client.click("Start" if start else "Open")
        return client

    def day(client: StreamlitClient) -> str:
        return client.find("metric", "Day").metric.body.split(" /")[0]

    def alerts(client: StreamlitClient) -> list[str]:
        return [e.alert.body for e in client.elements.values() if e.WhichOneof("type") == "alert"]

    async def play() -> None:
        tab_a = await tab(route_a, start=True)
        await tab_a.click("Advance a day")
        assert day(tab_a) == "1.0"

        record, _ = stored()  # exercise control injects (from this process, not replica A)
        with session_scope(engine) as s:
            instructor = s.exec(select(User).where(User.username == DEMO_INSTRUCTOR[0])).one()
            assert live.inject(s, user=instructor, workshop_id=record.workshop_id or 0,
                               exercise_ids=[record.id or 0], message="Tip-off: the port") == (1, 0)
        await tab_a.click("Advance a day")  # replica A's picture is behind: it replays first
        assert day(tab_a) == "2.0"
        assert stored()[1] == ["trainee", "instructor", "trainee"]

        tab_b = await tab(route_b, start=False)  # the trainee's second tab, on replica B
        assert day(tab_b) == "2.0"
        await tab_b.click("Advance a day")
        assert day(tab_b) == "3.0"

        await tab_a.click("Advance a day")  # decided on a stale picture: refused, refreshed
        assert any("changed in another tab" in text for text in alerts(tab_a)), alerts(tab_a)
        assert day(tab_a) == "3.0"
        assert stored()[1] == ["trainee", "instructor", "trainee", "trainee"]
        for client in (tab_a, tab_b):
            await client.close()

    try:
        asyncio.run(play())
    finally:
        engine.dispose()


def test_a_dead_replicas_browsers_are_served_by_a_live_one(centre: Cluster):
    doomed, survivor = centre.replicas
    route = centre.route_to(doomed)
    doomed.kill()
    try:
        for _ in range(3):
            status, _, upstream = centre.get("/_stcore/health", cookie=route)
            assert status == 200
            # nginx logs every server it tried: the dead one (first time only), then the live one
            assert upstream.split(", ")[-1] == f"127.0.0.1:{survivor.port}"
    finally:
        doomed.start()
        doomed.wait_healthy()
