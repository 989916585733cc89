"""Every word on screen, in the user's language.

Catalogs live in ``locales/<lang>/<area>.yaml`` (one file per feature, the same files and
keys in every language); ``t(key, **values)``
looks a key up in the current user's language and falls back to English. Arabic turns the
whole page right-to-left.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from academy import wording
from academy.catalogs import (
    say,  # one reading of the catalogs, shared read-only
    scenario_countries,
)
from engine.messages import country_name

LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
RTL = {"ar"}
STATE_KEY = "i18n.lang"


def current_language() -> str:
    return st.session_state.get(STATE_KEY, "en")


def set_language(lang: str) -> None:
    st.session_state[STATE_KEY] = lang if lang in LANGUAGES else "en"


def t(key: str, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{name}`` values filled in: the
    plural form a ``count`` value asks for, numbers written the language's way, and on a
    right-to-left page every value kept in its own direction (``academy.catalogs.say``)."""
    lang = current_language()
    return say(key, lang, isolate=lang in RTL, **values)


def country(code: str) -> str:
    """A country's name in the current language (CLDR: "Kenya", « Tanzanie », "كينيا"),
    never its ISO code; the code itself where CLDR does not know it."""
    return country_name(code, current_language())


def countries_listed(countries: Iterable[Any]) -> str:
    """A scenario's countries as the current language lists them, each by its CLDR name
    ("Kenya, Tanzania and Vietnam", "كينيا وتنزانيا و…فيتنام"), as place pickers name them."""
    lang = current_language()
    return wording.listed(list(scenario_countries(countries, lang).values()), lang)


def labelled(label: str, value: object) -> str:
    """"Label: value" as the language writes it ("Refus : …" in French, with the space
    a French colon takes), never a colon glued on in code."""
    return t("decision.field", label=label, value=value)


def num(value: float, spec: str = "") -> str:
    """A number written the current language's way: ``num(479.5)`` is "479,5" in French,
    ``num(8, ".1f")`` "8,0"; ``spec`` is a Python format spec (``g``, ``.1f``, ``,.0f``)."""
    return wording.number(value, current_language(), spec)


def isolated(value: str) -> str:
    """A value (a title in English, an id) kept in its own direction on a right-to-left
    page; unchanged otherwise."""
    return wording.isolate(value) if current_language() in RTL else value


# Streamlit has no right-to-left option (streamlit/streamlit#552), so the page is mirrored
# with CSS: the app's flex row runs right to left (sidebar on the right), a collapsed
# sidebar slides out to the right, progress bars fill from the right, the sidebar's arrows
# point the other way. Text keeps its own direction where it is not Arabic.
RTL_CSS = (
    "<style>"
    "[data-testid='stApp'] {direction: rtl;}"
    "[data-testid='stMain'], [data-testid='stSidebar'] {text-align: right;}"
    "[data-testid='stSidebar'][data-collapsed='true'] {transform: none; overflow: hidden;}"
    "[data-testid='stProgressBarTrack'] {transform: scaleX(-1);}"
    "[data-testid='stSidebarCollapseButton'] [data-testid='stIconMaterial'],"
    " [data-testid='stExpandSidebarButton'] [data-testid='stIconMaterial'] {transform: scaleX(-1);}"
    "[data-testid='stElementContainer'], [data-testid='stHeading'] {text-align: right;}"
    # a paragraph in English or French inside the Arabic page keeps its own direction
    # (an English module title keeps its question mark at its end)
    "[data-testid='stText'], [data-testid='stMarkdownContainer'] p, li,"
    " [data-testid='stHeading'] :is(h1, h2, h3, h4, h5, h6) {unicode-bidi: plaintext;}"
    # charts draw their own axes and legends: flipping them cuts labels and piles
    # legend symbols on their text
    "[data-testid='stVegaLiteChart'], [data-testid='stVegaLiteChart'] *, .vega-embed,"
    " .vega-embed * {direction: ltr; text-align: left;}"
    # icons that show a way to go point the other way (signing out leaves to the left)
    ".st-key-sidebar-sign_out [data-testid='stIconMaterial'],"
    # an expander's own chevron (a chosen icon is an stExpanderIcon): closed, it points
    # the way the text reads
    " [data-testid='stExpander'] summary > span > span > [data-testid='stIconMaterial']"
    " {transform: scaleX(-1);}"
    # Streamlit's tab scroller buttons assume left to right (they would cover the first
    # tab and scroll the wrong way): the tab row scrolls by itself, by finger or keyboard
    "[data-testid='stTabsScrollLeft'], [data-testid='stTabsScrollRight'] {display: none;}"
    "[data-testid='stTabs'] [role='tablist'] {overflow-x: auto; scrollbar-width: none;}"
    "</style>"
)


def apply_direction() -> None:
    """Lay the whole page out right-to-left for Arabic (once per run, from app.py)."""
    if current_language() in RTL:
        st.html(RTL_CSS)


def arrow(way: str) -> str:
    """The icon for going ``forward`` or ``back``, pointing the way a reader of the
    current language goes (left for "next" in Arabic)."""
    if current_language() in RTL:
        way = "back" if way == "forward" else "forward"
    return f":material/arrow_{way}:"
