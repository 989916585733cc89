"""Panels of the after-action review: ratings, score, the reveal, what-if."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from academy.catalogs import decision_text
from academy.debriefs import explanation
from engine.records import Debrief
from engine.scenario import Scenario
from ui import charts
from ui.desk import message_text
from ui.i18n import current_language, t
from ui.messages import decision, decision_result

RATING_COLOURS = {"P": "green", "S": "yellow", "M": "orange", "U": "red"}  # badges: no emoji font needed


def ratings(debrief: Debrief, scenario: Scenario, lang: str) -> None:
    st.metric(t("debrief.score"), f"{debrief.score:.1f} / 100")
    for objective in scenario.objectives:
        rating = debrief.ratings.get(objective.id, "U")
        badge = f":{RATING_COLOURS.get(rating, 'gray')}-badge[{rating}]"  # markup, not words
        st.markdown(f"{badge} — {scenario.text(objective.text, lang)}")
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
    st.altair_chart(charts.network(nodes, edges, colour="status"), width="stretch")
    found = sum(m.known for m in debrief.members)
    st.caption(t("debrief.found_count", found=found, total=len(debrief.members)))


def shipments(debrief: Debrief) -> None:
    rows = [{"id": s.id, "fate": s.fate, "quantity": s.quantity, "route": " › ".join(s.route),
             "concealment": s.concealment or "", "where": s.where or "",
             "start": s.depart_day or 0.0, "end": s.fate_day or s.depart_day or 0.0}
            for s in debrief.shipments if s.fate != "not_sent"]
    if rows:
        st.altair_chart(charts.shipments(rows), width="stretch")
    st.dataframe([{**r, "fate": t(f"fate.{r['fate']}")} for r in rows], hide_index=True,
                 width="stretch")


def missed(debrief: Debrief) -> None:
    if not debrief.missed:
        st.info(t("debrief.no_missed"))
    for m in debrief.missed:
        st.warning(t("debrief.missed_line", day=f"{m.t:.1f}", shipment=m.shipment) + "\n\n"
                   + message_text(m.code, m.params, m.text))


def names_of(debrief: Debrief) -> dict[str, str]:
    """What the debrief may name: every member of the real network (the truth is out)."""
    return {m.id: m.label for m in debrief.members}


def action_line(action: dict[str, Any], debrief: Debrief) -> str:
    """One logged action (as the exercise log holds it) in words, for choosing it."""
    params = {k: v for k, v in action.items() if k not in ("kind", "rationale")}
    kind = str(action.get("kind", "?"))
    return decision_text(kind, params, kind, current_language(), names_of(debrief))


def decisions(debrief: Debrief) -> None:
    names = names_of(debrief)
    events = [{"day": d.t, "lane": t("desk.lane_decision"), "text": decision(d, names)}
              for d in debrief.decisions]
    events += [{"day": s.fate_day, "lane": t(f"fate.{s.fate}"), "text": s.id}
               for s in debrief.shipments if s.fate_day is not None]
    st.altair_chart(charts.timeline(events), width="stretch")
    st.dataframe([{t("desk.day"): round(d.t, 1), t("desk.col_action"): decision(d, names),
                   t("desk.col_result"): decision_result(d.accepted, d.code),
                   t("desk.col_rationale"): d.rationale or ""} for d in debrief.decisions],
                 hide_index=True, width="stretch")


def edit_action(action: dict[str, Any], key: str) -> dict[str, Any] | None:
    """Edit a decision's fields as text (None: remove the decision)."""
    remove = st.toggle(t("debrief.whatif_remove"), key=f"{key}.remove")
    if remove:
        return None
    raw = st.text_area(t("debrief.whatif_fields"), json.dumps(action, indent=1, ensure_ascii=False),
                       height=160, key=f"{key}.json")
    try:
        changed = json.loads(raw)
    except json.JSONDecodeError:
        st.error(t("debrief.whatif_bad_json"))
        st.stop()
    return changed if isinstance(changed, dict) else None


def compare(real: Debrief, other: Debrief) -> None:
    left, right = st.columns(2)
    for column, label, d in ((left, t("debrief.whatif_real"), real),
                             (right, t("debrief.whatif_other"), other)):
        column.metric(label, f"{d.score:.1f}", delta=None if d is real else
                      f"{d.score - real.score:+.1f}")
        column.caption(" · ".join(f"{k}: {v}" for k, v in sorted(d.ratings.items())))
        seized = sum(1 for s in d.shipments if s.fate == "seized")
        arrested = sum(1 for m in d.members if m.arrested)
        column.write(t("debrief.whatif_counts", seized=seized, arrested=arrested))
