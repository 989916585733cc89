"""A colon after a word on screen is the catalog's, not glued on in code (user trial: the
French debrief read "Flux saisi (3,2/25): …"; French puts a narrow no-break space before
":")."""

from __future__ import annotations

import ast

from academy.catalogs import say
from tests.test_i18n import ui_files
from ui import i18n


def _glued(node: ast.AST) -> bool:
    """An f-string with a colon right after a value, or ``… + ": "``."""
    if isinstance(node, ast.JoinedStr):
        parts = node.values
        return any(isinstance(a, ast.FormattedValue) and isinstance(b, ast.Constant)
                   and str(b.value).startswith((":", "):")) for a, b in zip(parts, parts[1:], strict=False))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return isinstance(node.right, ast.Constant) and str(node.right.value).startswith(":")
    return False


def test_no_colon_is_glued_to_words_in_code():
    glued = []
    for path in ui_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _glued(node) and "t(" in ast.unparse(node):  # a word from the catalogs
                glued.append(f"{path.name}:{node.lineno}")
    assert glued == []


def test_french_score_line_and_labels_keep_the_space_before_the_colon(monkeypatch):
    assert say("debrief.score_line", "fr", points="3,2", weight="25", text="part") == (
        "(3,2/25)\u202f: part")
    monkeypatch.setattr(i18n, "current_language", lambda: "fr")
    assert i18n.labelled("Refus", "motif") == "Refus\u202f: motif"
    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    assert i18n.labelled("Refused", "reason") == "Refused: reason"
