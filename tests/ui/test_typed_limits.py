"""No free-text field leaves its limit to the browser (user trial): Streamlit's ``max_chars``
makes the browser ignore a paste that would pass it, whole and without a word, so free text
goes through ``ui.bounded``, which takes it and says it is too long. Only codes, PINs,
usernames and passwords keep ``max_chars``: each has a fixed form, typed key by key."""

from __future__ import annotations

import ast

from academy import live
from engine.actions import InstructorInject, Rationale
from tests.test_i18n import ui_files
from ui import action_forms

CODES_AND_SECRETS = {"verify.code", "signin.code", "signin.pin", "signin.username",
                     "signin.password", "admin.username", "admin.password", "teams.country"}


def _key(call: ast.Call) -> str:
    found = next((k.value for k in call.keywords if k.arg == "key"), None)
    return found.value if isinstance(found, ast.Constant) else ast.unparse(found or call)


def test_only_codes_and_secrets_keep_a_browser_side_limit():
    limited = {f"{path.name}:{_key(node)}" for path in ui_files()
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Call) and any(k.arg == "max_chars" for k in node.keywords)}
    assert {name.split(":", 1)[1] for name in limited} <= CODES_AND_SECRETS, sorted(limited)


def test_the_limits_told_are_the_engines_own():
    assert Rationale.__metadata__[0].metadata[0].max_length == action_forms.RATIONALE_MAX
    message = InstructorInject.model_fields["message"].metadata[0]
    assert message.max_length == live.MAX_INJECT

