"""CSV exports cannot smuggle a formula into a spreadsheet (OWASP CSV injection)."""

from __future__ import annotations

import ast
import csv
import io
import tomllib
from pathlib import Path

import pytest

from academy import debriefs, hotwash
from academy.assessments import RoundScores
from academy.guidance import load_framework, load_guide
from academy.readiness_report import to_csv
from academy.spreadsheet import cell, csv_text
from engine.exercise import Exercise
from engine.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
WILDLIFE = ROOT / "scenarios" / "wildlife-ivory-corridor.yaml"
ATTACK = '=HYPERLINK("http://x","click")'


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("value", [ATTACK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                                   "\t=1+1", "\r=1+1", "-A1"])
def test_a_cell_that_could_start_a_formula_is_quoted_as_text(value):
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", [-3, 2.5, 0, True, None, "-3", "+1.5", "-0.25", "2e-3",
                                   "Amina", "a=b", "", "'=already"])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert cell(value) == value


def test_csv_text_neutralises_every_cell_including_the_header():
    rows = cells(csv_text([ATTACK, "n"], [[ATTACK, -3], ["ok", "-4.5"]]))
    assert rows == [["'" + ATTACK, "n"], ["'" + ATTACK, "-3"], ["ok", "-4.5"]]


def finished_debrief():
    scenario = load_scenario(WILDLIFE)
    live = Exercise(scenario, 1)
    live.apply({"kind": "request_intel", "source": "customs-data", "target": "C01",
                "rationale": ATTACK})
    while not live.finished:
        live.apply({"kind": "advance", "days": 7})
    return scenario, live.debrief()


def test_debrief_decisions_export_neutralises_a_trainee_rationale():
    scenario, debrief = finished_debrief()
    rows = list(csv.DictReader(io.StringIO(debriefs.decisions_csv(debrief, scenario))))
    assert rows[0]["rationale"] == "'" + ATTACK


def test_debrief_shipments_export_neutralises_an_author_label():
    scenario, debrief = finished_debrief()
    concealment = next(s.concealment for s in debrief.shipments if s.concealment)
    hostile = scenario.model_copy(update={"concealments": [
        c.model_copy(update={"label": {"en": ATTACK}}) for c in scenario.concealments]})
    rows = list(csv.DictReader(io.StringIO(debriefs.shipments_csv(debrief, hostile))))
    names = {r["concealment_name"] for r in rows if r["concealment"] == concealment}
    assert names == {"'" + ATTACK}


def test_cohort_results_export_neutralises_a_trainee_name_and_team():
    scenario, debrief = finished_debrief()
    found = [hotwash.Result(exercise_id=1, user_id=1, name=ATTACK, team="@team", finished=True,
                            debrief=debrief)]
    rows = list(csv.DictReader(io.StringIO(hotwash.results_csv(found, scenario))))
    assert rows[0]["trainee"] == "'" + ATTACK and rows[0]["team"] == "'@team"
    # still a number, written with one decimal: up to half a tenth away (15.75 -> 15.8)
    assert float(rows[0]["score"]) == pytest.approx(debrief.score, abs=0.05 + 1e-9)


def test_readiness_export_neutralises_a_team_note_and_keeps_scores_numbers():
    framework = load_framework(guide=load_guide())
    first = next(iter(framework.indicators))
    scores = RoundScores(scores={first: 2.0}, agreed=frozenset({first}), notes={first: ATTACK})
    rows = list(csv.DictReader(io.StringIO(to_csv(framework, scores, "en"))))
    row = next(r for r in rows if r["indicator_id"] == first)
    assert row["note"] == "'" + ATTACK and row["score"] == "2.0"


def _sources() -> list[Path]:
    return [p for folder in ("academy", "ui", "pages", "engine") for p in (ROOT / folder).rglob("*.py")
            if "migrations" not in p.parts] + [ROOT / "app.py"]


def test_no_export_writes_csv_without_the_shared_neutraliser():
    """Only academy/spreadsheet.py may write CSV: csv.writer, csv.DictWriter and pandas'
    to_csv anywhere else would bypass ``cell``."""
    offenders = []
    for path in _sources():
        if path == ROOT / "academy" / "spreadsheet.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter", "to_csv") \
                    and not (isinstance(node.value, ast.Name)  # exports built on the neutraliser
                             and node.value.id in ("readiness_report", "improvement_report")):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module == "csv":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: from csv import")
    assert offenders == []


def test_every_csv_download_comes_from_an_export_that_uses_the_neutraliser():
    """Each ``text/csv`` download button's data is one of the exports tested above."""
    exports = {"results_csv", "shipments_csv", "decisions_csv", "to_csv"}
    found = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "download_button":
                text = ast.unparse(node)
                if "csv" in text.lower():
                    called = {n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id
                              for n in ast.walk(node) if isinstance(n, ast.Call)
                              and isinstance(n.func, ast.Attribute | ast.Name)}
                    assert called & exports, f"{path.relative_to(ROOT)}:{node.lineno}"
                    found |= called & exports
    assert found == exports


def test_streamlit_tables_offer_no_csv_download_of_their_own():
    """st.dataframe's toolbar writes CSV in the browser without neutralising formulas;
    the app's own exports (above) replace it."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
