"""Tables whose column headers are read whole.

``st.dataframe`` sizes each column to its cells, so a short value under a long header
("Last activity" over "12:04:31 UTC" shrunk by its neighbours, "Times" beside a long
reason) cuts the header to "Last a…". Each column is given at least the width its header
needs; long cells still wrap into the tooltip as before.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

CHAR_PX = 8  # a header character at the dataframe's font size, with room for wide letters
PADDING_PX = 36  # cell padding plus the sort arrow


def header_widths(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``column_config`` giving every column of ``rows`` room for its whole header."""
    headers = list(rows[0]) if rows else []
    return {h: st.column_config.Column(width=len(str(h)) * CHAR_PX + PADDING_PX)
            for h in headers}


def table(rows: list[dict[str, Any]], where: Any = st, **options: Any) -> None:
    """``st.dataframe`` of rows with whole headers (``where``: a column or container)."""
    where.dataframe(rows, hide_index=True, width="stretch",
                    column_config=header_widths(rows), **options)
