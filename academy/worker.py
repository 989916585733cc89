"""The calibration worker: whichever server is free plays the queued calibration runs.

A calibration run (``CalibrationRun``) is a job in the database that every server shares:
any server can queue one and any server can show its progress. Each server process runs one
worker thread (started when an instructor first queues or watches a run there; a dedicated
machine can run ``python -m academy worker``). A worker *claims* the oldest queued run in one
write transaction (SQLite's write lock; PostgreSQL ``FOR UPDATE SKIP LOCKED``), so two
workers never take the same run, and holds it by a lease it renews after every batch of
games. The games are played in a worker *process* (the engine is pure Python: a thread in
the web server would hold its GIL and slow every trainee down). If a server dies, its lease
lapses and the next worker to look resumes the run from the batches recorded so far, so
every game is counted exactly once.

Why a table rather than Dask, Ray or Celery: the database is already shared by every server
and needs no new service, port or secret; a calibration is a few hundred games a minute long.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import socket
import threading
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime, timedelta

from sqlalchemy import and_, or_
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from academy.db import hold_write_lock, session_scope
from academy.models import CalibrationRun, ScenarioVersion, utcnow
from academy.scenarios import parse
from engine.policies import score_batch

LEASE = timedelta(seconds=30)  # renewed after each batch (a batch takes well under a second)
POLL = 3.0  # seconds an idle worker waits before looking at the queue again
BATCH = 5  # games per batch: the unit that is played, recorded and never played twice
MAX_CLAIMS = 3  # a run that took down three workers is not handed to a fourth

log = logging.getLogger(__name__)


def batches(runs: int, policies: list[str]) -> list[tuple[str, int, int]]:
    """Every (policy, first seed, last seed + 1) batch of a run, in playing order."""
    return [(p, i, min(i + BATCH, runs)) for p in policies for i in range(0, runs, BATCH)]


def batch_key(policy: str, first: int) -> str:
    return f"{policy}:{first}"


def claim(engine: Engine, worker: str, *, lease: timedelta = LEASE,
          now: datetime | None = None) -> int | None:
    """Take the oldest run nobody holds (queued, or its worker's lease lapsed), or None."""
    now = now or utcnow()
    free = or_(col(CalibrationRun.status) == "queued",
               and_(col(CalibrationRun.status) == "running",
                    or_(col(CalibrationRun.lease_until).is_(None),
                        col(CalibrationRun.lease_until) < now)))
    with session_scope(engine) as s:
        hold_write_lock(s)  # SQLite: the only writer from here on; PostgreSQL: row locks
        while True:
            run = s.exec(select(CalibrationRun).where(free).order_by(col(CalibrationRun.id))
                         .limit(1).with_for_update(skip_locked=True)).first()
            if run is None:
                return None
            if run.claims >= MAX_CLAIMS:
                run.status, run.error, run.worker = "failed", "interrupted", ""
                run.updated_at = now
                s.add(run)
                s.flush()
                continue
            run.status, run.worker, run.lease_until = "running", worker, now + lease
            run.claims += 1
            run.updated_at = now
            s.add(run)
            return run.id


def play(engine: Engine, run_id: int, worker: str, *, lease: timedelta = LEASE) -> str:
    """Play the run's remaining batches; its final status, or "lost" if another took it."""
    try:
        with session_scope(engine) as s:
            run = s.get(CalibrationRun, run_id)
            assert run is not None
            text = s.get(ScenarioVersion, run.scenario_version_id).text  # type: ignore[union-attr]
            todo = [b for b in batches(run.runs, list(run.policies))
                    if batch_key(b[0], b[1]) not in run.batches]
        scenario = parse(text)
        context = multiprocessing.get_context("spawn")  # never fork a threaded server
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            futures = {pool.submit(score_batch, (scenario, p, range(a, b))): (p, a)
                       for p, a, b in todo}
            for future in as_completed(futures):
                policy, first = futures[future]
                if not _record(engine, run_id, worker, policy, first, future.result(), lease):
                    pool.shutdown(wait=False, cancel_futures=True)
                    return "lost"
        return _finish(engine, run_id, worker, "done", "")
    except Exception as error:  # noqa: BLE001 — any failure must reach the page, not vanish
        log.exception("calibration run %s failed", run_id)
        return _finish(engine, run_id, worker, "failed", f"{type(error).__name__}: {error}"[:500])


def _record(engine: Engine, run_id: int, worker: str, policy: str, first: int,
            scores: list[float], lease: timedelta) -> bool:
    """Add one batch's scores and renew the lease, unless the run is no longer ours."""
    with session_scope(engine) as s:
        hold_write_lock(s)
        run = s.exec(select(CalibrationRun).where(CalibrationRun.id == run_id)
                     .with_for_update()).first()
        if run is None or run.worker != worker or run.status != "running":
            return False
        key = batch_key(policy, first)
        if key not in run.batches:
            merged = {k: list(v) for k, v in run.scores.items()}
            merged.setdefault(policy, []).extend(round(x, 2) for x in scores)
            run.scores, run.batches = merged, [*run.batches, key]
            run.done += len(scores)
        now = utcnow()
        run.lease_until, run.updated_at = now + lease, now
        s.add(run)
        return True


def _finish(engine: Engine, run_id: int, worker: str, status: str, error: str) -> str:
    with session_scope(engine) as s:
        hold_write_lock(s)
        run = s.get(CalibrationRun, run_id)
        if run is None or run.worker != worker:
            return "lost"
        run.status, run.error, run.lease_until = status, error, None
        run.updated_at = utcnow()
        s.add(run)
        return status


class Worker:
    """One worker: claims runs one at a time and plays them, until stopped."""

    def __init__(self, engine: Engine, *, name: str | None = None, lease: timedelta = LEASE,
                 poll: float = POLL) -> None:
        self.engine, self.lease, self.poll = engine, lease, poll
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._wake, self._stop = threading.Event(), threading.Event()
        self.thread: threading.Thread | None = None

    def run_once(self) -> int | None:
        """Claim and play one run; its id, or None when the queue is empty."""
        run_id = claim(self.engine, self.name, lease=self.lease)
        if run_id is not None:
            play(self.engine, run_id, self.name, lease=self.lease)
        return run_id

    def loop(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once() is not None
            except Exception:  # noqa: BLE001 — a database hiccup must not end the worker
                log.exception("calibration worker %s", self.name)
                busy = False
            if not busy:
                self._wake.wait(self.poll)
                self._wake.clear()

    def start(self) -> Worker:
        self.thread = threading.Thread(target=self.loop, daemon=True,
                                       name=f"calibration-worker-{self.name}")
        self.thread.start()
        return self

    def wake(self) -> None:
        """Look at the queue now (a run was just queued here)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()


_started: dict[str, Worker] = {}
_started_lock = threading.Lock()


def ensure(engine: Engine) -> Worker:
    """This process's worker for ``engine``'s database, started on first call."""
    url = engine.url.render_as_string(hide_password=False)
    with _started_lock:
        worker = _started.get(url)
        if worker is None or worker.thread is None or not worker.thread.is_alive():
            worker = _started[url] = Worker(engine).start()
        return worker


def stop_all() -> None:
    """Stop this process's workers (each finishes the batch it is playing)."""
    with _started_lock:
        for started in _started.values():
            started.stop()
        _started.clear()
