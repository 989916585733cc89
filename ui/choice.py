"""A select box whose lines are in the reader's language, kept across a language switch.

A keyed ``st.selectbox`` keeps showing its chosen line as it was first drawn: after the
reader switches language, "Operation 1 · started …" stayed English under a French page.
Here the widget's key carries the language (a new widget per language, drawn in it) and
the choice itself is kept under ``key``, so switching language keeps what was chosen and
a page may still set ``st.session_state[key]`` to choose for the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

import streamlit as st

from ui.i18n import current_language, t


def choice(label: str, options: Sequence[Any], *, key: str,
           format_func: Callable[[Any], str]) -> Any:
    """``st.selectbox`` of ``options`` named by ``format_func``; the chosen option."""
    widget = f"{key}.{current_language()}"
    if st.session_state.get(key) in options:
        st.session_state[widget] = st.session_state[key]
    picked = st.selectbox(label, options, key=widget, format_func=format_func,
                          on_change=lambda: st.session_state.update({key: st.session_state[widget]}),
                          placeholder=prompt(options))
    st.session_state[key] = picked
    return picked


def prompt(options: Collection[Any]) -> str:
    """What an empty select box says, in the reader's language (Streamlit's own "Choose
    options" / "No options to select" are English on every page)."""
    return t("actions.choose") if options else t("actions.none_to_choose")
