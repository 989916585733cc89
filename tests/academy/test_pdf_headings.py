"""A heading never ends a page alone: it moves to the next page with what it heads (the
joint debrief's PDF left "The network revealed" at the foot of page 1, its table on page 2)."""

from __future__ import annotations

import io

import pypdf

from academy.pdf import Report


def pages(report: Report) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report.render())).pages]


def test_a_heading_near_the_foot_of_a_page_moves_to_the_next_with_its_table():
    for filler in range(30, 48):  # somewhere in this range the heading lands at the foot
        report = Report("Debrief")
        for n in range(filler):
            report.paragraph(f"Line {n} of the report's first part.")
        report.heading("The network revealed").table(["Member", "Country"], [["A. Person", "Kenya"]])
        texts = pages(report)
        (where,) = [i for i, text in enumerate(texts) if "The network revealed" in text]
        assert "A. Person" in texts[where], f"{filler} paragraphs: heading and table split"
