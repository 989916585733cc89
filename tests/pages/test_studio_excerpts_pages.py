"""Trial: the studio named every problem `scenario.yaml:97: …` even for an uploaded
`shark-fin-gulf.yaml`, and a text box has no line numbers, so line 178 was hard to find.
Problems name the uploaded file, and the lines around each problem are shown numbered."""

from __future__ import annotations

import pytest

from academy import studio
from tests.pages.helpers import as_instructor

TEXT = "id: x\nversion: 1\n\tunit: kg\nduration_days: 3\n"


def test_problems_and_excerpts_name_the_file_and_number_the_lines():
    [(said, line)] = studio.found(TEXT, "shark-fin-gulf.yaml")
    assert said.startswith("shark-fin-gulf.yaml:3: ") and line == 3
    assert studio.excerpt(TEXT, 3) == ("  2 | version: 1\n"
                                       "> 3 | \tunit: kg\n"
                                       "  4 | duration_days: 3")
    assert studio.excerpt("a: 1\n", 1) == "> 1 | a: 1"
    many = "\n".join(f"line {n}" for n in range(1, 40))
    shown = studio.excerpts(many, [30, 3, 3, 12, 20, 25, 0])  # one per line, the first few
    assert len(shown) == studio.MAX_EXCERPTS and shown[0].startswith("  2 | line 2")


@pytest.mark.usefixtures("app_db")
def test_the_studio_shows_the_lines_around_each_problem_under_the_uploaded_files_name():
    at = as_instructor()
    at.switch_page("pages/studio.py").run()
    at.session_state["studio.filename"] = "shark-fin-gulf.yaml"  # as an upload leaves it
    at.text_area(key="studio.text").input(TEXT).run()
    assert not at.exception
    assert at.code[0].value.startswith("shark-fin-gulf.yaml:3: (file): a tab on this line")
    assert at.code[1].value == "  2 | version: 1\n> 3 | \tunit: kg\n  4 | duration_days: 3"
    assert at.button(key="studio.save").disabled
