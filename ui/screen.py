"""The page on a phone: less empty space above the title, titles that fit the width.

Streamlit stacks columns under 640 px and folds the sidebar away by itself; what is left
is its desktop spacing: 6rem of blank space above the content and a 2.75rem title that
takes a third of a phone's screen for a scenario's name.
"""

from __future__ import annotations

import streamlit as st

PHONE_CSS = (
    "<style>"
    "@media (max-width: 640px) {"
    " [data-testid='stMainBlockContainer'] {padding-top: 3.5rem;}"
    " [data-testid='stHeading'] h1 {font-size: 2rem;}"
    "}"
    "</style>"
)


def fit_small_screens() -> None:
    """Once per run, from app.py."""
    st.html(PHONE_CSS)
