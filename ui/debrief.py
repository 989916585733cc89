"""Panels of the after-action review: ratings, score, the reveal, prosecution, what-if."""

from __future__ import annotations

from typing import Any

import streamlit as st

from academy import debriefs
from academy.accounts import get_user
from academy.catalogs import decision_text, engine_text, relation, role
from academy.debriefs import explanation, names, route_names
from engine.messages import country_name
from engine.prosecution import OUTCOMES
from engine.records import CaseRecord, Debrief, Missed, Outcome, TraineeView
from engine.scenario import Scenario
from ui import action_forms, charts, desk
from ui.choice import prompt
from ui.desk import outcome_message
from ui.figures import figure
from ui.i18n import RTL, current_language, labelled, num, t
from ui.messages import decision, decision_result
from ui.state import db
from ui.text import plain

SHIPMENT_COLUMNS = ("id", "fate", "cause", "quantity", "route", "concealment", "where", "start")
RATING_COLOURS = {"P": "green", "S": "yellow", "M": "orange", "U": "red"}  # badges: no emoji font needed


def ratings(debrief: Debrief, scenario: Scenario, lang: str) -> None:
    st.metric(t("debrief.score"), f"{num(debrief.score, '.1f')} / 100")
    for objective in scenario.objectives:
        rating = debrief.ratings.get(objective.id, "U")
        badge = f":{RATING_COLOURS.get(rating, 'gray')}-badge[{rating}]"  # markup, not words
        st.markdown(f"{badge} — {plain(scenario.text(objective.text, lang))}")
    st.caption(t("debrief.rating_scale"))


def score(debrief: Debrief) -> None:
    lang = current_language()
    rows = [{"label": t(f"score.{c.id}"), "points": round(c.points, 1), "weight": c.weight,
             "explanation": explanation(c, lang)} for c in debrief.components]
    figure(charts.score_bars(rows), title=t("debrief.score"))  # the captions below say it
    for c in debrief.components:
        st.caption(f"**{t(f'score.{c.id}')}** " + t(
            "debrief.score_line", points=num(c.points, ".1f"), weight=num(c.weight),
            text=explanation(c, lang)))


def network(debrief: Debrief, hypotheses: dict[str, str], words: str = "debrief") -> None:
    """The real network and who of it was found; ``words``: the catalog prefix of "found"
    and of the count ("debrief": by you; "operation_debrief": by any team of the operation)."""
    lang = current_language()
    nodes = [{"id": m.id, "label": m.label, "role": role(m.role, lang) if m.role else "",
              "country": country_name(m.country, lang) if m.country else "",
              "status": t("debrief.arrested") if m.arrested else
              (t(f"{words}.found") if m.known else t("debrief.unknown")),
              "betweenness": m.betweenness, "your_hypothesis": hypotheses.get(m.id, "")}
             for m in debrief.members]
    edges = [{"a": a, "b": b, "relation": relation(r, lang)} for a, b, r in debrief.edges]
    label = {m.id: m.label for m in debrief.members}
    # each tie as the scenario has it: "<who> bribes <whom>", not a bare "linked to"
    ties = {n["id"]: "; ".join(sorted(
        t("debrief.tie", actor=label.get(a, a), relation=relation(r, lang), other=label.get(b, b))
        for a, b, r in debrief.edges if n["id"] in (a, b))) for n in nodes}
    rows = [{t("figure.col_name"): n["label"], t("figure.col_role"): n["role"],
             t("map.country"): n["country"], t("debrief.col_status"): n["status"],
             t("debrief.col_ties"): ties[n["id"]]} for n in nodes]
    figure(charts.network(nodes, edges, colour="status", legend=t("debrief.col_status")),
           title=t("debrief.tab_network"), tables=[rows])
    found = sum(m.known for m in debrief.members)
    st.caption(t(f"{words}.found_count", found=found, total=len(debrief.members)))


def shipments(debrief: Debrief, scenario: Scenario | None = None) -> None:
    """Every planned shipment in a table, each fate with its cause; those that left also
    on the day axis."""
    titles = {c: t(f"debrief.col_{c}") for c in SHIPMENT_COLUMNS}
    rows = shipment_rows(debrief, scenario)
    sent = [r for r in rows if r["left"]]
    if sent:
        colours = {t(f"fate.{f}"): c for f, c in charts.FATE_COLOURS.items()}
        figure(charts.shipments(sent, colours, titles), title=t("debrief.tab_shipments"))
    widths = {titles["cause"]: st.column_config.TextColumn(width="large"),  # a long cause
              titles["route"]: st.column_config.TextColumn(width="medium")}  # keeps the rest in view
    st.dataframe([{titles[c]: r[c] for c in SHIPMENT_COLUMNS} for r in rows], hide_index=True,
                 width="stretch", column_config=widths)
    st.caption(t("debrief.flow_split", **flow_split(debrief)))


def flow_split(debrief: Debrief) -> dict[str, int]:
    """Every planned shipment counted once, by fate (prevented is not seized: said apart;
    one still on its way or never sent is neither got through nor stopped), so the
    figures add up to the shipments listed above them."""
    fates = [s.fate for s in debrief.shipments]
    return {"total": len(fates),
            "seized": fates.count("seized") + fates.count("controlled_delivery"),
            "prevented": fates.count("prevented"), "missed": fates.count("missed"),
            "in_transit": fates.count("in_transit"), "not_sent": fates.count("not_sent")}


def prosecutions(debrief: Debrief, scenario: Scenario | None = None) -> None:
    """Each arrested member's case: where it was tried, how far it went, on which exhibits
    (those that counted, and those a broken chain of custody made unusable)."""
    if not debrief.prosecutions:
        st.info(t("debrief.no_cases"))
        return
    st.caption(t("debrief.prosecution_intro"))
    counts = {o: sum(c.outcome == o for c in debrief.prosecutions) for o in OUTCOMES}
    st.markdown(t("debrief.prosecution_counts", **counts))
    # The verdict first; the long sentences (path, exhibits, why) in columns of a set width,
    # so a long path cannot push the outcome out of sight (hover or widen to read them whole)
    wide = {t(k): st.column_config.TextColumn(width="medium")
            for k in ("debrief.col_path", "debrief.col_exhibits", "debrief.col_why")}
    wide[t("debrief.col_person")] = st.column_config.TextColumn(pinned=True)
    st.dataframe(prosecution_rows(debrief, current_language(), scenario), hide_index=True,
                 width="stretch", column_config=wide)


def prosecution_rows(debrief: Debrief, lang: str,
                     scenario: Scenario | None = None) -> list[dict[str, Any]]:
    """One row per case, in the reader's language; the country trying it by its name."""
    places = names_of(debrief, scenario, lang)
    return [{t("debrief.col_person"): c.label,
             t("debrief.col_outcome"): t(f"case.outcome.{c.outcome}"),
             t("debrief.col_sentence"): (f"{num(c.sentence[0], '.1f')}–{num(c.sentence[1], '.1f')}"
                                         if c.sentence else ""),
             t("debrief.col_tried_in"): places.get(c.forum, c.forum),
             t("debrief.col_path"): t(f"case.path.{c.path}"),
             t("figure.col_role"): role(c.role, lang) + (f" ({t('debrief.leader')})"
                                                         if c.leading else ""),
             t("debrief.col_exhibits"): "; ".join(exhibit_line(e, c) for e in c.exhibits),
             t("debrief.col_why"): engine_text(c.cause, c.cause_params, c.cause_text, lang,
                                               isolate=lang in RTL)}
            for c in debrief.prosecutions]


def exhibit_line(e: Any, case: CaseRecord) -> str:
    ref = "" if e.kind == "report" else e.ref
    line = t("exhibit.line", kind=t(f"exhibit.kind.{e.kind}"), ref=ref, weight=num(e.weight, "g"))
    return line if e.usable else f"{line} — {t(f'exhibit.why.{e.why}')}"


def shipment_rows(debrief: Debrief, scenario: Scenario | None) -> list[dict[str, Any]]:
    """One row per planned shipment — those never sent too — its fate and the cause in
    words, places by name; one still in transit at the end runs to the last day of the
    exercise (a bar of no length is not seen). ``left``: it departed (drawn on the axis)."""
    names = names_of(debrief, scenario)
    lang = current_language()
    last = max([s.fate_day or s.depart_day or 0.0 for s in debrief.shipments]
               + [scenario.duration_days if scenario else 0.0])
    return [{"id": s.id, "fate": t(f"fate.{s.fate}"), "quantity": s.quantity,
             "cause": engine_text(s.cause, s.cause_params, s.cause_text, lang,
                                  isolate=lang in RTL) if s.cause else "",
             "route": route_names(s.route, scenario, lang=lang),
             "concealment": names.get(s.concealment or "", s.concealment or ""),
             "where": names.get(s.where or "", s.where or ""),
             "start": None if s.depart_day is None else round(s.depart_day, 1),
             "left": s.depart_day is not None,
             "end": s.fate_day if s.fate_day is not None else
             (last if s.fate == "in_transit" else s.depart_day or 0.0)}
            for s in debrief.shipments]


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
        ids = list(dict.fromkeys(m.shipment for m in group))
        report = engine_text(first.code, first.params, first.text, lang, isolate=lang in RTL)
        st.warning(t("debrief.missed_line", day=num(first.t, ".1f"), shipment=", ".join(ids),
                     count=len(ids)) + "\n\n" + plain(report))


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
    figure(charts.timeline(events, until=scenario.duration_days if scenario else 0.0),
           title=t("debrief.tab_decisions"),
           tables=[[{t("map.day"): num(e["day"], ".1f"), t("figure.col_type"): e["lane"],
                     t("figure.col_text"): e["text"]} for e in events]])
    st.dataframe([{t("desk.day"): num(d.t, ".1f"), t("desk.col_action"): decision(d, names),
                   t("desk.col_result"): decision_result(d.accepted, d.code, d.result),
                   t("desk.col_rationale"): d.rationale or ""} for d in debrief.decisions],
                 hide_index=True, width="stretch")


def what_if(exercise_id: int, user_id: int, choices: list[tuple[int, dict[str, Any]]],
            real: Debrief, scenario: Scenario) -> None:
    """Pick a decision, change it in the desk's fields (or remove it), replay, compare."""
    if not choices:
        st.info(t("debrief.whatif_none"))
        return
    chosen = dict(choices)
    index = st.selectbox(t("debrief.whatif_pick"), list(chosen), key="debrief.whatif.index",
                         format_func=lambda i: action_line(chosen[i], real, scenario),
                         placeholder=prompt(list(chosen)))
    with db() as s:
        before = debriefs.view_before(s, exercise_id=exercise_id, index=index,
                                      user=get_user(s, user_id=user_id))
    edited = edit_action(chosen[index], before, whatif_names(before, scenario),
                         f"debrief.whatif.{index}")  # one key per decision
    if not st.button(t("debrief.whatif_run"), key="debrief.whatif.run", type="primary"):
        return
    if edited is not None and action_forms.missing(edited):
        st.warning(t("actions.missing"))
        return
    with st.spinner(t("debrief.whatif_running")), db() as s:
        other = debriefs.replay_changed(s, exercise_id=exercise_id, index=index,
                                        user=get_user(s, user_id=user_id), replacement=edited)
    changed_outcome(other.outcome)
    compare(real, other.debrief, scenario)


def edit_action(action: dict[str, Any], view: TraineeView, names: dict[str, str],
                key: str) -> dict[str, Any] | None:
    """The decision in the desk's own fields, filled with what was chosen and offering what
    the trainee knew then (``view``); None: remove the decision. ``key`` must differ per
    decision (a keyed widget keeps what it holds whatever its new default)."""
    if st.toggle(t("debrief.whatif_remove"), key=f"{key}.remove"):
        return None
    kind = str(action.get("kind", ""))
    if kind not in action_forms.FORMS:
        st.caption(t("debrief.whatif_remove_only"))
        return None
    st.caption(f"{t('debrief.whatif_fields')} — {t(f'actions.{kind}')}")
    fields = action_forms.fields(kind, view, names, action_forms.Fill(key, action))
    return {"kind": kind, **fields, "rationale": action.get("rationale")}


def whatif_names(view: TraineeView, scenario: Scenario) -> dict[str, str]:
    """The names the desk gave the choices on the day of the decision."""
    return desk.labels(view) | desk.scenario_names(scenario, view, current_language())


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
        gain = d.score - real.score
        column.metric(label, num(d.score, ".1f"), delta=None if d is real else
                      ("-" if gain < 0 else "+") + num(abs(gain), ".1f"))
        column.caption(" · ".join(labelled(plain(names.get(k, k)), v)
                                  for k, v in sorted(d.ratings.items())))
        seized = sum(1 for s in d.shipments if s.fate == "seized")
        arrested = sum(1 for m in d.members if m.arrested)
        column.write(t("debrief.whatif_counts", seized=seized, arrested=arrested))
