"""The curriculum as pages see it: the cached catalogue, module reading and charts.

The catalogue is loaded from files once per server (``st.cache_data``: it is content, the
same for everyone). A module's reading is HTML that markdown-it produced with raw HTML
off, so every character of the module's own text is escaped; it is laid out in the
direction of its own language (an Arabic module right to left, an English one shown on an
Arabic page left to right).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from academy.curriculum import Catalogue, LearningPath, PublicModule, Section, load_catalogue
from ui.i18n import RTL, current_language

SELECTED = "module.id"  # the module the trainee has open (shared by the curriculum pages)

# Logical sides (inline-start) put a note's bar where its language starts reading. In an
# Arabic module every paragraph, list item and cell runs right to left even when it opens
# with a Latin acronym (the Arabic page's rule lets such text pick its own direction), and
# lists are indented from the right (Streamlit indents them from the left).
_STYLE = """<style>
.nest-module table {border-collapse: collapse; margin: 0.5rem 0 1rem;}
.nest-module th, .nest-module td {border: 1px solid #ccd; padding: 0.3rem 0.6rem; vertical-align: top;}
.nest-module th {background: #eef2f0;}
.nest-module .admonition {border-inline-start: 4px solid #2e7d5b; background: #f1f7f4;
  padding: 0.4rem 0.9rem; margin: 0.8rem 0; border-radius: 4px;}
.nest-module .admonition.warning {border-inline-start-color: #c77700; background: #fff6e8;}
.nest-module th {text-align: start;}
.nest-module[dir="rtl"] :is(p, li, td, th, h2, h3) {unicode-bidi: isolate;}
.nest-module[dir="rtl"] :is(ul, ol) {padding-left: 0; padding-right: 1.6em;}
.nest-module .admonition-title {font-weight: 600; margin-bottom: 0.2rem;}
.nest-module .footnotes {font-size: 0.85rem; color: #555;}
.nest-module .footnotes-sep {margin-top: 1.5rem;}
</style>"""


@st.cache_data(show_spinner=False)
def catalogue() -> Catalogue:
    return load_catalogue()


def module_ids() -> list[str]:
    return catalogue().ids()


def view(module_id: str) -> tuple[PublicModule, bool]:
    """The module without its answer key, in the user's language (True: fell back)."""
    return catalogue().public(module_id, current_language())


def next_module(module_id: str, done: set[str]) -> str | None:
    """The first module after this one in the catalogue that the trainee has not completed."""
    ids = module_ids()
    later = ids[ids.index(module_id) + 1:] + ids[:ids.index(module_id)]
    return next((m for m in later if m not in done), None)


def choose(module_id: str) -> None:
    """Open ``module_id`` on the module page (a callback: before the page is drawn)."""
    st.session_state[SELECTED] = module_id
    st.query_params["module"] = module_id


def title_of(module_id: str) -> str:
    try:
        return view(module_id)[0].title
    except KeyError:
        return module_id


def path_title(path: LearningPath) -> str:
    return path.title_in(current_language())


def path_description(path: LearningPath) -> str:
    return path.description_in(current_language())


def show_section(section: Section, lang: str) -> None:
    """One section of reading; its HTML was escaped by markdown-it (raw HTML off)."""
    direction = "rtl" if lang in RTL else "ltr"
    st.html(f'{_STYLE}<div class="nest-module" lang="{lang}" dir="{direction}">{section.html}</div>')


def bar_chart(labels: list[str], values: list[float], *, x_title: str, y_title: str,
              percent: bool = False) -> alt.Chart:
    """A horizontal bar chart, longest bars first (fixed field names; titles translated)."""
    frame = pd.DataFrame({"label": labels, "value": values})
    axis = alt.Axis(format="%") if percent else alt.Axis(tickMinStep=1)
    return (
        alt.Chart(frame)
        .mark_bar(color="#2e7d5b")
        .encode(
            x=alt.X("value:Q", title=x_title, axis=axis,
                    scale=alt.Scale(domain=[0, 1]) if percent else alt.Undefined),
            y=alt.Y("label:N", title=y_title, sort="-x"),
            tooltip=[alt.Tooltip("label:N", title=y_title),
                     alt.Tooltip("value:Q", title=x_title, format=".0%" if percent else "d")],
        )
        .properties(height=alt.Step(24))
    )

