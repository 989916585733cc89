"""The shared report builder writes real PDFs, in Latin and Arabic script."""

from __future__ import annotations

import re

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
        return starts(Report("تقرير", rtl=rtl).heading("النتائج").paragraph("مرحبًا")
                      .table(["الوحدة", "النتيجة"], [["أ", "83"]]).render())

    mirrored, plain = build(True), build(False)
    half = 595 / 2  # A4 width in points
    assert mirrored["النتائج"] > half and mirrored["مرحبًا"] > half and plain["مرحبًا"] < half / 2
    assert mirrored["الوحدة"] > mirrored["النتيجة"]  # the first column on the right
    assert plain["الوحدة"] < plain["النتيجة"]
