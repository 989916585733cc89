"""Templates the team downloads to fill in — terms of reference, an MoU — also as PDF.

The templates are Markdown files; this turns their blocks (headings, paragraphs, lists,
tables, quotes) into the shared ``Report`` builder's blocks. Emphasis markers are dropped:
the PDF is a clean starting draft, and the Markdown file stays the editable original.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from academy import catalogs
from academy.pdf import Report


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def markdown_report(text: str, lang: str = "en") -> Report:
    """A ``Report`` whose title is the first heading and whose blocks follow the Markdown,
    laid out for a reader of ``lang`` (right to left in Arabic) with the footer in ``lang``."""
    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(text)
    report: Report | None = None
    bullets: list[str] = []
    starts: list[int | None] = []  # per open list: the first number of an ordered one
    table: list[list[str]] = []
    row: list[str] = []
    depth = {"list": 0, "table": 0}
    pending: list[tuple[str, object]] = []
    for index, token in enumerate(tokens):
        if token.type == "inline":
            content = _inline_text(token)
            parent = tokens[index - 1].type
            if parent == "heading_open":
                if report is None:
                    report = Report(title=content, footer=catalogs.footer(lang), lang=lang)
                else:
                    pending.append(("heading", content))
            elif depth["table"]:
                row.append(content)
            elif depth["list"]:
                bullets.append(content)
            else:
                pending.append(("paragraph", content))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            depth["list"] += 1
            ordered = token.type == "ordered_list_open"
            starts.append(int(str(token.attrs.get("start", 1))) if ordered else None)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth["list"] -= 1
            start = starts.pop()
            if not depth["list"] and bullets:
                pending.append(("bullets", (bullets, start)))
                bullets = []
        elif token.type == "table_open":
            depth["table"] += 1
        elif token.type == "tr_close":
            table.append(row)
            row = []
        elif token.type == "table_close":
            depth["table"] -= 1
            if table:
                pending.append(("table", (table[0], table[1:])))
            table = []
    report = report or Report(title="", footer=catalogs.footer(lang), lang=lang)
    for kind, value in pending:
        if kind == "table":
            header, rows = value  # type: ignore[misc]
            report.table(header, rows)
        elif kind == "bullets":
            items, start = value  # type: ignore[misc]
            report.bullets(items, numbered_from=start)  # numbered clauses keep their numbers
        else:
            getattr(report, kind)(value)
    return report
