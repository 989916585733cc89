"""The front door of a training centre: one nginx in front of several Streamlit servers.

A regional centre serves 100–200 trainees; one Streamlit process uses one core, so the centre
runs several (``deploy/replicas.py``) on one database and puts Debian's nginx in front. Each
trainee's browser must keep talking to the server that holds its Streamlit session (its
websocket, its uploads): nginx hands every new browser a random route cookie and hashes it
to a replica. When a replica dies, its trainees' reconnects go to a live one; they sign in
again and resume from the database, where every action already is.

The configuration is ``nginx.conf.template`` (readable, commented), filled in here. nginx
runs with its own prefix folder (config, logs, temp files), never ``/etc/nginx``, as root or
not. Standard library only: ``dev.py`` imports this before anything is installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
STREAMLIT_CONFIG = ROOT / ".streamlit" / "config.toml"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
READ_TIMEOUT = "1h"  # a quiet websocket (a trainee reading the briefing) is not a dead one
FAIL_TIMEOUT = "10s"  # how long a replica that failed is left alone before it is tried again
_FIELD = re.compile(r"\{\{ (\w+) \}\}")


def nginx_binary() -> str | None:
    """Debian's nginx if it is installed (``/usr/sbin`` is not on every user's PATH)."""
    for candidate in NGINX_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("nginx")


def upload_limit_mb(config: Path = STREAMLIT_CONFIG) -> int:
    """Streamlit's ``server.maxUploadSize`` (MB): the proxy refuses bigger bodies the same way."""
    if config.exists():
        with config.open("rb") as handle:
            value = tomllib.load(handle).get("server", {}).get("maxUploadSize")
        if isinstance(value, int) and value > 0:
            return value
    return 200  # Streamlit's default


def render(template: str, values: dict[str, str]) -> str:
    """Fill the template's ``{{ name }}`` fields; an unknown or unused name is an error."""
    missing = set(_FIELD.findall(template)) - set(values)
    unused = set(values) - set(_FIELD.findall(template))
    if missing or unused:
        raise ValueError(f"template fields missing {sorted(missing)}, unused {sorted(unused)}")
    return _FIELD.sub(lambda m: values[m.group(1)], template)


def nginx_config(*, ports: list[int], listen: str, prefix: Path,
                 max_body_mb: int | None = None, as_root: bool | None = None) -> str:
    """The nginx configuration for replicas on 127.0.0.1 ``ports``, listening on ``listen``
    (``8501`` or ``127.0.0.1:8501``), writing only under ``prefix``."""
    if not ports:
        raise ValueError("at least one replica")
    as_root = os.geteuid() == 0 if as_root is None else as_root
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout={FAIL_TIMEOUT};"
        for port in ports)
    return render(TEMPLATE.read_text(encoding="utf-8"), {
        # As root, nginx's workers drop to an unprivileged user (nginx's own default);
        # otherwise the directive would only earn a warning.
        "user": "user nobody nogroup;" if as_root else "# not root: workers run as this user",
        "replicas": str(len(ports)),
        "prefix": str(prefix),
        "servers": servers,
        "listen": listen,
        "max_body": f"{max_body_mb or upload_limit_mb()}m",
        "read_timeout": READ_TIMEOUT,
    })


@dataclass
class Proxy:
    """One nginx in the foreground, configured for ``ports``, listening on ``listen``."""

    ports: list[int]
    listen: str
    prefix: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def config(self) -> Path:
        return self.prefix / "nginx.conf"

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    def write(self) -> Path:
        # nginx's workers (``nobody`` when started as root) must reach their temp folders
        self.prefix.mkdir(parents=True, exist_ok=True)
        self.prefix.chmod(0o755)
        self.config.write_text(nginx_config(ports=self.ports, listen=self.listen,
                                            prefix=self.prefix), encoding="utf-8")
        return self.config

    def _command(self, *extra: str) -> list[str]:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
        return [binary, "-p", str(self.prefix), "-c", str(self.config), *extra]

    def check(self) -> subprocess.CompletedProcess[str]:
        """``nginx -t`` on the written configuration (raises CalledProcessError if refused)."""
        return subprocess.run(self._command("-t"), check=True, capture_output=True, text=True)

    def start(self, *, quiet: bool = False) -> subprocess.Popen[bytes]:
        self.write()
        self.check()
        out = subprocess.DEVNULL if quiet else None
        self.process = subprocess.Popen(self._command(), stdout=out, stderr=out)
        return self.process

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def served_by(self) -> list[tuple[str, str, str]]:
        """(request, upstream address, route) of every request logged so far."""
        found = []
        if self.access_log.exists():
            for line in self.access_log.read_text(encoding="utf-8").splitlines():
                match = re.search(r'"([^"]*)" \d+ upstream="([^"]*)" route=(\S+)', line)
                if match:
                    found.append((match.group(1), match.group(2), match.group(3)))
        return found
