"""Refusals shown as one clear sentence in the user's language, never a traceback."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from academy.catalogs import decision_text, engine_values
from academy.errors import AcademyError
from engine.records import DecisionRecord
from ui.i18n import current_language, t
from ui.text import plain_values


def show_error(error: AcademyError) -> None:
    st.error(t(f"error.{error.code}", **plain_values(error.params)), icon=":material/error:")


def reason(code: str, params: Mapping[str, Any] | None = None) -> str:
    """Why the engine refused an action, as a sentence (``engine.<code>`` in the catalogs),
    with the values the outcome gave (``params``: "only 1 identifier known"); the bare code
    only when no catalog knows it."""
    key = f"engine.{code}"
    values = plain_values(engine_values(params, current_language())) if params else {}
    text = t(key, **values)
    return code if text == key else text


def decision_result(accepted: bool, code: str, params: Mapping[str, Any] | None = None) -> str:
    """A decision log's result cell: a tick, or a cross and the reason in words."""
    return "✔" if accepted else f"✘ {reason(code, params)}"


def decision(d: DecisionRecord, names: dict[str, str] | None = None) -> str:
    """A decision-log line in words and names, in the user's language."""
    return decision_text(d.kind, d.params, d.summary, current_language(), names)


def show_warning(error: AcademyError) -> None:
    """A refusal the user fixes on the same screen (a question left blank): amber, not red."""
    st.warning(t(f"error.{error.code}", **plain_values(error.params)), icon=":material/warning:")
