"""A roster with blank rows and a repeated name imports the rest once the instructor
confirms what is skipped (AppTest from app.py)."""

from __future__ import annotations

import pytest

from tests.pages.helpers import as_instructor, texts

pytestmark = pytest.mark.usefixtures("app_db")


def test_blank_rows_pass_and_a_repeated_name_is_shown_skipped_then_the_rest_imports():
    at = as_instructor().switch_page("pages/workshop.py").run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("ws.roster.file"))
    uploader.upload("roster.csv", "nom;équipe\n\nAlice;Rouge\n;;\nBob;Bleu\nalice;Vert\n\n"
                    .encode(), "text/csv")
    at.run()
    assert not at.exception
    assert not at.error  # a blank row is no problem
    skipped = [w.value for w in at.warning if w.value.startswith("Lines skipped")]
    assert skipped == ["Lines skipped, not imported: 1.  \nLine 6: This name is already on line 3."]
    button = at.button(key="ws.roster.import")
    assert not button.disabled
    assert button.label == "Import the names (2), skip the repeated lines (1)"
    button.click().run()
    assert [s.value for s in at.success] == ["Names added to the workshop roster: 2."]
    assert "Alice (Rouge)" in texts(at) and "Bob (Bleu)" in texts(at)
    assert "Vert" not in texts(at)
