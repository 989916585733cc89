"""Text on screen: what a person typed, shown as typed; what an author wrote, made inert.

Streamlit reads Markdown nearly everywhere a string reaches the page: ``st.markdown``,
``st.write``, captions, alerts, headings, toasts, and the labels of expanders, tabs,
metrics, buttons, widgets and page links, radio and pills options, help tooltips and
``st.table`` cells. Only ``st.text``, ``st.code``, ``st.dataframe`` cells and selectbox or
multiselect options show a string as it is. A trainee who calls themselves
``![x](http://evil.example/x.png)`` would make every viewer's browser fetch that address.

``plain`` is for everything a person typed (names, titles, team names, hypotheses,
messages, notes, comments) when it goes into one of those elements: each character that
can open Markdown inline (`` ` * _ [ ] < > & ~ $ | \\ ``) gets CommonMark's backslash, and
so does a line's first character when it could open a block (a heading, a list, a quote);
leading spaces cannot make a code block; and a bare web or mail address cannot become a
link. With ``[`` and ``]`` escaped, ``!``, ``(`` and ``:`` open nothing (no image, link or
coloured text), so ordinary punctuation stays as it is in the element's value.
Streamlit finds GitHub-flavoured autolinks twice: while reading the Markdown (``http:``
must come in one piece: ``http\\:`` stops it) and again in the text once read, backslashes
gone (an autolink must start a word there: an invisible word joiner, U+2060, before
``http``, ``www`` and ``@`` stops it). A bare address needs both (checked in a real browser
by tests/browser/test_user_text_journey.py).

``show_authored`` is for an author's Markdown (scenario briefings, objectives, inject
bodies): ``academy.markdown`` renders it with raw HTML, images and links inert.
"""

from __future__ import annotations

import re

import streamlit as st

from academy import markdown
from ui.i18n import isolated

_INLINE = frozenset("\\`*_[]<>&~$|")  # each may open an inline construct (or an entity)
_BLOCK_START = re.compile(r"^([#>+=-]|\d+[.)])")  # a heading, quote, list or setext line
_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"https?|ftp|www|@", re.IGNORECASE)
_SCHEME = re.compile(r"(https?):", re.IGNORECASE)
_STYLE = "<style>.nest-authored p:last-child {margin-bottom: 0;}</style>"


def _line(text: str) -> str:
    body = text.lstrip(" \t")
    indent = "\u00a0" * (len(text) - len(body))  # a no-break space never opens a code block
    body = _AUTOLINK_START.sub(lambda m: _JOINER + m.group(0), body)
    body = "".join(f"\\{c}" if c in _INLINE else c for c in body)
    body = _SCHEME.sub(r"\1\\:", body)
    opening = _BLOCK_START.match(body)
    if opening:  # "-" -> "\-", "1." -> "1\.": CommonMark reads the line as a paragraph
        mark = opening.group(0)
        body = mark[:-1] + "\\" + mark[-1] + body[len(mark):]
    return indent + body


def plain(text: object) -> str:
    """``text`` as typed, for any element that reads Markdown (its line breaks kept); on a
    right-to-left page it keeps its own direction ("(regional training)" stays whole)."""
    return isolated(_escaped(text)) if text != "" else ""


def _escaped(text: object) -> str:
    return "  \n".join(_line(line) for line in str(text).splitlines())


def plain_values(values: dict[str, object]) -> dict[str, object]:
    """``values`` for ``t()`` with every string made ``plain`` (numbers stay numbers)."""
    return {k: _escaped(v) if isinstance(v, str) else v for k, v in values.items()}  # t() isolates


def authored_html(text: str) -> str:
    """An author's Markdown as inert HTML (no raw HTML, image or link)."""
    return f'{_STYLE}<div class="nest-authored">{markdown.render(text)}</div>'


def show_authored(text: str) -> None:
    """Show an author's Markdown: emphasis, lists and tables as meant, nothing fetched."""
    st.html(authored_html(text))
