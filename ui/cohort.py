"""Panels of the cohort debrief: distribution, objectives, misses, refusals, logs, notes."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from academy import aar, assignments, debriefs, hotwash, improvement, live
from academy.catalogs import decision_text
from academy.errors import AcademyError
from academy.models import Workshop
from engine.scenario import Scenario
from ui import bounded, tables
from ui.choice import prompt
from ui.figures import figure
from ui.guidance import content_lang, framework
from ui.i18n import current_language, labelled, num, t
from ui.messages import decision_result, reason, show_error
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain_values
from ui.workshop_pick import me


def load(user: CurrentUser, workshop: Workshop, scenario_id: str,
         running: bool) -> list[hotwash.Result]:
    """The cohort's debriefs, kept in this tab until an exercise changes."""
    with db() as s:
        found = hotwash.results(s, user=me(user), workshop_id=workshop.id,
                                scenario_id=scenario_id, include_running=running)
    return found


def overview(found: list[hotwash.Result], scenario: Scenario) -> None:
    scores = pd.DataFrame([{"score": r.debrief.score, "name": r.name} for r in found])
    figure(alt.Chart(scores).mark_bar(color="#1b6b4a").encode(
        x=alt.X("score:Q", bin=alt.Bin(step=10, extent=[0, 100]),
                title=t("hotwash.score")),
        # trainees are counted whole: integer ticks only (never 0.2, 0.4 …)
        y=alt.Y("count():Q", title=t("hotwash.trainees"),
                axis=alt.Axis(tickMinStep=1, format="d"))), title=t("hotwash.score"),
        tables=[[{t("figure.col_name"): r.name, t("hotwash.score"): num(r.debrief.score, ".1f")}
                 for r in found]])
    st.caption(t("hotwash.ratings"))
    ratings = hotwash.ratings_table(found, scenario, lang=current_language())
    st.dataframe([{t("hotwash.objective"): r["text"], "P": r["P"], "S": r["S"], "M": r["M"],
                   "U": r["U"]} for r in ratings], hide_index=True, width="stretch")
    left, right = st.columns(2)
    left.caption(t("hotwash.missed"))
    places = {loc.id: loc.name_in(current_language()) for loc in scenario.locations}
    missed = hotwash.missed_shipments(found, places)
    _table(left, [{t("hotwash.shipment"): m["shipment"],
                   t("hotwash.missed_by"): f"{m['missed_by']}/{m['of']}",
                   t("hotwash.route"): m["route"]} for m in missed], "hotwash.none_missed")
    right.caption(t("hotwash.refused"))
    lang = current_language()
    named = debriefs.names(found[0].debrief, scenario, lang) if found else {}
    _table(right, [{t("hotwash.reason"): reason(str(r["code"]), r["result"]),  # type: ignore[arg-type]
                    t("hotwash.count"): r["count"],
                    t("hotwash.example"): decision_text(
                        str(r["kind"]), r["params"], str(r["example"]), lang, named)}  # type: ignore[arg-type]
                   for r in hotwash.refused_notices(found)], "hotwash.none_refused")


def _table(where, rows: list[dict[str, object]], empty: str,  # type: ignore[no-untyped-def]
           **options: object) -> None:
    """A table, or one sentence saying why there is none (never an empty grid)."""
    if rows:
        tables.table(rows, where, **options)
    else:
        where.info(t(empty), icon=":material/info:")


def compare(found: list[hotwash.Result]) -> None:
    """Two teams' (or trainees') decision logs side by side."""
    options = {f"t:{team}": t("hotwash.team", team=team) for team in
               sorted({r.team for r in found if r.team})}
    options.update({f"u:{r.user_id}": r.name for r in found})
    keys = list(options)
    columns = st.columns(2)
    for i, column in enumerate(columns):
        who = column.selectbox(t("hotwash.who"), keys, index=min(i, len(keys) - 1),
                               format_func=options.get, key=f"hotwash.who.{i}",
                               placeholder=prompt(keys))
        _table(column, [{t("desk.day"): r["day"], t("hotwash.trainee"): r["trainee"],
                         t("desk.col_action"): decision_text(
                             str(r["kind"]), r["params"], str(r["decision"]),  # type: ignore[arg-type]
                             current_language(), r["names"]),  # type: ignore[arg-type]
                         t("desk.col_result"): decision_result(bool(r["accepted"]), str(r["code"]),
                                                                r["result"]),  # type: ignore[arg-type]
                         t("desk.col_rationale"): r["rationale"]}
                        for r in hotwash.decision_log(found, who=who)],
               "hotwash.no_decisions", height=360)


def notes(user: CurrentUser, workshop: Workshop) -> list:  # type: ignore[type-arg]
    """The facilitator's notes; on a workshop made for a country team, strengths, areas
    for improvement and actions name one of its indicators (an action its owner and due
    date) and reach the team's improvement plan."""
    with db() as s:
        team = improvement.team_of_workshop(s, user=me(user), workshop_id=workshop.id)
    fw = framework()
    if team is not None:
        st.info(t("hotwash.plan_team", **plain_values({"team": team.name})),
                icon=":material/flag:")
    bounded.apply_resets()
    with st.form("hotwash.note"):  # emptied once added; a refused note stays to be corrected
        kind = st.selectbox(t("hotwash.note_kind"), hotwash.NOTE_KINDS, key="hotwash.note.kind",
                            format_func=lambda k: t(f"hotwash.kind_{k}"),
                            placeholder=prompt(hotwash.NOTE_KINDS))
        text = bounded.text_area(t("hotwash.note_text"), limit=improvement.MAX_TEXT,
                                 key="hotwash.note.text")
        if team is not None:
            lang = content_lang()
            indicator = st.selectbox(t("hotwash.indicator"), list(fw.indicators),
                                     key="hotwash.note.indicator", index=None,
                                     placeholder=prompt(fw.indicators),
                                     format_func=lambda i: fw.heading(i, lang))
            owner_col, due_col = st.columns(2)
            owner = bounded.text_input(t("hotwash.owner"), limit=improvement.MAX_OWNER,
                                       key="hotwash.note.owner", where=owner_col)
            due = due_col.date_input(t("hotwash.due"), value=None, key="hotwash.note.due")
        else:
            indicator, owner, due = None, "", None
        sent = st.form_submit_button(t("hotwash.note_add"))
        if sent and bounded.fits((text, improvement.MAX_TEXT), (owner, improvement.MAX_OWNER)):
            try:
                with db() as s:
                    if team is None or kind == "note":
                        hotwash.add_note(s, user=me(user), workshop_id=workshop.id, kind=kind,
                                         text=text)
                    else:
                        improvement.add_item(s, user=me(user), workshop_id=workshop.id,
                                             kind=kind, text=text, indicator_id=indicator or "",
                                             valid_ids=fw.indicators, owner=owner, due_on=due)
                bounded.empty_next("hotwash.note.text", "hotwash.note.owner")
                bounded.reset_next(**{"hotwash.note.kind": hotwash.NOTE_KINDS[0],
                                      "hotwash.note.indicator": None, "hotwash.note.due": None})
                st.rerun()
            except AcademyError as error:
                show_error(error)
    with db() as s:
        stored = hotwash.notes_of(s, user=me(user), workshop_id=workshop.id)
    for note in stored:
        left, right = st.columns([6, 1])
        kind_label = t(f"hotwash.kind_{note.kind}")
        if note.indicator_id:
            named = fw.indicators.get(note.indicator_id)
            left.text(t("hotwash.note_indicator", kind=kind_label, text=note.text,
                        indicator=named.title.get(content_lang()) if named
                        else note.indicator_id))
        else:
            left.text(labelled(kind_label, note.text))
        if note.kind == "action" and note.owner:
            left.caption(t("hotwash.note_action", **plain_values({
                "owner": note.owner, "due": note.due_on.isoformat() if note.due_on else "—",
                "status": t(f"improve.status_{note.status}")})))
        if right.button(t("hotwash.note_delete"), key=f"hotwash.note.del.{note.id}"):
            with db() as s:
                hotwash.delete_note(s, user=me(user), workshop_id=workshop.id, note_id=note.id)
            st.rerun()
    return stored


def exports(user: CurrentUser, workshop: Workshop, scenario: Scenario,
            found: list[hotwash.Result], stored: list) -> None:  # type: ignore[type-arg]
    with db() as s:
        modules = assignments.modules_of(s, workshop_id=workshop.id)
        progress = live.module_progress(s, user=me(user), workshop_id=workshop.id,
                                        module_ids=modules)
    names = {r.user_id: r.name for r in found}
    cols = st.columns(3)
    cols[0].download_button(t("hotwash.pdf"), aar.report_pdf(workshop, scenario, found, stored,
                                                            current_language()),
                            f"aar-{workshop.join_code}-{scenario.id}.pdf", "application/pdf",
                            key="hotwash.pdf", icon=":material/picture_as_pdf:")
    cols[1].download_button(t("hotwash.csv"), hotwash.results_csv(found, scenario),
                            f"results-{workshop.join_code}-{scenario.id}.csv", "text/csv",
                            key="hotwash.csv", icon=":material/table:")
    cols[2].download_button(t("hotwash.xapi"),
                            aar.statements(workshop, scenario, found, progress, names),
                            f"xapi-{workshop.join_code}-{scenario.id}.json",
                            "application/json", key="hotwash.xapi", icon=":material/school:")
