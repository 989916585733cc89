"""A send form's draft: the keys of its widgets and the token the server stores with it.

A double click on a Send button reaches the server twice, the second time with the form as
the browser still shows it — the sent text still in the box — before the first click's
redraw arrived. A token held by the session alone cannot tell that second click from a new
message: the first click has moved it on. So each draft has its own widgets (draft 0 keeps
the plain keys, draft 1 ``….1`` and so on) and its Send button carries the draft's number
and token: the browser's stale copy of a sent draft either matches no widget any more (the
click does nothing) or sends the spent token, which the server refuses as sent already
(``academy.channels.claim``) — told, never stored twice.
"""

from __future__ import annotations

from uuid import uuid4

import streamlit as st


def of(name: str) -> tuple[int, str]:
    """(number, token) of the draft the form ``name`` shows now."""
    return st.session_state.setdefault(f"{name}.draft", (0, uuid4().hex))


def key(name: str, number: int, field: str | None = None) -> str:
    """The key of the form (``field`` None) or of one of its widgets in draft ``number``."""
    base = f"{name}.{field}" if field else name
    return base if number == 0 else f"{base}.{number}"


def sent(name: str, number: int) -> None:
    """Draft ``number`` was sent: the form starts a new, empty draft with a new token."""
    if of(name)[0] == number:
        st.session_state[f"{name}.draft"] = (number + 1, uuid4().hex)


def retry(name: str, number: int) -> None:
    """Draft ``number`` was stored but refused (an inject the engine refused): the same
    draft stays to be corrected, with a new token for its next sending."""
    if of(name)[0] == number:
        st.session_state[f"{name}.draft"] = (number, uuid4().hex)
