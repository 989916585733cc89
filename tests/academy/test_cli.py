"""`python -m academy`: the first admin and the demo from the command line."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlmodel import Session, select

from academy.db import make_engine
from academy.models import User


def run(db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url}
    return subprocess.run([sys.executable, "-m", "academy", *args], input=stdin, text=True,
                          capture_output=True, env=env, check=False)


def test_create_admin_then_refuse_a_duplicate(db_url):
    made = run(db_url, "create-admin", "--username", "chief", "--password-stdin", stdin="s3cret-pass\n")
    assert made.returncode == 0, made.stderr
    again = run(db_url, "create-admin", "--username", "chief", "--password-stdin", stdin="s3cret-pass\n")
    assert again.returncode == 1
    assert "username_taken" in again.stderr
    assert "Traceback" not in again.stderr
    with Session(make_engine(db_url)) as s:
        assert s.exec(select(User).where(User.username == "chief")).one().role == "admin"


def test_seed_demo_only_once(db_url):
    assert "demo data created" in run(db_url, "seed-demo").stdout
    assert "not created" in run(db_url, "seed-demo").stdout
