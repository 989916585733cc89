"""Numbers in tables are written the reader's way, like every other number on the page.
User trial (Spanish live dashboard): Día "90,0 / 90" but Puntuación "16.6" in one row —
the score went to the table as a float, which Streamlit draws with a decimal point."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def dashboard_row_page() -> None:  # runs inside AppTest: it imports what it uses
    import streamlit as st

    from academy.live import Row, by_team
    from ui.dashboard import _line, _team_line
    from ui.i18n import set_language
    from ui.training import show_plan

    set_language("es")
    rows = [Row(user_id=1, name="Ana", team="Kenya", exercise_id=7, scenario="S", day=90.0,
                duration=90.0, score=16.62, actions=3),
            Row(user_id=2, name="Ben", team="Kenya", exercise_id=8, scenario="S", day=7.0,
                duration=90.0, score=1.2, actions=1)]
    st.dataframe([_line(rows[0])], key="row")
    st.dataframe([_team_line(line) for line in by_team(rows)], key="team")

    from academy.guidance import load_framework
    from academy.training_plan import TrainingPlan

    show_plan(TrainingPlan(weakest=(("governance.1", 1.5),), modules=(), scenarios=(), band=0),
              load_framework(), "es")


def test_the_dashboards_score_is_written_the_spanish_way():
    at = AppTest.from_function(dashboard_row_page, default_timeout=30).run()
    row = at.dataframe[0].value.iloc[0].to_dict()
    assert row["Día"] == "90,0 / 90"
    assert row["Puntuación"] == "16,6", row
    team = at.dataframe[1].value.iloc[0].to_dict()  # "one line per team" (a second trial)
    assert team["Día medio"] == "48,5" and team["Puntuación media"] == "8,9", team
    plan = at.dataframe[2].value.iloc[0].to_dict()
    assert "1,5 / 3" in plan.values(), plan


# A value in a table row built with Python's own formatting: round() (drawn by Streamlit with
# a decimal point) or an f-string spec such as {score:.1f}. ui.i18n.num writes it instead.
PYTHON_FORMATTED = re.compile(r"""t\(["'][\w.]+["']\): (?:round\(|f["'][^"']*\{[^}]*:[,.]?\d*[fg%]\})""")


def test_no_table_cell_is_formatted_by_python():
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for folder in ("ui", "pages") for path in sorted((ROOT / folder).glob("*.py"))
             for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
             if PYTHON_FORMATTED.search(line)]
    assert found == []
