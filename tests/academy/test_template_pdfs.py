"""The guide's templates download as PDFs that read in the team's language: every heading
and the footer in that language, and in Arabic laid out right to left. Read back with pypdf."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from academy import catalogs
from academy.guidance import CONTENT_LANGUAGES, TEMPLATE_IDS, template_text
from academy.templates_pdf import markdown_report

# a word is a run of letters of one script: Arabic and Latin runs meet without a space
# where a right-to-left line is read back, e.g. "خيالية" + "NEST"
WORD = re.compile(r"[\u0600-\u06FF]+|[^\W\d_\u0600-\u06FF]+")


def words(text: str) -> set[str]:
    return set(WORD.findall(text))


def first_x(pdf: bytes, word: str) -> float:
    found: list[float] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if word in text:
            found.append(tm[4])

    pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found[0]


@pytest.mark.parametrize(("template", "lang"), [  # every Arabic one; one in each other language
    *((template, "ar") for template in TEMPLATE_IDS),
    *(("seminar-agenda", lang) for lang in CONTENT_LANGUAGES if lang != "ar")])
def test_a_template_pdf_reads_in_the_teams_language(template, lang):
    markdown = template_text(template, lang)
    pdf = markdown_report(markdown, lang).render()
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    headings = " ".join(line.lstrip("#") for line in markdown.splitlines() if line.startswith("#"))
    assert words(headings) - words(text) == set()
    assert words(catalogs.footer(lang)) <= words(text)


def test_an_arabic_template_starts_at_the_right_margin():
    arabic = markdown_report(template_text("seminar-agenda", "ar"), "ar").render()
    english = markdown_report(template_text("seminar-agenda", "en"), "en").render()
    assert first_x(arabic, "الأهداف") > 595 / 2  # "1. الأهداف" (Objectives), right-aligned
    assert first_x(english, "Objectives") < 100


def test_numbered_clauses_keep_their_numbers():
    pdf = markdown_report(template_text("memorandum-of-understanding", "en"), "en").render()
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())
    assert "1. designate a senior representative" in text
    assert "5. attend NEST meetings" in text
    assert "• [Name of agency 1]" not in text and "1. [Name of agency 1]" in text
