"""Panels of the after-action review: ratings, score, the reveal, what-if."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from academy.catalogs import decision_text, engine_text
from academy.debriefs import explanation, names, route_names
from engine.records import Debrief, Missed, Outcome
from engine.scenario import Scenario
from ui import charts
from ui.desk import outcome_message
from ui.i18n import RTL, current_language, t
from ui.messages import decision, decision_result
from ui.text import plain

SHIPMENT_COLUMNS = ("id", "fate", "quantity", "route", "concealment", "where", "start")
RATING_COLOURS = {"P": "green", "S": "yellow", "M": "orange", "U": "red"}  # badges: no emoji font needed


def ratings(debrief: Debrief, scenario: Scenario, lang: str) -> None:
    st.metric(t("debrief.score"), f"{debrief.score:.1f} / 100")
    for objective in scenario.objectives:
        rating = debrief.ratings.get(objective.id, "U")
        badge = f":{RATING_COLOURS.get(rating, 'gray')}-badge[{rating}]"  # markup, not words
        st.markdown(f"{badge} — {plain(scenario.text(objective.text, lang))}")
    st.caption(t("debrief.rating_scale"))


def score(debrief: Debrief) -> None:
    lang = current_language()
    rows = [{"label": t(f"score.{c.id}"), "points": round(c.points, 1), "weight": c.weight,
             "explanation": explanation(c, lang)} for c in debrief.components]
    st.altair_chart(charts.score_bars(rows), width="stretch")
    for c in debrief.components:
        st.caption(f"**{t(f'score.{c.id}')}** ({c.points:.1f}/{c.weight:g}): "
                   f"{explanation(c, lang)}")


def network(debrief: Debrief, hypotheses: dict[str, str]) -> None:
    nodes = [{"id": m.id, "label": m.label, "role": m.role, "country": m.country,
              "status": t("debrief.arrested") if m.arrested else
              (t("debrief.found") if m.known else t("debrief.unknown")),
              "betweenness": m.betweenness, "your_hypothesis": hypotheses.get(m.id, "")}
             for m in debrief.members]
    edges = [{"a": a, "b": b, "relation": r} for a, b, r in debrief.edges]
    st.altair_chart(charts.network(nodes, edges, colour="status", legend=t("debrief.col_status")),
                    width="stretch")
    found = sum(m.known for m in debrief.members)
    st.caption(t("debrief.found_count", found=found, total=len(debrief.members)))


def shipments(debrief: Debrief, scenario: Scenario | None = None) -> None:
    """Every shipment sent, on the day axis and in a table, in words and names."""
    titles = {c: t(f"debrief.col_{c}") for c in SHIPMENT_COLUMNS}
    rows = shipment_rows(debrief, scenario)
    if rows:
        colours = {t(f"fate.{f}"): c for f, c in charts.FATE_COLOURS.items()}
        st.altair_chart(charts.shipments(rows, colours, titles), width="stretch")
    st.dataframe([{titles[c]: r[c] for c in SHIPMENT_COLUMNS} for r in rows], hide_index=True,
                 width="stretch")


def shipment_rows(debrief: Debrief, scenario: Scenario | None) -> list[dict[str, Any]]:
    """One row per shipment sent, fates in words and places by name; one still in transit
    at the end runs to the last day of the exercise (a bar of no length is not seen)."""
    names = names_of(debrief, scenario)
    last = max([s.fate_day or s.depart_day or 0.0 for s in debrief.shipments]
               + [scenario.duration_days if scenario else 0.0])
    return [{"id": s.id, "fate": t(f"fate.{s.fate}"), "quantity": s.quantity,
             "route": route_names(s.route, scenario),
             "concealment": names.get(s.concealment or "", s.concealment or ""),
             "where": names.get(s.where or "", s.where or ""),
             "start": round(s.depart_day or 0.0, 1),
             "end": s.fate_day if s.fate_day is not None else
             (last if s.fate == "in_transit" else s.depart_day or 0.0)}
            for s in debrief.shipments if s.fate != "not_sent"]


def missed(debrief: Debrief) -> None:
    """One box per report the trainee held while shipments it pointed at got through: the
    shipments, then the report once (one report may point at several shipments)."""
    if not debrief.missed:
        st.info(t("debrief.no_missed"))
    lang = current_language()
    groups: dict[str, list[Missed]] = {}
    for m in debrief.missed:
        groups.setdefault(m.intel or m.text, []).append(m)
    for group in groups.values():
        first = group[0]
        shipments = ", ".join(dict.fromkeys(m.shipment for m in group))
        report = engine_text(first.code, first.params, first.text, lang, isolate=lang in RTL)
        st.warning(t("debrief.missed_line", day=f"{first.t:.1f}", shipment=shipments) + "\n\n"
                   + plain(report))


def names_of(debrief: Debrief, scenario: Scenario | None = None,
             lang: str | None = None) -> dict[str, str]:
    """What the debrief may name (the truth is out): members, places, sources,
    concealments and objectives, in the reader's language."""
    return names(debrief, scenario, lang or current_language())


def action_line(action: dict[str, Any], debrief: Debrief, scenario: Scenario | None = None) -> str:
    """One logged action (as the exercise log holds it) in words, for choosing it."""
    params = {k: v for k, v in action.items() if k not in ("kind", "rationale")}
    kind = str(action.get("kind", "?"))
    return decision_text(kind, params, kind, current_language(), names_of(debrief, scenario))


def decisions(debrief: Debrief, scenario: Scenario | None = None) -> None:
    names = names_of(debrief, scenario)
    events = [{"day": d.t, "lane": t("desk.lane_decision"), "text": decision(d, names)}
              for d in debrief.decisions]
    events += [{"day": s.fate_day, "lane": t(f"fate.{s.fate}"), "text": s.id}
               for s in debrief.shipments if s.fate_day is not None]
    st.altair_chart(charts.timeline(events), width="stretch")
    st.dataframe([{t("desk.day"): round(d.t, 1), t("desk.col_action"): decision(d, names),
                   t("desk.col_result"): decision_result(d.accepted, d.code),
                   t("desk.col_rationale"): d.rationale or ""} for d in debrief.decisions],
                 hide_index=True, width="stretch")


def edit_action(action: dict[str, Any], key: str) -> str | None:
    """The decision's fields as text to edit (None: remove the decision). The text is read
    when Replay is clicked (``parse``), so a typing error never hides the button."""
    if st.toggle(t("debrief.whatif_remove"), key=f"{key}.remove"):
        return None
    return st.text_area(t("debrief.whatif_fields"), json.dumps(action, indent=1, ensure_ascii=False),
                        height=160, key=f"{key}.json")


def parse(raw: str | None) -> tuple[bool, dict[str, Any] | None]:
    """(valid, replacement) from the edited text; None text removes the decision."""
    if raw is None:
        return True, None
    try:
        changed = json.loads(raw)
    except json.JSONDecodeError:
        return False, None
    return isinstance(changed, dict), changed if isinstance(changed, dict) else None


def changed_outcome(outcome: Outcome | None) -> None:
    """What the engine said of the edited decision in the replay (a refusal shows why)."""
    if outcome is not None:
        st.caption(t("debrief.whatif_outcome"))
        outcome_message(outcome)


def compare(real: Debrief, other: Debrief, scenario: Scenario | None = None) -> None:
    names = names_of(real, scenario)
    left, right = st.columns(2)
    for column, label, d in ((left, t("debrief.whatif_real"), real),
                             (right, t("debrief.whatif_other"), other)):
        column.metric(label, f"{d.score:.1f}", delta=None if d is real else
                      f"{d.score - real.score:+.1f}")
        column.caption(" · ".join(f"{plain(names.get(k, k))}: {v}"
                                  for k, v in sorted(d.ratings.items())))
        seized = sum(1 for s in d.shipments if s.fate == "seized")
        arrested = sum(1 for m in d.members if m.arrested)
        column.write(t("debrief.whatif_counts", seized=seized, arrested=arrested))
