"""A training centre in miniature for tests: replicas of the app behind nginx on 127.0.0.1.

The real pieces ``dev.py serve`` uses (``deploy/replicas.py``, ``deploy/proxy.py``), on one
demo-seeded database, nginx listening on a free port.
"""

from __future__ import annotations

import http.client
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploy.proxy import Proxy, nginx_binary
from deploy.replicas import Replica, free_port, start_all


@dataclass
class Cluster:
    replicas: list[Replica]
    proxy: Proxy
    port: int
    database_url: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replica_at(self, upstream: str) -> Replica:
        """The replica whose address nginx logged (``127.0.0.1:PORT``)."""
        (found,) = [r for r in self.replicas if upstream == f"127.0.0.1:{r.port}"]
        return found

    def get(self, path: str = "/", cookie: str | None = None,
            source: str | None = None) -> tuple[int, str | None, str]:
        """(status, the route cookie nginx set if any, the replica that answered) of a GET
        through the proxy, sent from the loopback address ``source`` (e.g. 127.0.0.7: another
        machine to nginx). The request carries a unique probe so that its log line is found
        (nginx writes it once the response is out, maybe after the client has read it)."""
        probe = uuid.uuid4().hex
        target = f"{path}{'&' if '?' in path else '?'}nest_probe={probe}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                source_address=(source, 0) if source else None)
        try:
            connection.request("GET", target, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            response.read()
            routes = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []
                      if c.startswith("nest_route=")]
        finally:
            connection.close()
        for _ in range(100):
            for request, upstream, _ in self.served():
                if probe in request:
                    return response.status, routes[0] if routes else None, upstream
            time.sleep(0.05)
        raise AssertionError(f"nginx logged no line for {target}")

    def served(self) -> list[tuple[str, str, str]]:
        return self.proxy.served_by()

    def route_to(self, replica: Replica, attempts: int = 64) -> str:
        """A route cookie (``nest_route=…``) that nginx hashes to ``replica``."""
        for _ in range(attempts):
            _, route, upstream = self.get("/_stcore/health")
            assert route is not None
            if upstream == f"127.0.0.1:{replica.port}":
                return route
        raise AssertionError(f"no route to replica {replica.port} in {attempts} tries")


def seed(url: str) -> None:
    from academy.db import make_engine, session_scope, upgrade
    from academy.demo import seed_demo
    from academy.scenarios import sync_shipped

    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as s:
        seed_demo(s)
        sync_shipped(s)
    engine.dispose()


@contextmanager
def cluster(database_url: str, replicas: int = 2) -> Iterator[Cluster]:
    """``replicas`` servers on the (seeded) database behind nginx; everything stopped after."""
    if nginx_binary() is None:
        raise RuntimeError("nginx is missing: `python3 dev.py test` installs it")
    started = start_all(replicas, secret="test-cookie-secret", database_url=database_url,
                        quiet=True)
    port = free_port()
    proxy = Proxy([r.port for r in started], listen=f"127.0.0.1:{port}",
                  prefix=Path(tempfile.mkdtemp(prefix="nest-nginx-test-")))
    try:
        proxy.start(quiet=True)
        centre = Cluster(started, proxy, port, database_url)
        for _ in range(100):  # nginx is up once it answers
            try:
                centre.get("/_stcore/health")
                break
            except OSError:
                time.sleep(0.1)
        yield centre
    finally:
        proxy.stop()
        for replica in started:
            replica.stop()
        shutil.rmtree(proxy.prefix, ignore_errors=True)
