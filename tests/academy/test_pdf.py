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
