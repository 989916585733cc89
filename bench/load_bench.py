"""Load benchmark: 30 trainees acting at once on one `streamlit run` server, through a browser.

    python bench/load_bench.py [--trainees 30] [--actions 8] [--ramp 5] [--json]

One Debian Chromium (the flags of tests/browser/conftest.py) with one Playwright browser
context per trainee — separate cookies, separate Streamlit sessions, as 30 laptops on a
workshop LAN. Each trainee joins the demo workshop with their own name and PIN, starts
the first scenario of the catalogue and then, all at once, clicks "Advance a day" again and again. We
time each click until its result is on screen (the desk's Day figure shows the new day,
watched on every animation frame), and record every error: a timeout, a Streamlit
exception box, a refusal shown in red. Figures, not a test: it prints p50/p95/max.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from academy.db import make_engine, session_scope, upgrade  # noqa: E402
from academy.demo import DEMO_WORKSHOP_CODE, seed_demo  # noqa: E402
from academy.scenarios import sync_shipped  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

DAY = "[data-testid='stMetricValue']"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SHOWN = """([selector, want]) => {
    const el = document.querySelector(selector);
    return el !== null && el.innerText.trim() === want;
}"""


async def trainee(browser, base: str, index: int, actions: int, start: asyncio.Barrier,
                  ramp: asyncio.Semaphore, times: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(60_000)
    who = f"Trainee {index:02d}"
    try:
        async with ramp:  # trainees arrive a few at a time; only their actions are timed
            await page.goto(base)
            await page.get_by_label("Workshop join code").fill(DEMO_WORKSHOP_CODE)
            await page.get_by_label("Your name").fill(who)
            await page.get_by_label("Personal PIN", exact=True).fill(f"{1000 + index}")
            await page.get_by_role("button", name="Join").click()
            await page.get_by_role("heading", name=f"Welcome, {who}").wait_for()
            await page.get_by_test_id("stSidebarNav").get_by_role("link", name="Exercises").click()
            await page.get_by_role("button", name="Start").first.click()
            await page.get_by_role("button", name="Advance a day").wait_for()
            await page.wait_for_selector(IDLE)
            total = (await page.locator(DAY).first.inner_text()).split("/")[-1].strip()
    except Exception as error:  # noqa: BLE001 — every failure is a figure of the benchmark
        errors.append(f"{who} setup: {type(error).__name__}: {str(error)[:160]}")
        await start.wait()
        await context.close()
        return
    await start.wait()
    for step in range(actions):
        want = f"{step + 1:.1f} / {total}"
        t0 = time.perf_counter()
        try:
            await page.get_by_role("button", name="Advance a day").click()
            await page.wait_for_function(SHOWN, arg=[DAY, want], polling="raf", timeout=60_000)
            times.append((time.perf_counter() - t0) * 1000)
            await page.wait_for_selector(IDLE)
            for kind in ("stException", "stAlertContentError"):
                if await page.get_by_test_id(kind).count():
                    text = await page.get_by_test_id(kind).first.inner_text()
                    errors.append(f"{who} step {step}: {kind}: {text[:160]}")
        except Exception as error:  # noqa: BLE001
            errors.append(f"{who} step {step}: {type(error).__name__}: {str(error)[:160]}")
            break
    await context.close()


async def run(trainees: int, actions: int, ramp: int) -> dict[str, object]:
    from playwright.async_api import async_playwright

    folder = Path(tempfile.mkdtemp(prefix="load-bench-"))
    url = f"sqlite:///{folder / 'academy.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as s:
        seed_demo(s)
        # the shipped scenarios are stored before the rush, as once any page has opened:
        # thirty first visits at once race to store them (see the report)
        sync_shipped(s)
    engine.dispose()
    server = Server(url)
    server.start()
    times: list[float] = []
    errors: list[str] = []
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            start, arriving = asyncio.Barrier(trainees), asyncio.Semaphore(ramp)
            t0 = time.perf_counter()
            await asyncio.gather(*(trainee(browser, server.url, i, actions, start, arriving, times, errors)
                                   for i in range(trainees)))
            wall = time.perf_counter() - t0
            await browser.close()
    finally:
        server.stop()
    times.sort()
    q = (statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1
         else times * 99)
    return {"trainees": trainees, "actions_each": actions, "measured": len(times),
            "p50_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(q[94], 1) if times else None,
            "max_ms": round(times[-1], 1) if times else None,
            "wall_s": round(wall, 1), "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trainees", type=int, default=30)
    ap.add_argument("--actions", type=int, default=8)
    ap.add_argument("--ramp", type=int, default=5, help="trainees signing in at the same time")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    result = asyncio.run(run(a.trainees, a.actions, a.ramp))
    if a.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['trainees']} trainees × {result['actions_each']} actions "
          f"({result['measured']} timed) in {result['wall_s']} s")
    print(f"  click → result on screen: p50 {result['p50_ms']} ms · p95 {result['p95_ms']} ms · "
          f"max {result['max_ms']} ms")
    print(f"  errors: {len(result['errors'])}")  # type: ignore[arg-type]
    for line in result["errors"]:  # type: ignore[union-attr]
        print(f"    {line}")


if __name__ == "__main__":
    main()
