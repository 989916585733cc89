"""How long a trainee waits: from clicking "Advance a day" on the desk to the new day on
screen, in a real browser (Debian's Chromium via Playwright) against `streamlit run`.

    .venv/bin/python bench/desk_browser_bench.py [--clicks 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from academy.db import make_engine, session_scope, upgrade  # noqa: E402
from academy.demo import seed_demo  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from tests.browser.steps import metric_value, sign_in_trainee  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clicks", type=int, default=30)
    args = parser.parse_args()
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as s:
        seed_demo(s)
    server = Server(url)
    server.start()
    timings = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            sign_in_trainee(page, server.url)
            page.get_by_test_id("stSidebarNav").get_by_text("Exercises").click()
            card = page.get_by_test_id("stVerticalBlock").filter(
                has_text="The Ivory Corridor").filter(has=page.get_by_role("button", name="Start")).last
            card.get_by_role("button", name="Start").click()
            expect(metric_value(page, "Day")).to_have_text("0.0 / 90", timeout=30_000)
            for day in range(1, args.clicks + 1):
                start = time.perf_counter()
                page.get_by_role("button", name="Advance a day").click()
                expect(metric_value(page, "Day")).to_have_text(f"{day:.1f} / 90", timeout=30_000)
                timings.append((time.perf_counter() - start) * 1000)
            browser.close()
    finally:
        server.stop()
    timings.sort()
    print(f"desk update after an action, {len(timings)} clicks: "
          f"p50 {statistics.median(timings):.0f} ms, p95 {timings[int(0.95 * (len(timings) - 1))]:.0f} ms, "
          f"max {timings[-1]:.0f} ms")


if __name__ == "__main__":
    main()
