"""Thirty sign-ins at once on one trainee's name, against a real `streamlit run app.py`.

The trial's attack: thirty tabs send a wrong PIN for the same name at the same moment.
This bench starts the app on a fresh demo database, connects thirty protocol clients
(bench/streamlit_client.py, no browser), fills the join form with the demo workshop's
code, the demo trainee's name and thirty different wrong PINs, clicks Join on all of them
at once, and prints what they were told, how many PINs the server checked (failed-attempt
rows) and the server's resident memory before and at its peak. ``--root`` runs another
checkout's app (e.g. the code before the fix, from ``git archive``); ``--spread`` makes
each tab come from its own loopback address (127.0.0.2, 127.0.0.3 …), as thirty machines
would, so every PIN is checked and only the hashing workers bound the memory::

    .venv/bin/python bench/signin_burst_bench.py [--root /tmp/old-checkout] [--clients 30]
                                                 [--spread]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.streamlit_client import StreamlitClient  # noqa: E402

SEED = """
from academy.db import make_engine, session_scope, upgrade
from academy.demo import seed_demo
engine = make_engine({url!r}); upgrade(engine)
with session_scope(engine) as s: seed_demo(s)
"""
COUNT = """
from sqlalchemy import text
from academy.db import make_engine
with make_engine({url!r}).connect() as c:
    print(c.execute(text("select count(*) from signinattempt where not succeeded")).scalar())
"""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def in_checkout(root: Path, code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(root)})
    return out.stdout.strip()


async def burst(url: str, pid: int, clients: int, spread: bool) -> tuple[Counter[str], float]:
    from academy.demo import DEMO_TRAINEE, DEMO_WORKSHOP_CODE

    tabs = [StreamlitClient(url, local_host=f"127.0.0.{i + 2}" if spread else None)
            for i in range(clients)]
    await asyncio.gather(*(tab.connect() for tab in tabs))
    for i, tab in enumerate(tabs):
        tab.fill("Workshop join code", DEMO_WORKSHOP_CODE)
        tab.fill("Your name", DEMO_TRAINEE[0])
        tab.fill("Personal PIN", f"{10_000_000 + i}")
    peak = rss_mb(pid)
    done = asyncio.Event()

    async def meter() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_mb(pid))
            await asyncio.sleep(0.02)

    watcher = asyncio.create_task(meter())
    await asyncio.gather(*(tab.click("Join", timeout=300) for tab in tabs))
    done.set()
    await watcher
    told = Counter((tab.errors() or ["(no message)"])[0].split(".")[0] for tab in tabs)
    await asyncio.gather(*(tab.close() for tab in tabs))
    return told, peak


async def warm_up(url: str) -> None:
    """One page run first, so the app's imports are not in the figure."""
    tab = StreamlitClient(url)
    await tab.connect()
    await tab.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose app runs")
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--spread", action="store_true", help="one client address per tab")
    args = parser.parse_args()
    root = args.root.resolve()
    db_url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='signin-burst-')) / 'academy.db'}"
    in_checkout(root, SEED.format(url=db_url))
    port = 8700 + os.getpid() % 200
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(root / "app.py"), "--server.port",
         str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=root, env={**os.environ, "DATABASE_URL": db_url, "PYTHONPATH": str(root)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.3)
        asyncio.run(warm_up(url))
        before = rss_mb(server.pid)
        start = time.perf_counter()
        told, peak = asyncio.run(burst(url, server.pid, args.clients, args.spread))
        seconds = time.perf_counter() - start
        checked = in_checkout(root, COUNT.format(url=db_url))
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"checkout: {root}")
    print(f"{args.clients} wrong PINs at once on one name"
          f"{' from as many addresses' if args.spread else ''}: {seconds:.1f} s; "
          f"PINs checked (failed-attempt rows): {checked}")
    for message, n in told.most_common():
        print(f"  {n:3} told: {message}")
    print(f"server RSS: {before:.0f} MB before, {peak:.0f} MB at peak (+{peak - before:.0f} MB)")


if __name__ == "__main__":
    main()
