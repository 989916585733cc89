"""ui.text.plain: a person's text survives Streamlit's Markdown as text; academy.markdown:
an author's Markdown keeps its emphasis and tables but fetches and links nothing."""

from __future__ import annotations

from markdown_it import MarkdownIt

from academy.markdown import render
from ui.text import plain

IMAGE = "![x](http://evil.example/x.png)"
LINK = "[link](http://evil.example)"


def tokens(text: str) -> set[str]:
    """Every token type CommonMark (with tables and strikethrough) reads in ``text``."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    found: set[str] = set()
    for token in md.parse(text):
        found.add(token.type)
        found |= {child.type for child in token.children or []}
    return found


def test_plain_text_reads_as_one_paragraph_of_text():
    for typed in [IMAGE, LINK, "<img src=x>", "**bold** _it_ `code` ~~s~~", "# Heading",
                  "- item", "1. first", "> quote", "    indented code", "a | b\n--|--\n1 | 2",
                  "&amp; &lt;", "---", "Amina\nDiallo"]:
        read = tokens(plain(typed))
        assert read <= {"paragraph_open", "paragraph_close", "inline", "text", "hardbreak",
                        "softbreak"}, (typed, read)


def test_plain_text_shows_what_was_typed():
    md = MarkdownIt("commonmark")
    assert md.renderInline(plain(f"{IMAGE} & **x**")).replace("\u2060", "") == (
        "![x](http://evil.example/x.png) &amp; **x**")
    assert plain("The Ivory Corridor: Niassa to Hai Phong (2026)") == (
        "The Ivory Corridor: Niassa to Hai Phong (2026)")  # ordinary punctuation is left alone
    assert plain("") == ""


def test_a_bare_address_cannot_start_an_autolink():
    # GitHub-flavoured autolinks need a word start before http, www or a mail address
    for typed, start in [("see http://evil.example", "http"), ("www.evil.example", "www"),
                         ("eve@evil.example", "@")]:
        assert f"\u2060{start}" in plain(typed)


def test_authored_markdown_keeps_its_form_and_loses_images_links_and_html():
    html = render(f"**Bold** and a table\n\n|a|b|\n|-|-|\n|1|2|\n\n{IMAGE} {LINK} <img src=x> "
                  "<http://evil.example>")
    assert "<strong>Bold</strong>" in html and "<table>" in html
    assert "<img" not in html and "<a " not in html and "href" not in html
    assert "&lt;img src=x&gt;" in html  # raw HTML is shown as text
    assert "x link" in html  # an image's alt text and a link's words stay readable
