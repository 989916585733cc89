"""A stand-in for a training centre's LMS, on 127.0.0.1, for the LMS package journeys.

One small HTTP server serves an unzipped package under ``/pkg/`` and plays the LMS's side:

- SCORM 1.2: ``lms.html`` is the LMS frame. It makes ``window.API`` a real SCORM 1.2
  run-time (scorm-again, vendored in ``vendor/``) whose commits POST to ``/commit``, and
  opens the SCO in an iframe, as Moodle's player does.
- cmi5: a tiny learning record store. ``/fetch`` hands out the auth token once,
  ``/xapi/activities/state`` answers LMS.LaunchData, ``/xapi/statements`` collects what
  the AU sends, with the headers it sent them with.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

VENDOR = Path(__file__).resolve().parent / "vendor" / "scorm-again"
TOKEN = "bmVzdC10ZXN0OnNlY3JldA=="

LMS_FRAME = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm12.min.js"></script></head>
<body>
<script>
  window.API = new Scorm12API({lmsCommitUrl: "/commit", autocommit: false, logLevel: 5});
  window.API.loadFromJSON({core: {student_id: "t-17", student_name: "Diallo, Amina"}});
</script>
<iframe id="sco" title="SCO" style="width:100%;height:850px"></iframe>
<script>
  document.getElementById("sco").src = "/pkg/" + new URLSearchParams(location.search).get("sco");
</script>
</body></html>
"""


@dataclass
class Lms:
    root: Path
    url: str = ""
    commits: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    statement_headers: list[dict[str, str]] = field(default_factory=list)
    fetches: int = 0
    launch_data: dict[str, Any] = field(default_factory=dict)
    state_queries: list[dict[str, list[str]]] = field(default_factory=list)

    def wait_for(self, condition: Callable[[], bool], patience: float = 20.0) -> None:
        """Until what the browser sends has arrived (its requests are asynchronous)."""
        deadline = time.monotonic() + patience
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("the LMS never received what the page should send")
            time.sleep(0.05)


class _Handler(SimpleHTTPRequestHandler):
    lms: Lms

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _json(self, body: object, status: int = 200) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else None

    def _authorised(self) -> bool:
        return (self.headers.get("Authorization") == f"Basic {TOKEN}"
                and self.headers.get("X-Experience-API-Version", "").startswith("1.0"))

    def do_GET(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        if url.path == "/xapi/activities/state":
            if not self._authorised():
                return self._json({"error": "unauthorised"}, 401)
            self.lms.state_queries.append(parse_qs(url.query))
            return self._json(self.lms.launch_data)
        return super().do_GET()

    def do_POST(self) -> None:  # noqa: N802
        path = urlparse(self.path).path
        if path == "/commit":
            self.lms.commits.append(self._body())
            return self._json({"result": True, "errorCode": 0})
        if path == "/fetch":
            self.lms.fetches += 1
            if self.lms.fetches > 1:  # cmi5: the fetch URL answers once
                return self._json({"error-code": "1", "error-text": "already fetched"})
            return self._json({"auth-token": TOKEN})
        if path == "/xapi/statements":
            if not self._authorised():
                return self._json({"error": "unauthorised"}, 401)
            statement = self._body()
            self.lms.statements.append(statement)
            self.lms.statement_headers.append(dict(self.headers))
            return self._json([statement["id"]])
        return self._json({"error": "not found"}, 404)


@contextmanager
def serve(root: Path) -> Iterator[Lms]:
    """Serve ``root`` (an unzipped package lies in ``root/pkg``) with the LMS's endpoints."""
    (root / "lms.html").write_text(LMS_FRAME, encoding="utf-8")
    (root / "scorm12.min.js").write_bytes((VENDOR / "scorm12.min.js").read_bytes())
    (root / "returned.html").write_text("<!DOCTYPE html><title>Back in the LMS</title>"
                                        "<p id='back'>Back in the LMS</p>", encoding="utf-8")
    lms = Lms(root=root)
    handler = type("Handler", (_Handler,), {"lms": lms})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    lms.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield lms
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
