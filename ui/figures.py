"""Charts with their text alternative (WCAG 1.1.1): a chart is a picture to a screen reader,
and a map of dots says nothing to someone who cannot see it.

``figure`` draws an Altair chart named for assistive technology (Vega writes the spec's
``description`` as the chart's ``aria-label``) and, when the page has no table of the same
data already, puts that data in a table in an expander under the chart, in the reader's
language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pandas as pd
import streamlit as st

from ui.i18n import t

Table = Sequence[Mapping[str, object]]  # rows of {column title: value}


def figure(chart: Any, *, title: str, tables: Sequence[Table] = (),
           width: Literal["stretch", "content"] = "stretch") -> None:
    """Draw ``chart`` named ``title``, and its data as ``tables`` in an expander under it.
    Without tables the page must show the same data as a table or text next to the chart."""
    st.altair_chart(chart.properties(description=t("figure.described", title=title)),
                    width=width)
    if tables:
        with st.expander(t("figure.as_table", title=title), icon=":material/table_rows:"):
            for rows in tables:
                if rows:  # an HTML table, its first column the rows' headers
                    frame = pd.DataFrame(list(rows))
                    st.table(frame.set_index(frame.columns[0]))
            if not any(tables):
                st.caption(t("figure.no_data"))
