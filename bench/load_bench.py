"""Load benchmark: 30 trainees acting at once on one `streamlit run` server.

    python bench/load_bench.py [--trainees 30] [--browsers 1] [--actions 10] [--think 0]
                               [--profile flame.svg] [--json]

Every trainee goes through the server as a browser would. Most speak Streamlit's own websocket
protocol (bench/streamlit_client.py: protobuf rerun requests with widget states, element deltas
back); `--browsers` of them are real Debian Chromium tabs driven by Playwright, so the figure
also shows what a person sees while the others load the server. Each trainee joins the demo
workshop with their own name and PIN, starts the first scenario and then, all together,
clicks "Advance a day" again and again. A click is timed until its result is on screen: the
desk's Day figure shows the new day (for a protocol client, the delta carrying that figure has
arrived; for a browser, the figure is painted, watched on every animation frame). Every error
is recorded: a timeout, a Streamlit exception box, a red error. Meanwhile the instructor
watches the live dashboard, which redraws itself every few seconds (timed too). `--think S`
waits a random 0–2S seconds between clicks, as people do; the default 0 clicks again the
instant the result is shown, which is harsher than any class. `--profile` records the
server with py-spy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from academy.db import make_engine, session_scope, upgrade  # noqa: E402
from academy.demo import DEMO_INSTRUCTOR, DEMO_WORKSHOP_CODE, seed_demo  # noqa: E402
from academy.scenarios import sync_shipped  # noqa: E402
from bench.streamlit_client import StreamlitClient  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

DAY = "[data-testid='stMetricValue']"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SHOWN = """([selector, want]) => {
    const el = document.querySelector(selector);
    return el !== null && el.innerText.trim() === want;
}"""


class Trial:
    """What the trainees share: the start line, the sign-in queue and the figures."""

    def __init__(self, url: str, trainees: int, actions: int, ramp: int, think: float) -> None:
        self.url, self.actions, self.think, self.trainees = url, actions, think, trainees
        self.start, self.arriving = asyncio.Barrier(trainees), asyncio.Semaphore(ramp)
        self.times: dict[str, list[float]] = {"protocol": [], "browser": [], "dashboard": [],
                                              "watch": []}  # the desks' own news checks
        self.done = 0  # trainees who finished their clicks
        self.errors: list[str] = []

    async def pause(self) -> None:
        if self.think:
            await asyncio.sleep(random.uniform(0, 2 * self.think))


async def protocol_trainee(trial: Trial, index: int) -> None:
    who, client = f"Trainee {index:02d}", StreamlitClient(trial.url)
    try:
        async with trial.arriving:
            await client.connect()
            client.fill("Workshop join code", DEMO_WORKSHOP_CODE)
            client.fill("Your name", who)
            client.fill("Personal PIN", f"{1000 + index}")
            await client.click("Join")
            await client.click("Yes, I am new: create me")  # "New here?": each is a new trainee
            await client.open("exercises")
            await client.click("Start")
            total = client.find("metric", "Day").metric.body.split("/")[-1].strip()
    except Exception as error:  # noqa: BLE001 — every failure is a figure of the benchmark
        trial.errors.append(f"{who} setup: {type(error).__name__}: {str(error)[:160]}")
        trial.done += 1
        await trial.start.wait()
        return
    await trial.start.wait()
    finished = asyncio.Event()
    watcher = asyncio.create_task(client.keep_refreshing(finished))  # the desk's news check
    for step in range(trial.actions):
        want = f"{step + 1:.1f} / {total}"
        try:
            seconds = await client.click("Advance a day", until=lambda e, w=want: (
                e.WhichOneof("type") == "metric" and e.metric.body == w))
            if client.find("metric", "Day").metric.body != want:
                raise RuntimeError(f"the desk shows day {client.find('metric', 'Day').metric.body}")
            trial.times["protocol"].append(seconds * 1000)
            trial.errors += [f"{who} step {step}: {text[:160]}" for text in client.errors()]
        except Exception as error:  # noqa: BLE001
            trial.errors.append(f"{who} step {step}: {type(error).__name__}: {str(error)[:160]}")
            break
        await trial.pause()
    trial.done += 1
    finished.set()
    try:
        trial.times["watch"] += [seconds * 1000 for seconds in await watcher]
    except Exception as error:  # noqa: BLE001
        trial.errors.append(f"{who} news check: {type(error).__name__}: {str(error)[:160]}")
    await client.close()


async def instructor(trial: Trial) -> None:
    """The instructor's live dashboard, refreshing by itself while the class plays."""
    client = StreamlitClient(trial.url)
    try:
        await client.connect()
        client.fill("Username", DEMO_INSTRUCTOR[0])
        client.fill("Password", DEMO_INSTRUCTOR[1])
        await client.click("Sign in")
        await client.open("dashboard")
        (fragment, seconds), = client.auto_reruns.items()
    except Exception as error:  # noqa: BLE001
        trial.errors.append(f"instructor setup: {type(error).__name__}: {str(error)[:160]}")
        await trial.start.wait()
        return
    await trial.start.wait()
    while trial.done < trial.trainees:
        await asyncio.sleep(seconds)
        try:
            trial.times["dashboard"].append(await client.refresh(fragment) * 1000)
            trial.errors += [f"dashboard: {text[:160]}" for text in client.errors()]
        except Exception as error:  # noqa: BLE001
            trial.errors.append(f"dashboard: {type(error).__name__}: {str(error)[:160]}")
            break
    await client.close()


async def browser_trainee(trial: Trial, browser, index: int) -> None:  # type: ignore[no-untyped-def]
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(60_000)
    who = f"Trainee {index:02d}"
    try:
        async with trial.arriving:
            await page.goto(trial.url)
            await page.get_by_label("Workshop join code").fill(DEMO_WORKSHOP_CODE)
            await page.get_by_label("Your name").fill(who)
            await page.get_by_label("Personal PIN", exact=True).fill(f"{1000 + index}")
            await page.get_by_role("button", name="Join").click()
            await page.get_by_role("button", name="Yes, I am new: create me").click()
            await page.get_by_role("heading", name=f"Welcome, {who}").wait_for()
            await page.get_by_test_id("stSidebarNav").get_by_role("link", name="Exercises").click()
            await page.get_by_role("button", name="Start").first.click()
            await page.get_by_role("button", name="Advance a day").wait_for()
            await page.wait_for_selector(IDLE)
            total = (await page.locator(DAY).first.inner_text()).split("/")[-1].strip()
    except Exception as error:  # noqa: BLE001
        trial.errors.append(f"{who} (browser) setup: {type(error).__name__}: {str(error)[:160]}")
        trial.done += 1
        await trial.start.wait()
        await context.close()
        return
    await trial.start.wait()
    for step in range(trial.actions):
        want = f"{step + 1:.1f} / {total}"
        t0 = time.perf_counter()
        try:
            await page.get_by_role("button", name="Advance a day").click()
            await page.wait_for_function(SHOWN, arg=[DAY, want], polling="raf", timeout=60_000)
            trial.times["browser"].append((time.perf_counter() - t0) * 1000)
            await page.wait_for_selector(IDLE)
            for kind in ("stException", "stAlertContentError"):
                if await page.get_by_test_id(kind).count():
                    text = await page.get_by_test_id(kind).first.inner_text()
                    trial.errors.append(f"{who} (browser) step {step}: {kind}: {text[:160]}")
        except Exception as error:  # noqa: BLE001
            trial.errors.append(f"{who} (browser) step {step}: {type(error).__name__}: {str(error)[:160]}")
            break
        await trial.pause()
    trial.done += 1
    await context.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def show(what: str, f: dict[str, float | int | None]) -> None:
    """Print one line of figures (``figures``), if any were measured."""
    if f["n"]:
        print(f"  {what} p50 {f['p50_ms']} ms · p95 {f['p95_ms']} ms · max {f['max_ms']} ms"
              f" ({f['n']} times)")


def figures(times: list[float]) -> dict[str, float | int | None]:
    if not times:
        return {"n": 0, "p50_ms": None, "p95_ms": None, "max_ms": None}
    times = sorted(times)
    q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {"n": len(times), "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(q[94], 1), "max_ms": round(times[-1], 1)}


async def play(server: Server, trainees: int, browsers: int, actions: int, ramp: int,
               think: float, profile: str | None) -> dict[str, object]:
    trial = Trial(server.url, trainees, actions, ramp, think)
    spy = None
    if profile:  # starts once everyone is at the start line, stops when the last click is timed
        async def record() -> None:
            nonlocal spy
            await trial.start.wait()
            spy = subprocess.Popen(["py-spy", "record", "-o", profile, "--pid",
                                    str(server.process.pid), "--nonblocking", "--format",
                                    "raw" if profile.endswith(".txt") else "flamegraph"],  # type: ignore[union-attr]
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        trial.start = asyncio.Barrier(trial.start.parties + 1)
    cpu: list[float] = []

    async def meter() -> None:  # the server's CPU time from the start line to the last click
        await trial.start.wait()
        cpu.append(cpu_seconds(server.process.pid))  # type: ignore[union-attr]

    trial.start = asyncio.Barrier(trial.start.parties + 2)  # + the meter and the instructor
    crowd = [protocol_trainee(trial, i) for i in range(browsers, trainees)] + [meter(), instructor(trial)]
    t0 = time.perf_counter()
    if browsers:
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            await asyncio.gather(*crowd, *(browser_trainee(trial, browser, i) for i in range(browsers)),
                                 *([record()] if profile else []))
            await browser.close()
    else:
        await asyncio.gather(*crowd, *([record()] if profile else []))
    wall = time.perf_counter() - t0
    cpu.append(cpu_seconds(server.process.pid))  # type: ignore[union-attr]
    memory = rss_mb(server.process.pid)  # type: ignore[union-attr]
    clicks = len(trial.times["protocol"]) + len(trial.times["browser"])
    if spy is not None:
        spy.send_signal(2)  # SIGINT: py-spy writes the flame graph
        spy.wait(timeout=60)
    return {"trainees": trainees, "browsers": browsers, "actions_each": actions, "think_s": think,
            "protocol": figures(trial.times["protocol"]), "browser": figures(trial.times["browser"]),
            "all": figures(trial.times["protocol"] + trial.times["browser"]),
            "dashboard": figures(trial.times["dashboard"]),
            "watch": figures(trial.times["watch"]),
            "wall_s": round(wall, 1), "errors": trial.errors,
            "server_rss_mb": memory,
            "server_cpu_ms_per_click": round((cpu[1] - cpu[0]) * 1000 / clicks, 1) if clicks else None}


def run(trainees: int, browsers: int, actions: int, ramp: int, think: float,
        profile: str | None = None) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="load-bench-"))
    url = f"sqlite:///{folder / 'academy.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as s:
        seed_demo(s)
        sync_shipped(s)  # as once any page has opened
    engine.dispose()
    server = Server(url)
    server.start()
    try:
        return asyncio.run(play(server, trainees, browsers, actions, ramp, think, profile))
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trainees", type=int, default=30)
    ap.add_argument("--browsers", type=int, default=1, help="how many of them are real Chromium tabs")
    ap.add_argument("--actions", type=int, default=10)
    ap.add_argument("--ramp", type=int, default=5, help="trainees signing in at the same time")
    ap.add_argument("--think", type=float, default=0.0, help="mean seconds between a trainee's clicks")
    ap.add_argument("--profile", help="write a py-spy profile of the server: flame graph (.svg) or folded stacks (.txt)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    result = run(a.trainees, a.browsers, a.actions, a.ramp, a.think, a.profile)
    if a.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['trainees']} trainees ({result['browsers']} in Chromium) × "
          f"{result['actions_each']} actions, think {result['think_s']} s, in {result['wall_s']} s")
    for kind in ("all", "protocol", "browser", "dashboard", "watch"):
        f = result[kind]
        what = "auto-refresh → done" if kind in ("dashboard", "watch") else "click → result on screen"
        show(f"{kind:>9}: {what}", f)  # type: ignore[arg-type]
    print(f"  server CPU per click: {result['server_cpu_ms_per_click']} ms · "
          f"server memory: {result['server_rss_mb']} MB")
    print(f"  errors: {len(result['errors'])}")  # type: ignore[arg-type]
    for line in result["errors"]:  # type: ignore[union-attr]
        print(f"    {line}")


if __name__ == "__main__":
    main()
