"""Calibration runs are jobs in the database: any server's worker plays them, a dead
worker's run is resumed by another, and every game is counted exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from academy import calibration, worker
from academy.accounts import create_user
from academy.db import make_engine, session_scope
from academy.models import CalibrationRun, utcnow
from academy.scenarios import parse, sync_shipped
from engine.policies import score_batch

ROOT = Path(__file__).resolve().parents[2]
WILDLIFE = "wildlife-ivory-corridor"


@pytest.fixture
def queue(engine):
    """An instructor and a function that queues a run of the wildlife scenario."""
    with session_scope(engine) as s:
        boss = create_user(s, username="ines", display_name="Ines", role="instructor",
                           password="instructor-1")
        version = {v.scenario_id: v for v in sync_shipped(s)}[WILDLIFE]

    def make(runs: int, policies: list[str]) -> int:
        with session_scope(engine) as s:
            return calibration.start(s, user=boss, scenario_version_id=version.id, runs=runs,
                                     policies=policies).id

    make.boss = boss  # type: ignore[attr-defined]
    make.text = version.text  # type: ignore[attr-defined]
    return make


def load(engine, run_id) -> CalibrationRun:
    with Session(engine) as s:
        return s.get(CalibrationRun, run_id)


def expected_scores(text: str, runs: int, policy: str) -> list[float]:
    return sorted(round(x, 2) for x in score_batch((parse(text), policy, range(runs))))


def test_a_run_queued_on_one_server_is_played_by_another_servers_worker(engine, db_url, queue):
    run_id = queue(3, ["random", "heuristic"])
    assert load(engine, run_id).status == "queued"
    other_server = make_engine(db_url)
    try:
        assert worker.Worker(other_server, name="server-b").run_once() == run_id
    finally:
        other_server.dispose()
    with Session(engine) as s:  # the first server shows the result
        run = calibration.get(s, user=queue.boss, run_id=run_id)
        assert (run.status, run.done, run.total, run.worker) == ("done", 6, 6, "server-b")
        assert {p: len(v) for p, v in run.scores.items()} == {"random": 3, "heuristic": 3}
    assert worker.Worker(engine).run_once() is None  # nothing left in the queue


def test_two_workers_at_once_never_claim_the_same_run(engine, queue):
    first, second = queue(1, ["random"]), queue(1, ["random"])
    barrier, claimed = threading.Barrier(3), []

    def take(name: str) -> None:
        barrier.wait()
        claimed.append(worker.claim(engine, name))

    threads = [threading.Thread(target=take, args=(n,)) for n in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed, key=lambda x: (x is None, x)) == [first, second, None]
    assert worker.claim(engine, "d") is None  # both held by live leases
    later = utcnow() + worker.LEASE + timedelta(seconds=1)
    assert worker.claim(engine, "d", now=later) == first  # a lapsed lease is taken over


def test_a_worker_that_lost_its_run_records_nothing_more(engine, queue):
    run_id = queue(5, ["random"])
    assert worker.claim(engine, "slow") == run_id
    later = utcnow() + worker.LEASE + timedelta(seconds=1)
    assert worker.claim(engine, "fast", now=later) == run_id
    assert worker.play(engine, run_id, "slow") == "lost"
    run = load(engine, run_id)
    assert (run.status, run.worker, run.done, run.batches) == ("running", "fast", 0, [])
    assert worker.play(engine, run_id, "fast") == "done"
    assert load(engine, run_id).done == 5


def test_a_run_that_keeps_killing_its_workers_is_failed_not_handed_on(engine, queue):
    run_id = queue(1, ["random"])
    now = utcnow()
    for _ in range(worker.MAX_CLAIMS):
        assert worker.claim(engine, "doomed", now=now) == run_id
        now += worker.LEASE + timedelta(seconds=1)
    assert worker.claim(engine, "next", now=now) is None
    run = load(engine, run_id)
    assert (run.status, run.error) == ("failed", "interrupted")


def test_a_killed_workers_run_is_resumed_by_another_and_every_game_counted_once(
        engine, db_url, queue):
    runs, policies = 40, ["random", "heuristic", "oracle"]
    run_id = queue(runs, policies)
    process = subprocess.Popen(
        [sys.executable, "-m", "academy", "worker", "--once", "--lease", "2"], cwd=ROOT,
        env={**os.environ, "DATABASE_URL": db_url}, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while load(engine, run_id).done < 10:  # a few batches recorded: kill it mid-run
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the worker process recorded nothing"
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the worker and its game process
        process.wait()
    dead = load(engine, run_id)
    assert dead.status == "running" and 10 <= dead.done < runs * len(policies)
    survivor = worker.Worker(engine, name="survivor", lease=timedelta(seconds=2))
    while survivor.run_once() is None:  # waits out the dead worker's lease
        time.sleep(0.2)
    run = load(engine, run_id)
    assert (run.status, run.worker, run.claims) == ("done", "survivor", 2)
    assert run.done == run.total == runs * len(policies)
    assert sorted(run.batches) == sorted(worker.batch_key(p, a)
                                         for p, a, _ in worker.batches(runs, policies))
    for policy in policies:  # the same games an uninterrupted run plays, each once
        assert sorted(run.scores[policy]) == expected_scores(queue.text, runs, policy)


def test_a_run_left_running_by_the_old_thread_worker_is_marked_interrupted(db_url):
    """Before the job table a run was played by a thread of the server that started it:
    after the upgrade nothing can resume it (its batches were not recorded), so it says so."""
    from alembic import command
    from sqlalchemy import text

    from academy.db import alembic_config, upgrade

    engine = make_engine(db_url)
    config = alembic_config(db_url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "w001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO scenario_version (scenario_id, version, title, digest, text, source,"
            " created_at) VALUES ('x', 1, 'X', 'abc', 'id: x', 'file', '2026-11-30 08:00:00')"))
        for status in ("running", "done"):
            conn.execute(text(
                "INSERT INTO calibration_run (scenario_version_id, runs, policies, overrides,"
                " status, done, total, scores, error, created_at, updated_at) VALUES (1, 5,"
                f" '[\"random\"]', '{{}}', '{status}', 2, 5, '{{\"random\": [1, 2]}}', '',"
                " '2026-11-30 08:00:00', '2026-11-30 08:00:00')"))
    upgrade(engine)
    with Session(engine) as s:
        old_running, old_done = s.get(CalibrationRun, 1), s.get(CalibrationRun, 2)
        assert (old_running.status, old_running.error) == ("failed", "interrupted")
        assert (old_done.status, old_done.scores, old_done.batches) == (
            "done", {"random": [1, 2]}, [])
    assert worker.claim(engine, "w") is None
    engine.dispose()
