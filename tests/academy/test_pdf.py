"""The shared report builder writes real PDFs, in Latin and Arabic script."""

from __future__ import annotations

import io
import re

import pypdf

from academy.pdf import Report


def test_report_renders_every_block_kind():
    data = (
        Report("Certificate", subtitle="Analyst path")
        .heading("Results")
        .paragraph("Amina Diallo — مرحبًا <script>alert(1)</script>")
        .bullets(["one", "two"])
        .table(["Module", "Score"], [["intelligence-cycle", 83], ["interpol-notices", 100]])
        .render()
    )
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(data) > 2000
    assert b"DejaVu" in data  # the Unicode font is embedded


def test_long_tables_flow_onto_more_pages():
    rows = [[f"row {n}", n] for n in range(200)]
    data = Report("Long").table(["Name", "N"], rows).render()
    pages = int(re.search(rb"/Count (\d+)", data).group(1))
    assert pages >= 2


def x_of(pdf: bytes) -> dict[str, float]:
    """Where each run of text starts on the first page (points from the left edge)."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            found.setdefault(text.strip(), tm[4])

    pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_an_arabic_report_reads_right_to_left():
    """Arabic lines start at the right margin and a table's first column is on the right;
    the same report in English stays left to right."""
    def build(lang: str) -> dict[str, float]:
        return x_of(Report("عنوان", lang=lang).heading("H").paragraph("ABC")
                    .bullets(["B1"]).table(["L1", "L2"], [["x1", "x2"]]).render())

    arabic, english = build("ar"), build("en")
    middle = 595 / 2  # A4 is 595 pt wide
    assert all(arabic[word] > middle for word in ("H", "ABC", "L1", "x1")), arabic
    assert arabic["L1"] > arabic["L2"] and arabic["x1"] > arabic["x2"]
    assert all(english[word] < 100 for word in ("H", "ABC", "L1", "x1")), english
    assert english["L1"] < english["L2"]


def starts(data: bytes) -> dict[str, float]:
    """Where each run of text starts on the first page (x, in points from the left)."""
    import io

    import pypdf

    found: dict[str, float] = {}

    def seen(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            found[" ".join(text.split())] = tm[4] * cm[0] + cm[4]

    pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=seen)
    return found


def test_a_right_to_left_report_starts_lines_and_tables_at_the_right():
    def build(rtl: bool) -> dict[str, float]:
        return starts(Report("تقرير", lang="ar" if rtl else "en").heading("النتائج").paragraph("مرحبًا")
                      .table(["الوحدة", "النتيجة"], [["أ", "83"]]).render())

    mirrored, plain = build(True), build(False)
    half = 595 / 2  # A4 width in points
    assert mirrored["النتائج"] > half and mirrored["مرحبًا"] > half and plain["مرحبًا"] < half / 2
    assert mirrored["الوحدة"] > mirrored["النتيجة"]  # the first column on the right
    assert plain["الوحدة"] < plain["النتيجة"]
