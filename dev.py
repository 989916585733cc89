#!/usr/bin/env python3
"""The README's two commands, with nothing but python3 needed beforehand.

    python3 dev.py run    set up, create the demo (first time only), serve http://localhost:8501
    python3 dev.py test   set up (Chromium and nginx included), lint, run every test
    python3 dev.py serve --replicas N
                          a training centre: N Streamlit servers on one database (DATABASE_URL)
                          behind Debian's nginx on http://localhost:8501 (docs/deployment.md)

Setting up means: a virtual environment in .venv with the project and its test extra
installed (again only when pyproject.toml changed), the engine's busiest modules compiled with
Cython when their sources changed (engine/compiled.py; Debian's gcc and python3-dev when
missing, the Python source when that fails), and Debian's chromium (browser tests) and nginx
(the replicas' proxy) when missing. Standard library only: this runs before anything is
installed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".installed"


def sh(*args: str | Path, **kw: object) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kw)  # type: ignore[arg-type]


def apt_install(*packages: str) -> None:
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    sh(*sudo, "apt-get", "update", "-q", env=env)
    sh(*sudo, "apt-get", "install", "-y", "-q", "--no-install-recommends", *packages, env=env)


def ensure_venv() -> None:
    if not PY.exists():
        try:
            sh(sys.executable, "-m", "venv", VENV)
        except subprocess.CalledProcessError:  # Debian ships venv/ensurepip separately
            shutil.rmtree(VENV, ignore_errors=True)
            apt_install("python3-venv")
            sh(sys.executable, "-m", "venv", VENV)
    pyproject = ROOT / "pyproject.toml"
    if not STAMP.exists() or STAMP.stat().st_mtime < pyproject.stat().st_mtime:
        sh(PY, "-m", "pip", "install", "-q", "--upgrade", "pip")
        sh(PY, "-m", "pip", "install", "-q", "-e", ".[test]")
        STAMP.touch()


def ensure_compiled_engine() -> None:
    """The engine's busiest modules compiled with Cython (engine/compiled.py), rebuilt when
    their sources change; without a C compiler the engine runs from its Python source."""
    include = subprocess.run([str(PY), "-c", "import sysconfig; print(sysconfig.get_paths()"
                              "['include'])"], capture_output=True, text=True).stdout.strip()
    if not shutil.which("cc") or not (Path(include) / "Python.h").exists():
        # failing that, the build says why and the engine runs from its source
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            apt_install("gcc", "libc6-dev", "python3-dev")
    sh(PY, "-m", "engine", "compile")


def ensure_chromium() -> None:
    if not Path("/usr/bin/chromium").exists():
        apt_install("chromium")


def ensure_nginx() -> None:
    if not any(Path(p).exists() for p in ("/usr/sbin/nginx", "/usr/bin/nginx")):
        apt_install("nginx")


def run() -> None:
    ensure_venv()
    ensure_compiled_engine()
    sh(PY, "-m", "academy", "seed-demo")
    port = os.environ.get("PORT", "8501")
    print(f"\nNEST Academy on http://localhost:{port} — demo accounts are listed in README.md\n")
    os.execv(PY, [str(PY), "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", port])


def test(extra: list[str]) -> None:
    ensure_venv()
    ensure_compiled_engine()
    ensure_chromium()
    ensure_nginx()  # the replica tests start two servers behind it
    sh(PY, "-m", "ruff", "check", ".")
    # Two phases: everything else on two workers, then the real-browser journeys alone, so
    # Chromium and its Streamlit servers do not compete with the other tests for two cores.
    # A browser journey that times out is retried (at most twice) and reported as rerun.
    sh(PY, "-m", "pytest", "-n", "2", "-m", "not browser", *extra)
    sh(PY, "-m", "pytest", "-m", "browser", "--reruns", "2", "-rR", *extra)


def serve(argv: list[str]) -> None:
    """N replicas behind nginx on PORT, supervised: a replica that dies is started again."""
    import argparse
    import signal
    import tempfile
    import time

    ap = argparse.ArgumentParser(prog="python3 dev.py serve")
    ap.add_argument("--replicas", type=int, default=2, help="Streamlit servers (one core each)")
    replica_count = ap.parse_args(argv).replicas
    if replica_count < 1:
        ap.error("--replicas must be at least 1")
    ensure_venv()
    ensure_compiled_engine()
    ensure_nginx()
    sh(PY, "-m", "academy", "seed-demo")  # migrate and seed once, before any replica starts
    sys.path.insert(0, str(ROOT))
    from deploy.proxy import Proxy
    from deploy.replicas import cookie_secret, healthy, start_all

    port = os.environ.get("PORT", "8501")
    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    for sig in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C, or a service manager's stop
        signal.signal(sig, interrupt)
    replicas = start_all(replica_count, secret=cookie_secret(), python=str(PY))
    proxy = Proxy([r.port for r in replicas], listen=port,
                  prefix=Path(tempfile.mkdtemp(prefix="nest-nginx-")))
    try:
        proxy.start()
        ports = ", ".join(str(r.port) for r in replicas)
        print(f"\nNEST Academy on http://localhost:{port}: {replica_count} replicas "
              f"(127.0.0.1:{ports}) behind nginx ({proxy.config}); Ctrl-C stops everything\n",
              flush=True)
        while proxy.process is not None and proxy.process.poll() is None:
            time.sleep(5)
            if proxy.process.poll() is not None:
                break
            for replica in replicas:  # nginx checks passively; this checks actively
                if not replica.alive():
                    print(f"replica {replica.port} exited: starting it again", flush=True)
                    replica.start()
                elif not healthy(replica.url):
                    print(f"replica {replica.port} fails its health check", flush=True)
        print("nginx exited", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        proxy.stop()
        for replica in replicas:
            replica.stop()
        shutil.rmtree(proxy.prefix, ignore_errors=True)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "run":
        run()
    elif command == "serve":
        serve(sys.argv[2:])
    elif command == "test":
        try:
            test(sys.argv[2:])
        except subprocess.CalledProcessError as error:
            sys.exit(error.returncode)
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
