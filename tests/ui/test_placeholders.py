"""Every select box speaks the reader's language when nothing is chosen (user trial: the
Arabic readiness assessment's agency box read "Choose an option"). Streamlit's own
placeholders ("Choose an option", "Choose options", "No options to select") are English on
every page, so each select box and multiselect passes ``placeholder=prompt(options)``."""

from __future__ import annotations

import ast

from tests.test_i18n import ui_files


def test_every_select_box_has_a_placeholder_in_the_readers_language():
    missing = [f"{path.name}:{node.lineno}" for path in ui_files()
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr in ("selectbox", "multiselect")
               and not any(k.arg == "placeholder" for k in node.keywords)]
    assert missing == []
