"""Panels of the regional view: opted-in countries side by side, and one country in detail."""

from __future__ import annotations

import streamlit as st

from academy.guidance import Framework
from academy.regional import CountryRow
from ui.figures import figure
from ui.i18n import country, num, t
from ui.readiness_charts import maturity_heatmap, radar
from ui.readiness_view import cell
from ui.text import plain


def _label(row: CountryRow) -> str:
    return f"{country(row.country)} · {row.name}"


def overview(rows: list[CountryRow], fw: Framework, lang: str) -> None:
    """A heat map of maturity by dimension, then the table with the open corrective actions."""
    labels = [d.title.get(lang) for d in fw.dimensions]
    scored = [r for r in rows if r.summary is not None]
    if scored:
        figure(maturity_heatmap(
            [{"country": _label(r), "dimension": label, "score": d.average}
             for r in scored for label, d in zip(labels, r.summary.dimensions, strict=True)
             if d.average is not None],
            x_title=t("report.dimension"), y_title=t("regional.country"),
            colour_title=t("report.score")), title=t("regional.title"))  # the table below
    st.dataframe([{
        t("regional.country"): _label(r),
        t("regional.round"): r.round_title or "—",
        t("results.overall"): cell(r.summary.overall if r.summary else None),
        t("results.maturity"): r.summary.maturity.label.get(lang)
        if r.summary and r.summary.maturity else "—",
        **{label: cell(d.average) for label, d in zip(
            labels, r.summary.dimensions if r.summary else (), strict=False)},
        t("regional.open_actions"): r.open_actions} for r in rows],
        hide_index=True, width="stretch")


def detail(row: CountryRow, rows: list[CountryRow], fw: Framework, lang: str) -> None:
    """One country's radar beside the regional average of the countries that share."""
    if row.summary is None:
        st.info(t("regional.no_round", country=plain(_label(row))))
        return
    labels = [d.title.get(lang) for d in fw.dimensions]
    scored = [r.summary for r in rows if r.summary is not None]
    average = []
    for n in range(len(labels)):
        values = [s.dimensions[n].average for s in scored if s.dimensions[n].average is not None]
        average.append(round(sum(values) / len(values), 2) if values else None)
    left, right = st.columns([3, 2])
    with left:
        figure(radar(labels, {_label(row): [d.average for d in row.summary.dimensions],
                              t("regional.average"): average}, size=420),
               title=t("regional.detail"), width="content",
               tables=[[{t("report.dimension"): label, _label(row): cell(d.average),
                         t("regional.average"): cell(a)}
                        for label, d, a in zip(labels, row.summary.dimensions, average,
                                               strict=True)]])
    right.metric(t("results.overall"), f"{num(row.summary.overall or 0, '.2f')} / 3")
    right.metric(t("regional.open_actions"), row.open_actions)
