"""Panels of the scenario studio: the list, the omniscient world, the editor, calibration."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from academy import calibration, catalogs, studio, worker
from academy.errors import AcademyError
from academy.exercises import MAX_SEED, cohort_seed
from academy.scenarios import digest
from engine.messages import country_name
from engine.records import Debrief
from engine.scenario import Scenario
from ui import bounded, charts, debrief
from ui.choice import prompt
from ui.figures import figure
from ui.i18n import countries_listed, current_language, num, t
from ui.messages import show_error
from ui.session import CurrentUser
from ui.state import db, engine
from ui.text import authored_html, plain
from ui.workshop_pick import me

EDIT_KEY = "studio.text"
CHECKED_KEY = "studio.checked"  # (hash of the draft, file name and language, its problems)
FILE_KEY = "studio.filename"  # the uploaded file's name: problems are named by it


@st.cache_data(show_spinner=False, max_entries=16)
def _world(text: str, seed: int):  # type: ignore[no-untyped-def]
    """The omniscient run of a scenario text (no user data: safe to share)."""
    from academy.scenarios import parse

    return studio.omniscient(parse(text), seed)


def listing(entries: list[studio.Entry]) -> None:
    st.dataframe([{t("studio.col_id"): e.scenario.id, t("studio.col_title"): e.scenario.title["en"],
                   t("studio.col_area"): t(f"area.{e.scenario.crime_area.value}"),
                   t("studio.col_difficulty"): t(f"difficulty.{e.scenario.difficulty}"),
                   t("studio.col_days"): e.scenario.duration_days,
                   t("studio.col_countries"): countries_listed(e.scenario.countries),
                   t("studio.col_injects"): len(e.scenario.msel),
                   t("studio.col_versions"): e.versions,
                   t("studio.col_source"): e.version.source} for e in entries],
                 hide_index=True, width="stretch")


def overview(scenario: Scenario) -> None:
    st.text(scenario.briefing["en"])  # authored text is shown as text, never as HTML
    st.caption(t("studio.objectives"))
    for objective in scenario.objectives:
        st.text(f"• {objective.text['en']}")


def world(scenario: Scenario, text: str) -> None:
    # one box per scenario: opening another starts from its own cohort seed
    seed = st.number_input(t("studio.seed"), 0, MAX_SEED, cohort_seed(None, scenario.id),
                           key=f"studio.seed.{scenario.id}")
    truth = _world(text, int(seed))
    st.caption(t("studio.omniscient_help"))
    network(truth)
    places, legs = studio.route_lines(scenario, current_language())
    places = [{**p, "kind": t(f"kind.{p['kind']}")} for p in places]
    figure(charts.world_map(places, legs), title=t("desk.tab_map"), tables=[
        [{t("map.place"): p["name"], t("map.kind"): p["kind"], t("map.country"): p["country"]}
         for p in places]])
    debrief.shipments(truth)


def network(truth: Debrief) -> None:
    """The whole network, coloured by role: the studio knows everyone, so "found by you"
    (the trainee debrief's colouring) would mean nothing here."""
    lang = current_language()
    nodes = [{"id": m.id, "label": m.label, "role": t(f"studio.role.{m.role}"),
              "group": m.group, "country": country_name(m.country, lang),
              "betweenness": m.betweenness} for m in truth.members]
    edges = [{"a": a, "b": b, "relation": catalogs.relation(r, lang)} for a, b, r in truth.edges]
    figure(charts.network(nodes, edges, colour="role"), title=t("desk.tab_chart"), tables=[
        [{t("figure.col_name"): n["label"], t("figure.col_role"): n["role"],
          t("map.country"): n["country"]} for n in nodes]])
    st.caption(t("studio.network_count", total=len(truth.members)))


@st.cache_data(show_spinner=False)
def _guide_html() -> str:
    return authored_html(studio.author_guide())


def guide() -> None:
    """The author's guide, folded above the editor: every field, its unit and effect."""
    with st.expander(t("studio.guide"), icon=":material/menu_book:"):
        st.caption(t("studio.guide_language"))
        st.html(_guide_html())


def editor(user: CurrentUser, text: str) -> None:
    """Edit in the app or upload a file; validate; save a new version (all or nothing)."""
    upload = st.file_uploader(t("studio.upload"), type=["yaml", "yml"], key="studio.upload",
                              max_upload_size=1)  # MB, the browser's limit; read_upload: 256 kB
    if upload is not None and st.session_state.get("studio.uploaded") != upload.file_id:
        st.session_state["studio.uploaded"] = upload.file_id
        try:
            st.session_state[EDIT_KEY] = studio.read_upload(upload.getvalue())
            st.session_state[FILE_KEY] = upload.name
        except AcademyError as error:
            show_error(error)
    if EDIT_KEY not in st.session_state:
        st.session_state[EDIT_KEY] = text
    draft = bounded.text_area(t("studio.yaml"), height=420, limit=studio.MAX_UPLOAD_BYTES,
                              key=EDIT_KEY)
    filename = st.session_state.get(FILE_KEY) or "scenario.yaml"
    problems = checked(draft, filename)
    found = [said for said, _ in problems]
    if found:
        st.error(t("studio.problems", n=len(found)))
        st.code("\n".join(found), language=None)
        shown = studio.excerpts(draft, [line for _, line in problems])
        if shown:  # the box has no line numbers: the lines around each problem, numbered
            st.caption(t("studio.excerpts"))
            for lines in shown:
                st.code(lines, language=None)
    else:
        st.success(t("studio.valid"))
        advice = studio.notes(draft, filename)
        if advice:
            st.info(t("studio.notes", n=len(advice)))
            st.code("\n".join(advice), language=None)
    if st.button(t("studio.save"), type="primary", disabled=bool(found), key="studio.save"):
        try:
            with db() as s:
                saved = studio.save(s, user=me(user), text=draft, filename=filename)
            st.success(t("studio.saved", id=saved.scenario_id, version=saved.version))
        except AcademyError as error:
            show_error(error)


def checked(draft: str, filename: str = "scenario.yaml") -> list[tuple[str, int]]:
    """The draft's problems with their lines, checked once per text, file name and
    language: every click on the page reruns it, and an unchanged draft keeps its answer
    (kept in this user's session, by the text's hash)."""
    key = (digest(draft), filename, current_language())
    memo = st.session_state.get(CHECKED_KEY)
    if memo is None or memo[0] != key:
        memo = (key, studio.found(draft, filename, lang=current_language()))
        st.session_state[CHECKED_KEY] = memo
    return memo[1]


def calibrate(user: CurrentUser, version_id: int, scenario_id: str) -> None:
    cols = st.columns([1, 3])
    runs = cols[0].number_input(t("studio.runs"), 1, calibration.MAX_RUNS, 30, key="studio.runs")
    policies = cols[1].multiselect(t("studio.policies"), list(calibration.POLICIES),
                                   list(calibration.POLICIES), key="studio.policies",
                                   format_func=bot_name, placeholder=prompt(calibration.POLICIES))
    if st.button(t("studio.calibrate"), key="studio.calibrate", icon=":material/science:"):
        try:
            with db() as s:
                run = calibration.start(s, user=me(user), scenario_version_id=version_id,
                                        runs=int(runs), policies=policies)
            worker.ensure(engine()).wake()
            st.session_state["studio.run"] = run.id
        except AcademyError as error:
            show_error(error)
    with db() as s:
        earlier = calibration.runs_of(s, user=me(user), scenario_id=scenario_id)
    run_id = st.session_state.get("studio.run") or (earlier[0].id if earlier else None)
    if run_id is not None:
        progress(user, run_id)


@st.fragment(run_every=1.5)
def progress(user: CurrentUser, run_id: int) -> None:
    """The run's progress bar, then each policy's score distribution."""
    with db() as s:
        run = calibration.get(s, user=me(user), run_id=run_id)
    if run.status in ("queued", "running"):
        worker.ensure(engine())  # this server plays it too if the one that did has stopped
    text = t("studio.queued") if run.status == "queued" else t("studio.progress", done=run.done,
                                                                total=run.total)
    st.progress(run.done / max(run.total, 1), text=text)
    if run.status == "failed":
        st.error(t("studio.calibration_failed", error=plain(run.error)))
    rows = calibration.distribution_rows(run)
    if not rows:
        return
    box, hist, summary = distribution(rows)
    figure(box, title=t("studio.score"))  # the table below gives the same figures
    figure(hist, title=t("studio.score"))
    st.dataframe(summary, hide_index=True, width="stretch")


def bot_name(policy: str) -> str:
    return t(f"studio.policy_{policy}")


def distribution(rows: list[dict[str, Any]]) -> tuple[alt.Chart, alt.Chart, pd.DataFrame]:
    """Each bot's scores as a box plot, a histogram and a table, every name and heading in
    the reader's language (not the policy ids and pandas' "count", "50%")."""
    frame = pd.DataFrame(rows).assign(bot=lambda f: f["policy"].map(bot_name))
    bot = t("studio.bot")
    box = alt.Chart(frame).mark_boxplot(extent="min-max").encode(
        x=alt.X("score:Q", title=t("studio.score"), scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("bot:N", title=None), color=alt.Color("bot:N", legend=None))
    hist = alt.Chart(frame).mark_bar(opacity=0.7).encode(
        x=alt.X("score:Q", bin=alt.Bin(maxbins=20), title=t("studio.score")),
        y=alt.Y("count():Q", title=None, stack=None), color=alt.Color("bot:N", title=bot))
    scores = frame.groupby("bot", sort=False)["score"]
    summary = pd.DataFrame({
        bot: scores.count().index.tolist(), t("studio.col_games"): scores.count().tolist(),
        **{t(f"studio.col_{name}"): [num(v, ".1f") for v in column.tolist()]  # "55,6" in French
           for name, column in (("lowest", scores.min()), ("median", scores.median()),
                                ("mean", scores.mean()), ("highest", scores.max()))}})
    return box, hist, summary
