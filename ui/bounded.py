"""Text a person types, with a length limit they are told about instead of losing their words.

Streamlit's own ``max_chars`` is enforced by the browser in a way nobody sees: a change
that would make the text longer than the limit is ignored whole, so a 2,000-character
paste into a 1,000-character box leaves the box as it was (empty) and the page then says
"write a message" — or sends the action without its rationale. These fields take any
length, say under themselves how long the text is against its limit when it is too long,
and the page refuses to send it (``fits``), so the text stays in the box to be shortened.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.i18n import num, t


def too_long(text: str | None, limit: int) -> bool:
    return len(text or "") > limit


def fits(*pairs: tuple[str | None, int]) -> bool:
    """Every (text, limit) within its limit."""
    return not any(too_long(text, limit) for text, limit in pairs)


def limit_error(text: str | None, limit: int) -> str:
    """What to tell the writer of a text over its limit."""
    return t("field.too_long", limit=num(limit, ",.0f"), n=num(len(text or ""), ",.0f"))


def text_area(label: str, *, key: str, limit: int, where: Any = None, **options: Any) -> str:
    """``st.text_area`` without a browser-side limit; an error under it while it is too long."""
    return _bounded("text_area", label, key, limit, where, options)


def text_input(label: str, *, key: str, limit: int, where: Any = None, **options: Any) -> str:
    """``st.text_input`` without a browser-side limit; an error under it while it is too long."""
    return _bounded("text_input", label, key, limit, where, options)


def empty_next(*keys: str) -> None:
    """Empty these fields when they are next drawn (a form that sent its text; a form
    that clears itself on submit would also empty a text refused as too long)."""
    for key in keys:
        st.session_state[f"{key}.empty"] = True


RESET = "bounded.reset"


def reset_next(**values: Any) -> None:
    """Set these widgets (by key) to these values on the next run, before they are drawn:
    the other fields of a form that no longer clears itself on submit."""
    st.session_state[RESET] = {**st.session_state.get(RESET, {}), **values}


def apply_resets() -> None:
    """Call before drawing the form whose widgets ``reset_next`` named."""
    for key, value in st.session_state.pop(RESET, {}).items():
        st.session_state[key] = value


def _bounded(kind: str, label: str, key: str, limit: int, where: Any,
             options: dict[str, Any]) -> str:
    place = where if where is not None else st
    if st.session_state.pop(f"{key}.empty", False):
        st.session_state[key] = ""
    text = getattr(place, kind)(label, key=key, **options) or ""
    if too_long(text, limit):
        place.error(limit_error(text, limit), icon=":material/error:")
    return text
