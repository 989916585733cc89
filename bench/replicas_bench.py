"""Capacity of a training centre: trainees through nginx to N replicas, and one replica's death.

    python bench/replicas_bench.py --replicas 2 --trainees 120 [--think 2] [--actions 10]
    python bench/replicas_bench.py --replicas 2 --search 60,90,120,150   # the largest that holds
    python bench/replicas_bench.py --replicas 2 --trainees 60 --kill      # one replica dies

The centre of ``dev.py serve`` (``deploy/``): N ``streamlit run`` replicas on one database
(PostgreSQL: a fresh database on ``TEST_DATABASE_URL`` or ``--database-url``'s server; else
SQLite) behind Debian's nginx on a free 127.0.0.1 port. Each trainee is a client of
Streamlit's websocket protocol (``bench/streamlit_client.py``) that first loads the page, as
a browser does, and keeps nginx's route cookie. Each joins the demo workshop under their own
name, starts the first scenario, then clicks "Advance a day" ``--actions`` times at people's
pace (a random 0–2×``--think`` seconds before each click) while the instructor's dashboard
refreshes itself. A click is timed until the desk shows the new day; an error is a timeout,
an exception box or a red alert.

``--search`` runs one cohort size after another (fresh database and servers each time) and
reports the largest whose click → screen p95 stays under 500 ms with 0 errors.

``--kill`` kills (SIGKILL) the replica serving the most trainees once everyone has clicked
a few times. Each trainee who was on it finds its websocket closed at its next click, loads
the page again through nginx (now routed to a live replica), signs in, opens the exercise
and checks the desk's day against the last day it saw confirmed: an action confirmed on
screen and missing afterwards is *lost*. Reconnection time is from the moment the trainee
found the socket closed to the desk shown again on the live replica (the protocol's share,
no typing), and from the kill itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from academy.demo import DEMO_INSTRUCTOR, DEMO_WORKSHOP_CODE  # noqa: E402
from bench.load_bench import cpu_seconds, figures, rss_mb  # noqa: E402
from bench.streamlit_client import StreamlitClient  # noqa: E402
from tests.cluster import Cluster, cluster, seed  # noqa: E402

TARGET_P95_MS = 500


def route_cookie(url: str) -> str:
    """Load the page as a browser does; nginx's route cookie for this trainee."""
    with urllib.request.urlopen(f"{url}/") as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("nest_route="):
                return header.split(";")[0]
    raise RuntimeError("nginx set no route cookie")


class Trial:
    def __init__(self, centre: Cluster, trainees: int, actions: int, ramp: int, think: float,
                 kill: bool, instructor: bool) -> None:
        self.centre, self.url = centre, centre.url
        self.trainees, self.actions, self.think, self.kill = trainees, actions, think, kill
        # the start line: trainees, the CPU meter, the spread watcher, the instructor or killer
        self.start = asyncio.Barrier(trainees + 3)
        self.arriving = asyncio.Semaphore(ramp)
        self.times: list[float] = []
        self.slow: list[tuple[float, int]] = []  # (seconds after the start line, ms) per click
        self.started = 0.0
        self.dashboard: list[float] = []
        self.errors: list[str] = []
        self.done = 0
        self.clicks_confirmed = 0
        self.killed_at: float | None = None
        self.killed_port: int | None = None
        self.reconnects: list[dict[str, float | int | str]] = []
        self.lost = 0
        self.in_flight_kept = 0  # a click cut off by the kill that was stored all the same

    async def pause(self) -> None:
        if self.think:
            await asyncio.sleep(random.uniform(0, 2 * self.think))


def day_of(client: StreamlitClient) -> float:
    return float(client.find("metric", "Day").metric.body.split("/")[0])


async def sign_in(trial: Trial, who: str, pin: str, cookie: str, *, new: bool) -> StreamlitClient:
    client = StreamlitClient(trial.url, cookie=cookie)
    await client.connect()
    client.fill("Workshop join code", DEMO_WORKSHOP_CODE)
    client.fill("Your name", who)
    client.fill("Personal PIN", pin)
    await client.click("Join")
    if new:
        await client.click("Yes, I am new: create me")
    await client.open("exercises")
    return client


async def trainee(trial: Trial, index: int) -> None:
    who, pin = f"Trainee {index:03d}", f"{1000 + index}"
    try:
        async with trial.arriving:
            cookie = await asyncio.to_thread(route_cookie, trial.url)
            client = await sign_in(trial, who, pin, cookie, new=True)
            await client.click("Start")
            total = client.find("metric", "Day").metric.body.split("/")[-1].strip()
    except Exception as error:  # noqa: BLE001 — every failure is a figure of the benchmark
        trial.errors.append(f"{who} setup: {type(error).__name__}: {str(error)[:160]}")
        trial.done += 1
        await trial.start.wait()
        return
    await trial.start.wait()
    confirmed = 0.0  # the last day this trainee saw on screen
    step = 0
    while step < trial.actions:
        await trial.pause()  # people think before each click, the first one too
        want = f"{confirmed + 1:.1f} / {total}"
        try:
            seconds = await client.click("Advance a day", until=lambda e, w=want: (
                e.WhichOneof("type") == "metric" and e.metric.body == w))
            if day_of(client) != confirmed + 1:
                raise RuntimeError(f"the desk shows day {day_of(client)}")
            confirmed += 1
            trial.clicks_confirmed += 1
            trial.times.append(seconds * 1000)
            trial.slow.append((round(time.perf_counter() - trial.started, 1), round(seconds * 1000)))
            trial.errors += [f"{who} step {step}: {text[:160]}" for text in client.errors()]
        except Exception as error:  # noqa: BLE001
            if trial.killed_at is None:
                trial.errors.append(f"{who} step {step}: {type(error).__name__}: {str(error)[:160]}")
                break
            lost_at = time.perf_counter()
            try:  # the replica died: load the page again, sign in, open the exercise
                await client.close()
                cookie = await asyncio.to_thread(route_cookie, trial.url)  # what a reload gets
                client = await sign_in(trial, who, pin, cookie, new=False)
                await client.click("Open")
                shown = day_of(client)
            except Exception as again:  # noqa: BLE001
                trial.errors.append(f"{who} reconnect: {type(again).__name__}: {str(again)[:160]}")
                break
            now = time.perf_counter()
            trial.reconnects.append({"who": who, "detected_to_desk_ms": round((now - lost_at) * 1000, 1),
                                     "kill_to_desk_ms": round((now - trial.killed_at) * 1000, 1),
                                     "confirmed_day": confirmed, "shown_day": shown})
            if shown < confirmed:
                trial.lost += int(confirmed - shown)
            elif shown > confirmed:
                trial.in_flight_kept += int(shown - confirmed)
            confirmed = shown
            continue  # the same step again, on the live replica
        step += 1
    trial.done += 1
    await client.close()


async def instructor(trial: Trial) -> None:
    """The instructor's live dashboard, refreshing by itself while the class plays."""
    client = StreamlitClient(trial.url, cookie=await asyncio.to_thread(route_cookie, trial.url))
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
            trial.dashboard.append(await client.refresh(fragment) * 1000)
        except Exception as error:  # noqa: BLE001
            if trial.killed_at is None:
                trial.errors.append(f"dashboard: {type(error).__name__}: {str(error)[:160]}")
            break
    await client.close()


def streams_per_replica(centre: Cluster) -> Counter[int]:
    """Open websockets per replica, from the replicas' own TCP connections (Linux /proc)."""
    wanted = {r.port: r for r in centre.replicas}
    counts: Counter[int] = Counter()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        if local_port in wanted and fields[3] == "01":  # ESTABLISHED, server side
            counts[local_port] += 1
    return counts


async def killer(trial: Trial, after: float) -> None:
    await trial.start.wait()
    await asyncio.sleep(after)
    busiest, _ = streams_per_replica(trial.centre).most_common(1)[0]
    (doomed,) = [r for r in trial.centre.replicas if r.port == busiest]
    trial.killed_port = busiest
    trial.killed_at = time.perf_counter()
    doomed.kill()


async def play(centre: Cluster, trainees: int, actions: int, ramp: int, think: float,
               kill: bool, kill_after: float) -> dict[str, object]:
    trial = Trial(centre, trainees, actions, ramp, think, kill, instructor=not kill)
    cpu: list[float] = []
    pids = [r.process.pid for r in centre.replicas]  # type: ignore[union-attr]

    async def meter() -> None:
        await trial.start.wait()
        trial.started = time.perf_counter()
        cpu.append(sum(cpu_seconds(pid) for pid in pids))

    crowd = [trainee(trial, i) for i in range(trainees)] + [meter()]
    if not kill:
        crowd.append(instructor(trial))
    else:
        crowd.append(killer(trial, kill_after))
    t0 = time.perf_counter()
    spread = Counter()

    async def watch_spread() -> None:
        await trial.start.wait()
        spread.update(streams_per_replica(centre))

    await asyncio.gather(*crowd, watch_spread())
    wall = time.perf_counter() - t0
    alive = [r.process.pid for r in centre.replicas if r.alive()]  # type: ignore[union-attr]
    if not kill:
        cpu.append(sum(cpu_seconds(pid) for pid in pids))
    load = os.getloadavg()
    reconnect_times = [r["detected_to_desk_ms"] for r in trial.reconnects]
    return {
        "replicas": len(centre.replicas), "trainees": trainees, "actions_each": actions,
        "think_s": think, "clicks": figures(trial.times), "dashboard": figures(trial.dashboard),
        "websockets_per_replica_at_start": {str(k): v for k, v in sorted(spread.items())},
        "wall_s": round(wall, 1), "errors": trial.errors,
        "slowest_clicks_s_ms": sorted(trial.slow, key=lambda x: -x[1])[:15],
        "server_cpu_ms_per_click": (round((cpu[1] - cpu[0]) * 1000 / len(trial.times), 1)
                                    if len(cpu) == 2 and trial.times else None),
        "server_rss_mb": [rss_mb(pid) for pid in alive],
        "load_average_1_5_15": [round(x, 2) for x in load],
        **({"kill": {"replica_port": trial.killed_port, "trainees_reconnected": len(trial.reconnects),
                     "reconnect_detected_to_desk": figures(reconnect_times),
                     "reconnect_kill_to_desk": figures([r["kill_to_desk_ms"] for r in trial.reconnects]),
                     "actions_lost": trial.lost, "in_flight_clicks_kept": trial.in_flight_kept,
                     "clicks_confirmed": trial.clicks_confirmed}} if kill else {}),
    }


def database(server: str | None) -> tuple[str, object]:
    """A fresh database for one trial: on the PostgreSQL server named, else SQLite."""
    if server:
        from tests.conftest import _postgres_database

        os.environ["TEST_DATABASE_URL"] = server  # where _postgres_database makes its own
        databases = _postgres_database()
        return next(databases), databases
    folder = Path(tempfile.mkdtemp(prefix="replicas-bench-"))
    return f"sqlite:///{folder / 'academy.db'}", None


def run(replicas: int, trainees: int, actions: int, ramp: int, think: float, kill: bool,
        kill_after: float, database_url: str | None) -> dict[str, object]:
    url, databases = database(database_url or os.environ.get("TEST_DATABASE_URL"))
    try:
        seed(url)
        with cluster(url, replicas) as centre:
            return asyncio.run(play(centre, trainees, actions, ramp, think, kill, kill_after))
    finally:
        if databases is not None:
            databases.close()  # type: ignore[attr-defined]


def holds(result: dict[str, object]) -> bool:
    clicks = result["clicks"]
    return (not result["errors"] and clicks["n"] == result["trainees"] * result["actions_each"]  # type: ignore[index]
            and clicks["p95_ms"] is not None and clicks["p95_ms"] < TARGET_P95_MS)  # type: ignore[index]


def report(result: dict[str, object]) -> None:
    c = result["clicks"]
    print(f"{result['replicas']} replica(s), {result['trainees']} trainees × {result['actions_each']} "
          f"clicks, think 0–{2 * result['think_s']} s, {result['wall_s']} s; load {result['load_average_1_5_15']}")  # type: ignore[operator]
    print(f"  click → screen p50 {c['p50_ms']} ms · p95 {c['p95_ms']} ms · max {c['max_ms']} ms ({c['n']} clicks)")  # type: ignore[index]
    d = result["dashboard"]
    if d["n"]:  # type: ignore[index]
        print(f"  dashboard refresh p50 {d['p50_ms']} ms · p95 {d['p95_ms']} ms")  # type: ignore[index]
    print(f"  websockets per replica: {result['websockets_per_replica_at_start']} · server CPU per "
          f"click {result['server_cpu_ms_per_click']} ms · memory {result['server_rss_mb']} MB")
    if "kill" in result:
        k = result["kill"]
        r = k["reconnect_detected_to_desk"]  # type: ignore[index]
        print(f"  killed replica {k['replica_port']}: {k['trainees_reconnected']} trainees reconnected; "  # type: ignore[index]
              f"socket lost → desk again p50 {r['p50_ms']} ms · p95 {r['p95_ms']} ms · max {r['max_ms']} ms; "
              f"actions lost {k['actions_lost']}, in-flight clicks kept {k['in_flight_clicks_kept']}")  # type: ignore[index]
    print(f"  errors: {len(result['errors'])}")  # type: ignore[arg-type]
    for line in result["errors"][:10]:  # type: ignore[index]
        print(f"    {line}")


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--trainees", type=int, default=60)
    ap.add_argument("--search", help="cohort sizes to try in turn, e.g. 60,90,120,150")
    ap.add_argument("--actions", type=int, default=10)
    ap.add_argument("--ramp", type=int, default=5, help="trainees signing in at the same time")
    ap.add_argument("--think", type=float, default=2.0, help="mean seconds between a trainee's clicks")
    ap.add_argument("--kill", action="store_true", help="kill the busiest replica mid-run")
    ap.add_argument("--kill-after", type=float, default=8.0, help="seconds after the start line")
    ap.add_argument("--database-url", help="a PostgreSQL server URL (default: TEST_DATABASE_URL)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    sizes = [int(s) for s in a.search.split(",")] if a.search else [a.trainees]
    results = []
    for size in sizes:
        result = run(a.replicas, size, a.actions, a.ramp, a.think, a.kill, a.kill_after,
                     a.database_url)
        results.append(result)
        if a.json:
            print(json.dumps(result), flush=True)
        else:
            report(result)
        if a.search and not holds(result):
            break
    if a.search:
        passing = [r["trainees"] for r in results if holds(r)]
        print(f"largest cohort with p95 < {TARGET_P95_MS} ms and 0 errors on {a.replicas} "
              f"replica(s): {max(passing) if passing else 'none of those tried'}")


if __name__ == "__main__":
    main()
