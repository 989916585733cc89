"""The engine's busiest modules run compiled only when built from the sources on disk, and
play exactly as the Python source does (engine/compiled.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine import compiled

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the hot modules' sources, as a package folder of its own."""
    folder = tmp_path / "engine"
    folder.mkdir()
    for name in compiled.HOT:
        shutil.copy(compiled.PACKAGE / f"{name}.py", folder / f"{name}.py")
    return folder


def built(tmp_path: Path, package: Path) -> Path:
    build = tmp_path / "build"
    (build / "engine").mkdir(parents=True)
    (build / "manifest.json").write_text(
        json.dumps({"fingerprint": compiled.fingerprint(package)}))
    return build


def test_the_compiled_modules_go_first_only_while_they_match_the_sources(
        tmp_path, package, monkeypatch):
    monkeypatch.delenv(compiled.PURE, raising=False)
    build = built(tmp_path, package)
    source = [str(package)]
    assert compiled.search_path(source, build, package) == [str(build / "engine"), *source]
    monkeypatch.setenv(compiled.PURE, "1")  # asked for the source
    assert compiled.search_path(source, build, package) == source
    monkeypatch.setenv(compiled.PURE, "0")
    assert compiled.search_path(source, build, package)[0] == str(build / "engine")
    sim = package / "simulation.py"  # an edit after the build: the source runs
    sim.write_text(sim.read_text() + "\n# edited\n")
    assert compiled.search_path(source, build, package) == source


def test_no_build_or_a_broken_manifest_runs_the_source(tmp_path, package, monkeypatch):
    monkeypatch.delenv(compiled.PURE, raising=False)
    assert compiled.search_path(["src"], tmp_path / "nothing", package) == ["src"]
    build = built(tmp_path, package)
    (build / "manifest.json").write_text("{not json")
    assert compiled.search_path(["src"], build, package) == ["src"]


def _summaries(pure: bool) -> list[dict]:
    env = {**os.environ, compiled.PURE: "1" if pure else "0"}
    code = ("import json, engine.compiled as c; from engine.__main__ import run_summary;"
            "from engine.scenario import load_scenario;"
            "print(json.dumps({'compiled': c.in_use(), 'runs': ["
            "run_summary(load_scenario(f'scenarios/{s}.yaml'), seed, p)"
            " for s in ('wildlife-ivory-corridor', 'mining-gold-couriers')"
            " for seed in (1, 2) for p in ('heuristic', 'oracle')]}, default=str))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


@pytest.mark.skipif(not compiled.current(), reason="the engine is not compiled on this machine "
                    "(python3 dev.py compiles it where a C compiler is)")
def test_the_compiled_engine_plays_exactly_as_its_source():
    fast, source = _summaries(pure=False), _summaries(pure=True)
    assert fast["compiled"] and not source["compiled"]
    assert fast["runs"] == source["runs"]
