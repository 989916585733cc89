"""Blocks of the readiness results page: priorities with their links, exports.

Kept out of the page so the page reads like the screen. The PDF is built once per
round, language and set of scores and kept in this tab's session state (it is the team's
data: never in a cache shared between users).
"""

from __future__ import annotations

import hashlib

import streamlit as st

from academy.assessments import RoundScores
from academy.errors import AcademyError
from academy.guidance import Framework, Guide
from academy.models import CountryTeam, ReadinessAssessment
from academy.readiness import weakest
from academy.readiness_report import to_csv, to_json, to_pdf
from academy.regional import set_opt_in
from academy.training_record import IndicatorProgress, TrainingDone, progress, training_done
from ui.curriculum import title_of
from ui.i18n import num, t
from ui.messages import show_error
from ui.readiness_charts import png, radar
from ui.session import CurrentUser
from ui.state import db

PDF_KEY = "results.pdf"
LABELS = ("overall", "maturity", "dimensions", "dimension", "score", "scored", "weakest", "steps",
          "modules", "indicators", "indicator", "status", "agreed", "provisional", "missing")


def module_titles(module_ids: list[str] | tuple[str, ...]) -> str:
    """Curriculum modules by their titles in the reader's language (ids only if unknown)."""
    return ", ".join(title_of(m) for m in module_ids)


def cell(value: float | None, digits: int = 2) -> str:
    """A table cell: the number as text (one type per column), or "—" when there is none
    yet (never "None")."""
    return "—" if value is None else f"{value:.{digits}f}"


def priorities(fw: Framework, guide: Guide, scores: RoundScores, lang: str) -> None:
    """The weakest indicators, each with its recommendation, guide steps and modules."""
    ranked = weakest(fw, scores.scores, limit=10)
    if not ranked:
        st.success(t("results.no_weak"))
    for rank, (indicator, level) in enumerate(ranked, start=1):
        with st.container(border=True):
            st.markdown(t("results.weak_item", rank=rank, title=indicator.title.get(lang),
                          dimension=fw.dimension_of(indicator.id).title.get(lang), score=num(level)))
            st.write(indicator.recommendation.get(lang))
            for step_id in indicator.steps:
                step = guide.steps[step_id]
                st.page_link("pages/guide.py", label=t("results.step_link", step=step.title.get(lang),
                             phase=guide.phase_of(step_id).title.get(lang)), icon=":material/map:")
            if indicator.modules:
                st.caption(t("results.modules", modules=module_titles(indicator.modules)))


def exports(fw: Framework, guide: Guide, scores: RoundScores, lang: str, *, round_id: int,
            team: str, title: str, radar_labels: list[str], radar_scores: list[float | None]) -> None:
    """Download buttons for the PDF report, the CSV table and the JSON record."""
    stamp = hashlib.sha256(f"{round_id}|{lang}|{sorted(scores.scores.items())}|"
                           f"{sorted(scores.agreed)}|{sorted(scores.notes.items())}".encode()).hexdigest()
    cached = st.session_state.get(PDF_KEY)
    if not cached or cached[0] != stamp:
        chart = radar(radar_labels, {title: radar_scores}, size=380)
        pdf = to_pdf(fw, guide, scores, lang, labels={k: t(f"report.{k}") for k in LABELS},
                     title=t("report.title", team=team), subtitle=title, radar_png=png(chart),
                     modules={m: title_of(m) for d in fw.dimensions for i in d.indicators
                              for m in i.modules})
        st.session_state[PDF_KEY] = cached = (stamp, pdf)
    base = f"nest-readiness-{round_id}"
    pdf_col, csv_col, json_col = st.columns(3)
    pdf_col.download_button(t("results.export_pdf"), cached[1], file_name=f"{base}.pdf",
                            mime="application/pdf", key="results.pdf_button",
                            icon=":material/picture_as_pdf:", type="primary")
    csv_col.download_button(t("results.export_csv"), to_csv(fw, scores, lang),
                            file_name=f"{base}.csv", mime="text/csv", key="results.csv_button",
                            icon=":material/table:")
    json_col.download_button(t("results.export_json"),
                             to_json(fw, scores, lang, team=team, assessment=title),
                             file_name=f"{base}.json", mime="application/json",
                             key="results.json_button", icon=":material/data_object:")


def training_progress(fw: Framework, lang: str, rows: list[IndicatorProgress],
                      done: TrainingDone, *, shown: int = -1) -> None:
    """Per indicator: its score over the rounds beside the training the officers did;
    ``shown`` is the position, among the rounds, of the round on screen ("This round")."""
    st.caption(t("progress.caption", officers=done.officers))
    st.dataframe(
        [{t("plan.indicator"): fw.indicators[r.indicator_id].title.get(lang),
          t("plan.dimension"): fw.dimension_of(r.indicator_id).title.get(lang),
          t("progress.trend"): [x for x in r.trend if x is not None],
          t("progress.latest"): cell(r.trend[shown] if r.trend else None, 1),
          t("progress.modules_passed"): r.modules_passed,
          t("progress.exercises"): r.exercises,
          t("progress.mean_score"): cell(r.mean_score, 1)} for r in rows],
        column_config={t("progress.trend"): st.column_config.LineChartColumn(
            t("progress.trend"), y_min=0, y_max=3, help=t("progress.trend_help"))},
        hide_index=True, width="stretch")


def share_with_region(user: CurrentUser, team: CountryTeam) -> None:
    """The team's switch: show its results to regional coordinators, or not.

    The switch shows what the database says on every run, and only flipping it writes
    (``on_change``): a teammate's page left open since before a change must not write its
    stale position back on its next rerun."""
    key = f"regional.share.{team.id}"
    st.session_state[key] = team.regional_opt_in
    st.toggle(t("regional.share"), help=t("regional.share_help"), key=key,
              on_change=_share_changed, args=(user, team.id or 0, key))


def _share_changed(user: CurrentUser, team_id: int, key: str) -> None:
    shared = bool(st.session_state[key])
    try:
        with db() as s:
            set_opt_in(s, acting_user_id=user.id, team_id=team_id, opt_in=shared)
        st.toast(t("regional.shared") if shared else t("regional.unshared"))
    except AcademyError as error:
        show_error(error)


def team_sections(user: CurrentUser, team: CountryTeam, fw: Framework, lang: str,
                  history: list[tuple[ReadinessAssessment, RoundScores]], *, shown: int) -> None:
    """What does not depend on the round's own scores: the progress over every round beside
    the training done, and the switch to share with the region (also shown while a new
    round has no score yet). ``shown``: the id of the round on screen."""
    st.header(t("progress.title"))
    with db() as s:
        done = training_done(s, acting_user_id=user.id, team_id=team.id or 0)
    training_progress(fw, lang, progress(fw, [sc.scores for _, sc in history], done), done,
                      shown=[r.id for r, _ in history].index(shown))
    st.header(t("regional.share_title"))
    share_with_region(user, team)
