"""Printable documents: certificates, debriefs, after-action and readiness reports.

One small builder on top of fpdf2 so every report looks alike. It embeds DejaVu Sans
(shipped in ``academy/fonts``, free licence) because names and content come in Latin,
Arabic and other scripts, and turns on HarfBuzz text shaping so Arabic joins and runs
right-to-left. A report in a right-to-left language (``lang="ar"``) is laid out as an
Arabic reader expects: every paragraph takes right-to-left as its base direction (so a
line that opens with a Latin name still reads from the right), lines start at the right
margin and tables run from right to left, their first column on the right. Text is
always written as text: nothing in it is interpreted as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from academy.wording import RTL

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
KEEP_WITH_NEXT_MM = 30  # a heading and the first lines or rows of what it heads


@dataclass
class Report:
    """A document built block by block, then turned into PDF bytes with ``render()``."""

    title: str
    subtitle: str = ""
    footer: str = "NEST Academy — not affiliated with INTERPOL; all persons and companies in exercises are fictional."
    lang: str = "en"
    _blocks: list[tuple[str, object]] = field(default_factory=list)

    def heading(self, text: str) -> Report:
        self._blocks.append(("heading", text))
        return self

    def paragraph(self, text: str) -> Report:
        self._blocks.append(("paragraph", text))
        return self

    def bullets(self, items: list[str], numbered_from: int | None = None) -> Report:
        """A list; numbered from ``numbered_from`` (clauses of a template) when it is given."""
        if numbered_from is None:
            self._blocks.append(("bullets", list(items)))
        else:
            self._blocks.append(("numbered", (numbered_from, list(items))))
        return self

    def table(self, header: list[str], rows: list[list[object]]) -> Report:
        self._blocks.append(("table", (header, [[str(c) for c in row] for row in rows])))
        return self

    def image(self, png: bytes, width_mm: float = 170) -> Report:
        """A picture, e.g. an Altair chart rendered offline with vl-convert."""
        self._blocks.append(("image", (png, width_mm)))
        return self

    def render(self) -> bytes:
        pdf = _Pdf(self.footer, rtl=self.lang in RTL)
        pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        pdf.set_text_shaping(True, direction="rtl" if pdf.rtl else None)
        pdf.set_auto_page_break(auto=True, margin=18)
        pdf.add_page()
        pdf.set_font(FAMILY, "B", 18)
        pdf.multi_cell(0, 9, self.title, align=pdf.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.subtitle:
            pdf.set_font(FAMILY, "", 11)
            pdf.set_text_color(90, 90, 90)
            pdf.multi_cell(0, 6, self.subtitle, align=pdf.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
        pdf.ln(4)
        for kind, value in self._blocks:
            getattr(self, f"_draw_{kind}")(pdf, value)
        return bytes(pdf.output())

    @staticmethod
    def _draw_heading(pdf: _Pdf, text: object) -> None:
        if pdf.will_page_break(KEEP_WITH_NEXT_MM):  # never a heading alone at a page's foot
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font(FAMILY, "B", 13)
        pdf.multi_cell(0, 7, str(text), align=pdf.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)

    @staticmethod
    def _draw_paragraph(pdf: _Pdf, text: object) -> None:
        pdf.set_font(FAMILY, "", 10)
        pdf.multi_cell(0, 5.5, str(text), align=pdf.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)

    @staticmethod
    def _draw_bullets(pdf: _Pdf, items: object) -> None:
        Report._draw_list(pdf, [("•", str(item)) for item in items])  # type: ignore[attr-defined]

    @staticmethod
    def _draw_numbered(pdf: _Pdf, value: object) -> None:
        start, items = value  # type: ignore[misc]
        Report._draw_list(pdf, [(f"{n}.", str(item)) for n, item in enumerate(items, start)])

    @staticmethod
    def _draw_list(pdf: _Pdf, lines: list[tuple[str, str]]) -> None:
        pdf.set_font(FAMILY, "", 10)
        for marker, item in lines:
            # the marker leads the line in reading order: on the right in a right-to-left report
            pdf.multi_cell(0, 5.5, f"{marker}  {item}", align=pdf.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)

    @staticmethod
    def _draw_table(pdf: _Pdf, value: object) -> None:
        header, rows = value  # type: ignore[misc]
        pdf.set_font(FAMILY, "", 8.5)
        order = slice(None, None, -1 if pdf.rtl else 1)  # fpdf2 lays columns out left to right
        with pdf.table(text_align="RIGHT" if pdf.rtl else "LEFT", line_height=5) as table:
            table.row(header[order])
            for row in rows:
                table.row(row[order])
        pdf.ln(3)

    @staticmethod
    def _draw_image(pdf: _Pdf, value: object) -> None:
        from io import BytesIO

        png, width = value  # type: ignore[misc]
        pdf.image(BytesIO(png), w=width)
        pdf.ln(3)


class _Pdf(FPDF):
    def __init__(self, footer: str, rtl: bool = False) -> None:
        super().__init__(format="A4")
        self._footer_text = footer
        self.rtl = rtl
        self.align = "R" if rtl else "J"  # J: fpdf2's default, as before

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, "", 7)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"{self._footer_text}   {self.page_no()}", align="C")
        self.set_text_color(0, 0, 0)
