"""The analyst's desk: the live exercise held by this browser tab, and its panels.

The tab keeps the replayed engine (``Played``) in its own session state — never in module
state, which every user shares — and checks it against the stored log on every run, so
an instructor's inject or a second tab shows up here as a fresh view.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from academy import catalogs, exercises
from academy.accounts import get_user
from academy.debriefs import scenario_of
from academy.errors import AcademyError
from academy.models import ExerciseRecord
from engine.messages import COUNTRY_CODES, COUNTRY_PARAMS, country_name
from engine.records import InboxItem, KnownEntity, NoticeRecord, Outcome, TraineeView
from engine.scenario import Scenario
from engine.version import ENGINE_VERSION
from ui import bounded, charts
from ui.choice import prompt
from ui.figures import figure
from ui.i18n import RTL, current_language, labelled, num, t
from ui.messages import decision, decision_result, show_error
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain, plain_values

KEY = "desk.held"
SCENARIO_KEY = "desk.scenario"
FRESH_KEY = "desk.fresh"
NEWS_KEY = "desk.news"
FOCUS_KEY = "desk.focus"  # the entity opened from the inbox in the link chart
WATCH_SECONDS = 8  # how often an open desk asks whether the exercise moved on without it
GRADE_HELP = "A–F · 1–6"
ROLE_REFUSAL = "role.not_allowed"  # names roles by code: said from the catalog, in words


def exercise_id(resume_for: CurrentUser | None = None) -> int | None:
    """The exercise chosen on the exercises page (or in the URL), as an int; with
    ``resume_for``, that trainee's latest unfinished exercise when none was chosen (as after
    signing in again)."""
    raw = st.session_state.get("desk.exercise") or st.query_params.get("exercise")
    if raw is None and resume_for is not None:
        with db() as s:
            raw = exercises.latest_open(s, user_id=resume_for.id)
        if raw is not None:
            open_exercise(raw)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def open_exercise(exercise: int) -> None:
    st.session_state["desk.exercise"] = exercise
    st.query_params["exercise"] = str(exercise)


def load(user: CurrentUser, exercise: int) -> tuple[ExerciseRecord, exercises.Played]:
    """The exercise record and its live engine, rebuilt when the stored log moved on."""
    held = st.session_state.get(KEY)
    fresh = st.session_state.pop(FRESH_KEY, None)  # this run began with the trainee's action
    if fresh is not None and held is not None and held[0] == exercise == fresh.id:
        return fresh, held[1]  # just stored: no need to ask the database again
    with db() as s:
        record, stored = exercises.own(s, exercise_id=exercise, user_id=user.id)
        if held is None or held[0] != exercise or held[1].seen != stored:
            held = (exercise, exercises.replay(s, record))
            st.session_state[KEY] = held
    return record, held[1]


def moved_on(user: CurrentUser, exercise: int) -> bool:
    """Has the stored log moved on since this tab drew the desk (an instructor's inject,
    the trainee's other tab)? One small query; True also when the exercise became
    unreachable, so that the full redraw says why."""
    held = st.session_state.get(KEY)
    if held is None or held[0] != exercise:
        return False
    try:
        with db() as s:
            _, stored = exercises.own(s, exercise_id=exercise, user_id=user.id)
    except AcademyError:
        return True
    if stored == held[1].seen:
        return False
    st.session_state[NEWS_KEY] = True
    return True


def scenario(record: ExerciseRecord) -> Scenario:
    """The exercise's scenario; a version never changes, so the tab keeps it."""
    kept = st.session_state.get(SCENARIO_KEY)
    if kept is None or kept[0] != record.scenario_version_id:
        with db() as s:
            kept = (record.scenario_version_id, scenario_of(s, record))
        st.session_state[SCENARIO_KEY] = kept
    return kept[1]


def act(user: CurrentUser, exercise: int, action: dict[str, Any]) -> Outcome | None:
    """Carry out one action; on a clash with another tab, say so and show the fresh state."""
    held = st.session_state.get(KEY)
    try:
        with db() as s:
            played = exercises.play(s, exercise_id=exercise, user_id=user.id,
                                    held=held[1] if held and held[0] == exercise else None,
                                    action=action)
        st.session_state[KEY] = (exercise, played)
        st.session_state[FRESH_KEY] = played.record
        st.session_state["desk.last"] = played.outcome
        return played.outcome
    except AcademyError as error:
        st.session_state.pop(KEY, None)
        st.session_state["desk.error"] = error  # shown by the page on the run that follows
        return None


RESULT_KEYS = (NEWS_KEY, "desk.error", "desk.last")
SHOWN_KEY = "desk.shown"  # what this run's ``last_result`` showed, for ``results_shown``


def last_result() -> None:
    """Show the result of the action taken just before this run.

    It stays until a run that showed it reaches its end (``results_shown``): a run cut short
    by the next redraw — a teammate's click, the clock, an inject — would otherwise take the
    trainee's only sight of it away (a try in Chromium lost "Request sent" that way)."""
    shown = {key: st.session_state.get(key) for key in RESULT_KEYS}
    st.session_state[SHOWN_KEY] = shown
    if shown[NEWS_KEY]:
        st.info(t("desk.news"), icon=":material/mark_email_unread:")
    if (error := shown["desk.error"]) is not None:
        show_error(error)
    if (outcome := shown["desk.last"]) is not None:
        outcome_message(outcome)


def results_shown() -> None:
    """The end of a run that showed the last result: it was seen, drop it — only what was
    shown (a result stored later in this run waits for the next)."""
    for key, value in st.session_state.pop(SHOWN_KEY, {}).items():
        if value is not None and value is not False and st.session_state.get(key) is value:
            del st.session_state[key]


def outcome_message(outcome: Outcome) -> None:
    """An action's result in the user's language: the engine's own sentence in English,
    the catalog's translation of its reason code otherwise."""
    key = f"engine.{outcome.code}"
    lang = current_language()  # English: the engine's own sentence, which is more precise
    # "Kenya", not "KE"; a load "Envoi S737", not "Shipment S737"
    params = catalogs.engine_values(outcome.params, lang)
    if outcome.code == ROLE_REFUSAL:  # "NCB officer", not "ncb", in every language
        params["role"] = " / ".join(t(f"joint.role.{r}")
                                    for r in str(params.get("role", "")).split(" or "))
    translated = (t(key, **plain_values(params))
                  if lang != "en" or outcome.code == ROLE_REFUSAL else key)
    if translated != key:  # catalog sentences say "Refused: …" themselves
        text = translated
    else:
        message = named_countries(outcome.message, outcome.params, lang)
        said = plain(message[:1].upper() + message[1:])  # written mid-sentence
        text = said if outcome.accepted else labelled(t("desk.refused"), plain(message))
    if outcome.accepted:
        st.success(text, icon=":material/check_circle:")
    else:
        rule = (" — " + labelled(t("desk.rule"), rule_text(outcome.code, outcome.rule))
                if outcome.rule else "")
        st.error(text + rule, icon=":material/block:")


def named_countries(message: str, params: dict[str, Any], lang: str) -> str:
    """The engine's own sentence with the countries its params name written by name
    ("request R001 from Kenya accepted", not "from KE"); other capitals stay as they are."""
    for code in {c for k, v in params.items() if k in COUNTRY_PARAMS and isinstance(v, str)
                 for c in COUNTRY_CODES.findall(v)}:
        message = re.sub(rf"\b{code}\b", country_name(code, lang), message)
    return message


def rule_text(code: str, english: str) -> str:
    """The rule a refusal cites, in the user's language (``rule.<code>``), else as written."""
    key = f"rule.{code}"
    translated = t(key) if current_language() != "en" else key
    return english if translated == key else translated


def notice_reason(code: str, english: str, params: dict[str, Any] | None = None) -> str:
    """Why a notice was accepted or refused, or that it is still under review (with the day
    it is due to be published): the catalog's sentence for its code (``engine.<code>``)
    with the values it was written from in another language, the engine's own reason in
    English."""
    key = f"engine.{code}"
    values = plain_values(catalogs.engine_values(params, current_language())) if params else {}
    translated = t(key, **values) if current_language() != "en" else key
    return english if translated == key else translated


def header(view: TraineeView) -> None:
    # a row that wraps, not columns: on a phone two figures a line, not four screens' worth
    row = st.container(horizontal=True)
    day = f"{num(view.day, '.1f')} / {num(view.duration_days)}"
    if current_language() in RTL:  # isolate the numbers so "8.0 / 60" keeps its order
        day = f"\u2066{day}\u2069"
    row.metric(t("desk.day"), day)
    row.metric(t("desk.budget"), num(view.budget))
    row.metric(t("desk.teams"), view.teams_free)
    row.metric(t("desk.inbox_count"), len(view.inbox))
    st.progress(min(1.0, view.day / view.duration_days))


def entity_label(e: KnownEntity) -> str:
    """A known entity's name for the reader: a person's, a company's, a phone's as the
    report gave it; a shipment by its id in the reader's language ("Envoi S737")."""
    return named(e.id, e.type, e.label)


def named(eid: str, kind: str, label: str) -> str:
    """What the engine names by id, kind and label (a meeting's tabled entity or target, a
    planned action's target), as ``entity_label`` names what the reader's file holds."""
    lang = current_language()
    return catalogs.entity_name(eid, kind, label, lang, isolate=lang in RTL)


def labels(view: TraineeView) -> dict[str, str]:
    """Readable names for every id the trainee knows."""
    names = {e.id: entity_label(e) if e.type == "shipment"  # "Envoi S737" says what it is
             else f"{e.label} ({t('entity.' + e.type)})" for e in view.entities}
    lang = current_language()  # a place's country by its name in the reader's language
    names.update({loc.id: f"{loc.name_in(lang)} ({country_name(loc.country, lang)})"
                  for loc in view.locations})
    return names


def message_text(code: str, params: dict[str, Any], english: str) -> str:
    """An engine message in the user's language: the engine's own sentence in English (or
    when the catalog lacks its code), the catalog's ``inbox.<code>`` otherwise; in Arabic
    its names and numbers keep their own direction (as in ``inbox_text``)."""
    lang = current_language()
    return catalogs.engine_text(code, params, english, lang, isolate=lang in RTL)


def inbox_text(item: InboxItem) -> str:
    """An inbox item in the user's language; in Arabic every id, number and Latin name in
    it keeps its own direction (first-strong isolates), so the sentence reads in order."""
    lang = current_language()
    return catalogs.engine_text(item.code, item.params, item.text, lang, isolate=lang in RTL)


def inbox_source(item: InboxItem) -> str:
    """Who sent the item in the user's language: a fixed sender (``source_msg``, "NCB KE")
    from the catalogs, a scenario's intelligence source as its author wrote it."""
    texts = item.params.get("source_i18n")
    if isinstance(texts, dict) and item.source == texts.get("en"):
        return texts.get(current_language()) or item.source
    sender = item.params.get("source_msg")
    if isinstance(sender, dict) and item.source == item.params.get("source"):
        return message_text(sender["code"], sender["params"], item.source)
    return item.source


def scenario_names(scenario: Scenario, view: TraineeView, lang: str) -> dict[str, str]:
    """Names from the scenario the trainee may read: intelligence sources, partner countries
    (by their codes), the laboratory's analyses, and the concealment methods they have already seen (a Purple Notice
    names one)."""
    names = catalogs.scenario_countries(scenario.countries, lang)  # as place pickers name them
    names.update({s.id: scenario.text(s.label, lang) for s in scenario.intel_sources})
    names.update({a: label.get(lang) or label["en"] for a, label, _ in view.actions.analyses})
    seen = set(view.actions.concealments)
    names.update({c.id: f"{scenario.text(c.label, lang)} ({catalogs.say('entity.concealment', lang)})"
                  for c in scenario.concealments if c.id in seen})
    return names


def mentioned(item: InboxItem, entities: list[KnownEntity]) -> list[KnownEntity]:
    """The known entities an inbox item names (a person's or company's name, a phone, an
    account, a shipment's id), in the order they come in its text."""
    text, found = item.text, []
    for e in entities:
        at = text.find(e.label) if len(e.label) > 2 else -1
        if at < 0 and e.type == "shipment" and (m := re.search(rf"\b{re.escape(e.id)}\b", text)):
            at = m.start()
        if at >= 0:
            found.append((at, e))
    return [e for _, e in sorted(found, key=lambda x: x[0])]


def focus(entity: str, tabs_key: str = "desk.tab") -> None:
    """Open ``entity`` in the link chart (a click on its name in the inbox); ``tabs_key``:
    the key of the tabs that hold the chart (the team desk has its own)."""
    st.session_state[FOCUS_KEY] = entity
    st.session_state[tabs_key] = t("desk.tab_chart")


def inbox(view: TraineeView, seen_key: str, tabs_key: str = "desk.tab") -> None:
    seen = st.session_state.get(seen_key, 0)
    for item in reversed(view.inbox):
        new = int(item.id[1:]) > seen
        with st.container(border=True):
            badge = f":blue-badge[{t('desk.unread')}] " if new else ""
            st.markdown(f"{badge}**{plain(inbox_source(item))}** · `{item.reliability}{item.credibility}`"
                        f" · {t('desk.day')} {num(item.t, '.1f')}", help=GRADE_HELP)
            st.text(inbox_text(item))
            named = mentioned(item, view.entities)
            if named:  # every name in the item opens in the link chart
                cols = st.columns(min(len(named), 4))
                for i, e in enumerate(named):
                    cols[i % len(cols)].button(
                        plain(entity_label(e)), key=f"desk.inbox.{item.id}.{e.id}",
                        icon=":material/hub:",
                        type="tertiary", help=t("desk.open_in_chart"), on_click=focus,
                        args=(e.id, tabs_key))
    st.session_state[seen_key] = len(view.inbox)


def link_chart(view: TraineeView, hypotheses: dict[str, str]) -> None:
    lang = current_language()
    nodes = [{"id": e.id, "type": t(f"entity.{e.type}"), "source": e.source,
              "label": (f"{entity_label(e)} — {hypotheses[e.id]}" if e.id in hypotheses
                        else entity_label(e)),
              "grade": e.grade, "hypothesis": hypotheses.get(e.id, "")} for e in view.entities]
    edges = [{"a": k.a, "b": k.b, "relation": catalogs.relation(k.relation, lang),
              "source": k.source, "grade": k.grade, "t": k.t} for k in view.links]
    if not nodes:
        st.info(t("desk.nothing_known"))
        return
    chosen = st.session_state.get(FOCUS_KEY)
    known = {e.id: e for e in view.entities}
    if chosen in known:
        focused(known[chosen], view)
    names = {e.id: entity_label(e) for e in view.entities}
    rows = [{t("figure.col_name"): entity_label(e), t("figure.col_type"): t(f"entity.{e.type}"),
             t("figure.col_source"): e.source, t("figure.col_grade"): e.grade,
             t("desk.linked_to"): "; ".join(sorted(
                 names.get(k.b if k.a == e.id else k.a, "") for k in view.links
                 if e.id in (k.a, k.b)))} for e in view.entities]
    palette = {t(f"entity.{kind}"): colour for kind, colour in charts.TYPE_COLOURS.items()}
    figure(charts.network(nodes, edges, focus=chosen, legend=t("figure.col_type"),
                          palette=palette), title=t("desk.tab_chart"), tables=[rows])


def focused(entity: KnownEntity, view: TraineeView) -> None:
    """The entity opened from the inbox: what is known of it and what it is linked to."""
    names = {e.id: entity_label(e) for e in view.entities}
    links = [f"{names.get(k.b if k.a == entity.id else k.a, k.b if k.a == entity.id else k.a)}"
             f" ({catalogs.relation(k.relation, current_language())})"
             for k in view.links if entity.id in (k.a, k.b)]
    facts = ", ".join(f"{k}: {v}" for k, v in entity.attributes.items() if k != "name")
    st.info(f"**{plain(entity_label(entity))}** ({t('entity.' + entity.type)}) · {entity.source} "
            f"`{entity.grade}`" + (f"\n\n{facts}" if facts else "")
            + ("\n\n" + labelled(t("desk.linked_to"), "; ".join(links)) if links else ""),
            icon=":material/hub:")


def world(view: TraineeView, days: tuple[float, float]) -> None:
    lang = current_language()  # places named in the reader's language
    places = {loc.id: loc for loc in view.locations}
    points = [{"name": p.name_in(lang), "lat": p.lat, "lon": p.lon, "kind": t("kind." + p.kind),
               "country": p.country} for p in view.locations]
    moves = [{"lon": places[m.origin].lon, "lat": places[m.origin].lat,
              "lon2": places[m.destination].lon, "lat2": places[m.destination].lat,
              "mode": m.mode, "label": m.subject, "day": m.t}
             for m in view.movements
             if m.origin in places and m.destination in places and days[0] <= m.t <= days[1]]
    legs = [{t("map.day"): num(m.t, ".1f"), t("map.movement"): m.subject,
             t("figure.col_from"): places[m.origin].name_in(lang),
             t("figure.col_to"): places[m.destination].name_in(lang), t("map.mode"): charts.mode(m.mode)}
            for m in view.movements
            if m.origin in places and m.destination in places and days[0] <= m.t <= days[1]]
    spots = [{t("map.place"): p["name"], t("map.kind"): p["kind"], t("map.country"): p["country"]}
             for p in points]
    figure(charts.world_map(points, moves), title=t("desk.tab_map"), tables=[spots, legs])


def timeline(view: TraineeView, names: dict[str, str]) -> None:
    events = [{"day": i.t, "lane": t("desk.lane_" + i.kind), "text": inbox_text(i)[:160]}
              for i in view.inbox]
    events += [{"day": d.t, "lane": t("desk.lane_decision"), "text": decision(d, names)}
               for d in view.decisions]
    figure(charts.timeline(events, until=view.day), title=t("desk.tab_timeline"),
           tables=[[{t("map.day"): num(e["day"], ".1f"), t("figure.col_type"): e["lane"],
                     t("figure.col_text"): e["text"]} for e in events]])
    if not view.decisions:
        st.info(t("desk.no_decisions"))
        return
    st.dataframe(
        [{t("desk.day"): num(d.t, ".1f"), t("desk.col_action"): decision(d, names),
          t("desk.col_result"): decision_result(d.accepted, d.code, d.result),
          t("desk.col_rationale"): d.rationale or ""} for d in view.decisions],
        hide_index=True, width="stretch")


def notices(view: TraineeView, names: dict[str, str]) -> None:
    if not view.notices:
        st.info(t("desk.no_notices"))
        return
    st.dataframe(
        [{t("desk.day"): num(n.t, ".1f"), t("actions.colour"): _notice_kind(n, names),
          t("actions.subject"): names.get(n.subject, n.subject),
          t("desk.col_result"): t(f"desk.status_{n.status}"), t("desk.col_reason"): notice_reason(n.code, n.reason, n.params)}
         for n in view.notices],
        hide_index=True, width="stretch")


def _notice_kind(n: NoticeRecord, names: dict[str, str]) -> str:
    """A notice's colour, or a diffusion with the countries it went to and whose rules."""
    if n.via != "diffusion":
        return t(f"notice.{n.colour}")
    return t("desk.diffusion_row", notice=t(f"notice.{n.colour}"),
             countries=", ".join(names.get(c, c) for c in n.countries))


def hypothesis_form(user: CurrentUser, exercise: int, view: TraineeView,
                    names: dict[str, str]) -> None:
    """Mark an entity with what the trainee suspects it is (kept with the exercise)."""
    options = [e.id for e in view.entities]
    if not options:
        return

    def save() -> None:  # a callback: the chart above is drawn after it, with the new mark
        label = st.session_state["desk.hyp.label"]
        if not bounded.fits((label, exercises.MAX_HYPOTHESIS)):
            return  # kept in the box, which says how much too long it is
        with db() as s:
            exercises.set_hypothesis(s, exercise_id=exercise, user=get_user(s, user_id=user.id),
                                     entity=st.session_state["desk.hyp.entity"], label=label)
        st.session_state["desk.hyp.label"] = ""
        st.toast(t("desk.hypothesis_saved"), icon=":material/check:")

    with st.form("desk.hypothesis"):  # emptied by ``save``; a refused label stays
        cols = st.columns([2, 2, 1])
        cols[0].selectbox(t("desk.hypothesis_entity"), options,
                          format_func=lambda o: names.get(o, o), key="desk.hyp.entity",
                          placeholder=prompt(options))
        bounded.text_input(t("desk.hypothesis_label"), limit=exercises.MAX_HYPOTHESIS,
                           placeholder=t("desk.hypothesis_example"), key="desk.hyp.label",
                           where=cols[1])
        cols[2].form_submit_button(t("desk.hypothesis_save"), on_click=save)


def engine_note(record: ExerciseRecord) -> None:
    """One line when the exercise was played on an older engine than the one replaying it."""
    played = exercises.older_engine(record)
    if played is not None:
        st.info(t("desk.engine_version", played=played, current=ENGINE_VERSION),
                icon=":material/history:")
