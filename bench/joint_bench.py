"""Joint-operation load benchmark: 5 teams x 6 trainees on one `streamlit run` server.

    python bench/joint_bench.py [--teams 5] [--per-team 6] [--minutes 3] [--think 4]
                                [--advance-every 15] [--json]

The demo workshop gets a roster of ``teams x per-team`` trainees in as many teams, and the
demo instructor starts a joint operation on the wildlife scenario, each team playing one of
its countries (the platform's own services, as the control cell's start form does). Then
every trainee goes through the server as a browser would (Streamlit's websocket protocol,
bench/streamlit_client.py): joins the workshop with their name and PIN, opens the team desk
and, at people's pace (a random 0-2x ``--think`` seconds between clicks), flips their team's
"Ready for the next advance" toggle; each click is timed until its run is on screen. The
desk's own watch (a fragment re-run every second, as the browser does) keeps running.
Meanwhile the control cell (the demo instructor, also through the protocol) clicks "Advance a
day" every ``--advance-every`` seconds; for every advance the bench records how long it took
for each desk to show the new day by itself — from the instructor's click to the desk's Day
figure (30 figures per advance). Every error is recorded: a timeout, a Streamlit exception
box, a red error. Targets (issue 12): clicks p95 < 500 ms, 0 errors; an advance reaching
every desk p95 < 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from academy import joint  # noqa: E402
from academy.catalogs import say  # noqa: E402
from academy.db import make_engine, session_scope, upgrade  # noqa: E402
from academy.demo import DEMO_INSTRUCTOR, DEMO_WORKSHOP_CODE, seed_demo  # noqa: E402
from academy.models import User, Workshop  # noqa: E402
from academy.roster import import_roster, parse_roster  # noqa: E402
from academy.scenarios import sync_shipped  # noqa: E402
from bench.load_bench import cpu_seconds, figures, rss_mb, show  # noqa: E402
from bench.streamlit_client import StreamlitClient  # noqa: E402
from tests.browser.conftest import Server  # noqa: E402

SCENARIO = "wildlife-ivory-corridor"
COUNTRIES = ("KE", "TZ", "MZ", "MY", "VN")  # the scenario's five countries
READY = "Ready for the next advance"
ADVANCE = "Advance a day"
TOGETHER = "Case meeting and action day"  # the team desk's tab with the meeting form
PROPOSE = "Propose a meeting"  # an action of the engine: a log entry every desk may see
# a teammate's click changed the world between this desk's picture and its click: the
# desk is told and shows the latest state (issue 12's "clear message"), counted apart
RACED = say("error.team_conflict", "en")
# a "Ready" click drawn before the clock moved is refused for the new day, and told so
# (academy.joint.set_ready): the clock crossed the click, counted apart, like a race
CROSSED = say("error.joint_ready_stale", "en", day=0.0).split("0.0")[0]


def trainee_name(team: int, seat: int) -> str:
    return f"Officer {team + 1}-{seat + 1}"


def setup(url: str, teams: int, per_team: int) -> None:
    """The demo, a roster of ``teams`` teams, and a joint operation they play."""
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as s:
        seed_demo(s)
        versions = {v.scenario_id: v for v in sync_shipped(s)}
        instructor = s.exec(select(User).where(User.username == DEMO_INSTRUCTOR[0])).one()
        workshop = s.exec(select(Workshop).where(Workshop.join_code == DEMO_WORKSHOP_CODE)).one()
        roster = "name,team\n" + "".join(f"{trainee_name(t, k)},Team {t + 1}\n"
                                         for t in range(teams) for k in range(per_team))
        import_roster(s, user=instructor, workshop_id=workshop.id or 0,
                      preview=parse_roster(roster.encode()))
        joint.start(s, user=instructor, workshop_id=workshop.id or 0,
                    scenario_version_id=versions[SCENARIO].id or 0,
                    countries={f"Team {t + 1}": COUNTRIES[t] for t in range(teams)})
    engine.dispose()


class Trial:
    def __init__(self, url: str, trainees: int, seconds: float, think: float) -> None:
        self.url, self.trainees, self.seconds, self.think = url, trainees, seconds, think
        self.start = asyncio.Barrier(trainees + 2)  # + the control cell and the meter
        self.arriving = asyncio.Semaphore(5)
        self.over = asyncio.Event()
        self.advanced: dict[str, float] = {}  # day shown ("1.0 / 90") -> when it was clicked
        self.clicks: list[float] = []
        self.actions = 0  # clicks that were actions of the engine
        self.reach: list[float] = []  # advance clicked -> a desk shows it, seconds
        self.advances: list[float] = []  # the control cell's own click -> its screen
        self.errors: list[str] = []
        self.raced = 0  # clicks told a teammate acted at the same moment
        self.crossed = 0  # "Ready" clicks the clock's move overtook, told so


def _sort(trial: Trial, who: str, where: str, texts: list[str]) -> None:
    """A click's red boxes: a race with a teammate is a figure, a refusal a result, the rest
    errors."""
    for text in texts:
        if text == RACED:
            trial.raced += 1
        elif text.startswith(CROSSED):
            trial.crossed += 1
        elif not text.startswith("Refused"):
            trial.errors.append(f"{who} {where}: {text[:160]}")


def _day(client: StreamlitClient) -> str:
    return client.find("metric", "Day").metric.body


async def desk(trial: Trial, team: int, seat: int) -> None:
    who, client = trainee_name(team, seat), StreamlitClient(trial.url)
    try:
        async with trial.arriving:
            await client.connect()
            client.fill("Workshop join code", DEMO_WORKSHOP_CODE)
            client.fill("Your name", who)
            client.fill("Personal PIN", f"{2000 + 10 * team + seat}")
            await client.click("Join")
            await client.click("Yes, I am new: create me")
            await client.open("operation")
            shown = _day(client)
    except Exception as error:  # noqa: BLE001 — every failure is a figure of the benchmark
        trial.errors.append(f"{who} setup: {type(error).__name__}: {str(error)[:160]}")
        await trial.start.wait()
        return
    await trial.start.wait()

    async def watch() -> None:  # the browser re-runs the desk's watch every second
        nonlocal shown
        (fragment, every), = [(f, s) for f, s in client.auto_reruns.items()][:1]
        while not trial.over.is_set():
            await asyncio.sleep(every)
            try:
                shown_before = client.errors()  # a click's box stays on screen: not anew
                await client.refresh(fragment)
                now = _day(client)
            except Exception as error:  # noqa: BLE001
                trial.errors.append(f"{who} watch: {type(error).__name__}: {str(error)[:160]}")
                return
            if now != shown and now in trial.advanced:
                trial.reach.append(time.perf_counter() - trial.advanced[now])
            shown = now
            _sort(trial, who, "watch", [text for text in client.errors()
                                         if text not in shown_before])

    watcher = asyncio.create_task(watch())
    ready, step = False, 0
    try:
        await client.choose_tab(TOGETHER)
    except Exception as error:  # noqa: BLE001
        trial.errors.append(f"{who} tab: {type(error).__name__}: {str(error)[:160]}")
    while not trial.over.is_set():
        await asyncio.sleep(random.uniform(0, 2 * trial.think))
        if trial.over.is_set():
            break
        step += 1
        try:
            if step % 2:  # every other click is an action of the engine (a log entry), which
                trial.clicks.append(await client.click(PROPOSE))  # the role may refuse:
                trial.actions += 1  # a refusal on screen is a result, not an error
            else:
                ready = not ready
                trial.clicks.append(await client.toggle(READY, ready))
            _sort(trial, who, "click", client.errors())
        except Exception as error:  # noqa: BLE001
            trial.errors.append(f"{who} click: {type(error).__name__}: {str(error)[:160]}")
            break
    await watcher
    await client.close()


async def control_cell(trial: Trial, every: float) -> None:
    client = StreamlitClient(trial.url)
    try:
        await client.connect()
        client.fill("Username", DEMO_INSTRUCTOR[0])
        client.fill("Password", DEMO_INSTRUCTOR[1])
        await client.click("Sign in")
        await client.open("control-cell")
        day = float(_day(client).split("/")[0])
        total = _day(client).split("/")[-1].strip()
    except Exception as error:  # noqa: BLE001
        trial.errors.append(f"control cell setup: {type(error).__name__}: {str(error)[:160]}")
        await trial.start.wait()
        trial.over.set()
        return
    await trial.start.wait()
    t_end = time.perf_counter() + trial.seconds
    while time.perf_counter() + every < t_end:
        await asyncio.sleep(every)
        day += 1
        want = f"{day:.1f} / {total}"
        trial.advanced[want] = time.perf_counter()
        try:
            trial.advances.append(await client.click(ADVANCE, until=lambda e, w=want: (
                e.WhichOneof("type") == "metric" and e.metric.body == w)))
            trial.errors += [f"control cell: {text[:160]}" for text in client.errors()]
        except Exception as error:  # noqa: BLE001
            trial.errors.append(f"control cell: {type(error).__name__}: {str(error)[:160]}")
            break
    await asyncio.sleep(3)  # the last advance reaches the desks
    trial.over.set()
    await client.close()


async def play(server: Server, teams: int, per_team: int, seconds: float, think: float,
               every: float) -> dict[str, object]:
    trial = Trial(server.url, teams * per_team, seconds, think)
    cpu: list[float] = []

    async def meter() -> None:
        await trial.start.wait()
        cpu.append(cpu_seconds(server.process.pid))  # type: ignore[union-attr]

    t0 = time.perf_counter()
    await asyncio.gather(meter(), control_cell(trial, every),
                         *(desk(trial, t, k) for t in range(teams) for k in range(per_team)))
    wall = time.perf_counter() - t0
    cpu.append(cpu_seconds(server.process.pid))  # type: ignore[union-attr]
    ms = [x * 1000 for x in trial.clicks]
    return {"teams": teams, "per_team": per_team, "think_s": think, "advance_every_s": every,
            "clicks": figures(ms), "advance_click": figures([x * 1000 for x in trial.advances]),
            "advance_reaches_desk": figures([x * 1000 for x in trial.reach]),
            "advances": len(trial.advances), "engine_actions": trial.actions,
            "raced_a_teammate": trial.raced, "ready_crossed_by_the_clock": trial.crossed,
            "wall_s": round(wall, 1),
            "errors": trial.errors, "server_rss_mb": rss_mb(server.process.pid),  # type: ignore[union-attr]
            "server_cpu_s": round(cpu[1] - cpu[0], 1) if len(cpu) == 2 else None}


def run(teams: int, per_team: int, seconds: float, think: float, every: float) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="joint-bench-"))
    url = f"sqlite:///{folder / 'academy.db'}"
    setup(url, teams, per_team)
    server = Server(url)
    server.start()
    try:
        return asyncio.run(play(server, teams, per_team, seconds, think, every))
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--teams", type=int, default=5)
    ap.add_argument("--per-team", type=int, default=6)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--think", type=float, default=4.0, help="mean seconds between a trainee's clicks")
    ap.add_argument("--advance-every", type=float, default=15.0, help="seconds between advances")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    result = run(a.teams, a.per_team, a.minutes * 60, a.think, a.advance_every)
    if a.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['teams']} teams x {result['per_team']} trainees, think {result['think_s']} s, "
          f"an advance every {result['advance_every_s']} s, in {result['wall_s']} s")
    for kind, what in (("clicks", "trainee click -> result on screen"),
                       ("advance_click", "control cell's advance -> its own screen"),
                       ("advance_reaches_desk", "advance clicked -> a desk shows the new day")):
        show(f"{what}:", result[kind])  # type: ignore[arg-type]
    print(f"  engine actions among the clicks: {result['engine_actions']} · told a teammate "
          f"acted at the same moment: {result['raced_a_teammate']} · 'Ready' overtaken by "
          f"the clock: {result['ready_crossed_by_the_clock']}")
    print(f"  advances: {result['advances']} · server CPU {result['server_cpu_s']} s · "
          f"memory {result['server_rss_mb']} MB")
    print(f"  errors: {len(result['errors'])}")  # type: ignore[arg-type]
    for line in result["errors"]:  # type: ignore[union-attr]
        print(f"    {line}")


if __name__ == "__main__":
    main()
