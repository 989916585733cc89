"""Several ``streamlit run`` servers of one app on one database: a centre's replicas.

Each replica is an ordinary Streamlit server on a free 127.0.0.1 port, reachable only
through the proxy (``deploy/proxy.py``). They share what must be shared: the database
(``DATABASE_URL``: every action is written there the moment it is taken) and one
``server.cookieSecret``, so the XSRF cookie one replica signed is good on every other.
Everything else a replica keeps in memory is a cache of the database (a tab's live
simulation is checked against the stored log before every action) or of content files.

Standard library only: ``dev.py`` imports this before anything is installed.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET_FILE = ROOT / "data" / "cookie_secret"
SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"  # Streamlit's own name for server.cookieSecret


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def cookie_secret(path: Path = SECRET_FILE) -> str:
    """The one secret every replica signs cookies with: from the environment, else a file
    made once (mode 600) and kept, so a restarted replica accepts the cookies it signed."""
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(32))
    path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def healthy(url: str, timeout: float = 2) -> bool:
    """Streamlit's own health check answers ``ok`` once the server can take sessions."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.read() == b"ok"
    except OSError:
        return False


@dataclass
class Replica:
    """One ``streamlit run app.py`` on 127.0.0.1:``port``."""

    port: int
    secret: str
    database_url: str | None = None  # None: the environment's DATABASE_URL (or the default)
    python: str = sys.executable
    quiet: bool = False
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, SECRET_ENV: self.secret,
               "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION": "true"}
        if self.database_url is not None:
            env["DATABASE_URL"] = self.database_url
        out = subprocess.DEVNULL if self.quiet else None
        self.process = subprocess.Popen(
            [self.python, "-m", "streamlit", "run", str(ROOT / "app.py"),
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=out,
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"replica on port {self.port} exited while starting")
            if healthy(self.url):
                return
            time.sleep(0.3)
        raise RuntimeError(f"replica on port {self.port} did not answer its health check")

    def kill(self) -> None:
        """Die as a crashed server does: no goodbye to its websockets."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()  # type: ignore[union-attr]
            try:
                self.process.wait(timeout=20)  # type: ignore[union-attr]
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None


def start_all(count: int, *, secret: str, database_url: str | None = None,
              python: str = sys.executable, quiet: bool = False) -> list[Replica]:
    """``count`` replicas on free ports, started together, returned once all are healthy
    (migrating and seeding are the caller's, once, before this)."""
    replicas = [Replica(free_port(), secret, database_url, python, quiet) for _ in range(count)]
    try:
        for replica in replicas:
            replica.start()
        for replica in replicas:
            replica.wait_healthy()
    except BaseException:
        for replica in replicas:
            replica.stop()
        raise
    return replicas
