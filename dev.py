#!/usr/bin/env python3
"""The README's two commands, with nothing but python3 needed beforehand.

    python3 dev.py run    set up, create the demo (first time only), serve http://localhost:8501
    python3 dev.py test   set up (Chromium included), lint, run every test

Setting up means: a virtual environment in .venv with the project and its test extra
installed (again only when pyproject.toml changed), and Debian's chromium for the browser
tests when it is missing. Standard library only: this runs before anything is installed.
"""

from __future__ import annotations

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


def ensure_chromium() -> None:
    if not Path("/usr/bin/chromium").exists():
        apt_install("chromium")


def run() -> None:
    ensure_venv()
    sh(PY, "-m", "academy", "seed-demo")
    port = os.environ.get("PORT", "8501")
    print(f"\nNEST Academy on http://localhost:{port} — demo accounts are listed in README.md\n")
    os.execv(PY, [str(PY), "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", port])


def test(extra: list[str]) -> None:
    ensure_venv()
    ensure_chromium()
    sh(PY, "-m", "ruff", "check", ".")
    # Two phases: everything else on two workers, then the real-browser journeys alone, so
    # Chromium and its Streamlit servers do not compete with the other tests for two cores.
    # A browser journey that times out is retried (at most twice) and reported as rerun.
    sh(PY, "-m", "pytest", "-n", "2", "-m", "not browser", *extra)
    sh(PY, "-m", "pytest", "-m", "browser", "--reruns", "2", "-rR", *extra)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "run":
        run()
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
