"""Tables that leave the app as CSV, safe to open in a spreadsheet.

A trainee chooses their own name, an author writes a scenario's labels, a country team
types its notes: any of them can start a cell with ``=``, and a spreadsheet that opens
the file would run ``=HYPERLINK("http://x", "click")`` as a formula (CSV injection). Every
CSV the app produces is written here, and every text cell goes through ``cell``, following
OWASP's CSV injection guidance: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return gets a leading single quote, which spreadsheets show as text.

Numbers stay numbers. A Python ``int`` or ``float`` is written as it is, and so is a text
that is a plain decimal number (``-3``, ``+1.5``, ``2e-3``): a spreadsheet reads those as
values, never as formulas, and a ``'`` would turn a score into text an analyst cannot
sum. Anything more than a bare number (``-3+1``, ``-A1``) is treated as a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def cell(value: object) -> object:
    """``value`` as a spreadsheet will take it literally: numbers unchanged, text that
    could start a formula prefixed with ``'``."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(TRIGGERS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document of ``header`` and ``rows`` with every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue()


def csv_records(fieldnames: Sequence[str], records: Iterable[Mapping[str, object]]) -> str:
    """A CSV document of dict records (one column per field name), cells neutralised."""
    return csv_text(fieldnames, ([record.get(f) for f in fieldnames] for record in records))
