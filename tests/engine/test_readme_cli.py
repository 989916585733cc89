"""The README's engine examples work as written (only calibration's --runs made small)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from engine.__main__ import main, scenario_path
from engine.scenario import ScenarioError
from tests.engine.conftest import ROOT

LINES = [
    line.strip()
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    if line.strip().startswith(".venv/bin/python -m engine ")
]


def shell(line: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(line, shell=True, cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_the_readme_has_the_three_examples():
    assert [line.split()[3] for line in LINES] == ["validate", "run", "calibrate"]


def test_readme_validate_line():
    done = shell(LINES[0])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "scenario file(s) valid" in done.stdout


def test_readme_run_line():
    done = shell(LINES[1])
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["scenario"] == "wildlife-ivory-corridor" and summary["seed"] == 7
    assert summary["policy"] == "heuristic" and 0 <= summary["score"] <= 100


def test_readme_calibrate_line_with_few_runs():
    line = re.sub(r"--runs \d+", "--runs 3", LINES[2])
    assert line != LINES[2] or "--runs" not in LINES[2]
    done = shell(line)
    assert done.returncode == 0, done.stderr
    for policy in ("random", "heuristic", "oracle"):
        assert re.search(rf"^\s+{policy}\s+median", done.stdout, re.M), done.stdout


def test_a_scenario_is_named_by_id_or_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the project's scenarios/ is found from anywhere
    assert scenario_path("wildlife-ivory-corridor") == ROOT / "scenarios" / (
        "wildlife-ivory-corridor.yaml")
    assert scenario_path("elsewhere/x.yaml") == Path("elsewhere/x.yaml")  # a path, as given
    with pytest.raises(ScenarioError, match="did you mean 'wildlife-ivory-corridor'"):
        scenario_path("wildlife-ivory")


def test_an_unknown_id_is_a_message_not_a_traceback(capsys):
    assert main(["run", "fisheries-dark-flet"]) == 1
    assert "did you mean 'fisheries-dark-fleet'?" in capsys.readouterr().err
