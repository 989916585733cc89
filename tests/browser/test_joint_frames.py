"""A team never receives another team's file, not even in the bytes the server sends.

Two teams (Kenya, Tanzania) on one server. Before anyone opens a desk, the control cell puts
an inject into Kenya's file only and writes to Kenya on the channel; each text carries a
marker. Each trainee then opens their team desk through Streamlit's own websocket protocol
(bench/streamlit_client.py) and opens every tab, keeping every frame the server sent. Kenya's
frames carry both markers (the check can fail); Tanzania's carry neither, in any tab.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from sqlmodel import select

from academy import channels, control_cell
from academy.catalogs import catalog
from academy.db import make_engine, session_scope
from academy.demo import DEMO_INSTRUCTOR, DEMO_WORKSHOP_CODE
from academy.models import JointOperation, OperationTeam, User
from bench.joint_bench import setup, trainee_name
from bench.streamlit_client import StreamlitClient
from tests.browser.conftest import Server

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

INJECT = "KENYA-ONLY-INJECT-7731"
MESSAGE = "KENYA-ONLY-MESSAGE-4402"
TABS = ("desk.tab_briefing", "desk.tab_inbox", "desk.tab_chart", "desk.tab_map",
        "desk.tab_notices", "op.tab_requests", "op.tab_channel", "desk.tab_actions")


def secrets_for_kenya(url: str) -> None:
    engine = make_engine(url)
    with session_scope(engine) as s:
        staff = s.exec(select(User).where(User.username == DEMO_INSTRUCTOR[0])).one()
        operation = s.exec(select(JointOperation)).one()
        kenya = s.exec(select(OperationTeam).where(
            OperationTeam.operation_id == operation.id, OperationTeam.country == "KE")).one()
        control_cell.inject(s, user=staff, operation_id=operation.id or 0,
                            message=f"Watch the port tonight {INJECT}", team_id=kenya.id)
        channels.post(s, user=staff, operation_id=operation.id or 0,
                      body=f"For Kenya's eyes {MESSAGE}", to_team_id=kenya.id)
    engine.dispose()


async def every_frame_of_the_desk(url: str, team: int) -> bytes:
    """What the server sent one team's trainee while they opened every tab of the desk."""
    english = catalog("en")
    client = StreamlitClient(url, keep_frames=True)
    await client.connect()
    client.fill("Workshop join code", DEMO_WORKSHOP_CODE)
    client.fill("Your name", trainee_name(team, 0))
    client.fill("Personal PIN", f"{2000 + 10 * team}")
    await client.click("Join")
    await client.click("Yes, I am new: create me")
    await client.open("operation")
    assert client.find("metric", "Day")  # the desk itself, not a refusal
    for key in TABS:
        await client.choose_tab(str(english[key]))
        assert not client.errors(), (key, client.errors())
    await client.close()
    return b"".join(client.frames)


def test_a_team_never_receives_another_teams_inject_or_message():
    folder = Path(tempfile.mkdtemp(prefix="joint-frames-"))
    url = f"sqlite:///{folder / 'academy.db'}"
    setup(url, teams=2, per_team=1)  # Team 1 plays Kenya, Team 2 Tanzania
    secrets_for_kenya(url)
    server = Server(url)
    server.start()
    try:
        kenya = asyncio.run(every_frame_of_the_desk(server.url, 0))
        tanzania = asyncio.run(every_frame_of_the_desk(server.url, 1))
    finally:
        server.stop()
    assert INJECT.encode() in kenya and MESSAGE.encode() in kenya  # the check can fail
    assert INJECT.encode() not in tanzania
    assert MESSAGE.encode() not in tanzania
    assert b"Tanzania" in tanzania  # Tanzania's own desk was drawn
