"""Authored Markdown, made inert: what an author writes is read, never fetched or followed.

Scenario briefings, objectives and inject bodies, curriculum modules and the NEST guide are
written in Markdown by authors — and scenarios are written in the studio by any instructor.
An author's emphasis, lists and tables are meant; an image or a link is not something a
trainee's browser should fetch or follow on the author's word. So this is the one
Markdown reader of the platform: CommonMark with tables, raw HTML escaped (``html`` off),
an image shown as its alt text, a link as its words, a bare address as text (no linkify).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token


def _nothing(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return ""  # a link's opening and closing: its words are rendered, its address is not


def _alt_text(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return escapeHtml(self.renderInlineAsText(tokens[idx].children or [], options, env))


def reader(*plugins: Callable[[MarkdownIt], None]) -> MarkdownIt:
    """CommonMark with tables and ``plugins``, raw HTML off, images and links inert."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    for plugin in plugins:
        md.use(plugin)
    md.add_render_rule("link_open", _nothing)
    md.add_render_rule("link_close", _nothing)
    md.add_render_rule("image", _alt_text)
    return md


_READER = reader()  # stateless once built: render() keeps no per-call state on it


def render(text: str) -> str:
    """Safe HTML for an author's Markdown ``text``: no image, no link, no raw HTML."""
    return _READER.render(text)
