"""The document around every page: its language and direction, and the few styles that
make Streamlit's defaults readable by everyone.

Streamlit's page says ``<html lang="en">`` whatever the words, so a screen reader would read
Arabic or French with an English voice (WCAG 3.1.1); and its captions are grey text at 60 %
opacity, 3.7:1 on white, under the 4.5:1 that small text needs (WCAG 1.4.3, axe-core's
``color-contrast``).
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import RTL, current_language

# Captions (st.caption) in the theme's text colour at 80 % opacity: 6.7:1 on white,
# 6.2:1 on the sidebar's grey (Streamlit's 60 %: 3.7:1 and 3.5:1).
STYLE = ("<style>.st-key-nest-document {display: none;}"
         "[data-testid='stCaptionContainer'] {color: rgba(49, 51, 63, 0.8); opacity: 1;}</style>")


def mark() -> None:
    """Set ``<html lang dir>`` to the user's language and add the readable styles. The values
    come from :data:`ui.i18n.LANGUAGES` only; the element holding them is not displayed."""
    lang = current_language()
    direction = "rtl" if lang in RTL else "ltr"
    with st.container(key="nest-document"):
        st.html(f"{STYLE}<script>document.documentElement.lang = '{lang}';"
                f"document.documentElement.dir = '{direction}';</script>",
                unsafe_allow_javascript=True)
