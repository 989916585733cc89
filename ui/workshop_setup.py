"""Panels of the workshop setup page: details, roster, teams, modules, scenarios."""

from __future__ import annotations

import streamlit as st

from academy import assignments, roster
from academy.errors import AcademyError
from academy.models import Workshop
from academy.scenarios import latest, parse, sync_shipped
from academy.workshops import trainees_of
from ui import bounded
from ui.choice import prompt
from ui.i18n import LANGUAGES, current_language, num, t
from ui.messages import show_error
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain
from ui.workshop_pick import me


def _run(action, success: str | None = None) -> bool:  # type: ignore[no-untyped-def]
    """Run one academy change in a transaction; show its refusal, or rerun on success."""
    try:
        with db() as s:
            action(s)
    except AcademyError as error:
        show_error(error)
        return False
    if success:
        st.toast(success)
    return True


def details(user: CurrentUser, workshop: Workshop) -> None:
    # Every key of these forms names the workshop: a keyed widget keeps the value it holds
    # whatever its new default, so after a switch in the sidebar one shared key would show
    # the previous workshop's values, and save them (the catalogue switch at once).
    with st.form("ws.details"):
        title = bounded.text_input(t("ws.title_field"), value=workshop.title, limit=120,
                                   key=f"ws.d.title.{workshop.id}")
        cols = st.columns(4)
        location = bounded.text_input(t("ws.location"), value=workshop.location, limit=120,
                                      key=f"ws.d.loc.{workshop.id}", where=cols[0])
        langs = list(LANGUAGES)
        language = cols[1].selectbox(t("ws.language"), langs, langs.index(workshop.language)
                                     if workshop.language in langs else 0,
                                     format_func=LANGUAGES.__getitem__, key=f"ws.d.lang.{workshop.id}",
                                     placeholder=prompt(langs))
        starts = cols[2].date_input(t("ws.starts"), workshop.starts_on, key=f"ws.d.start.{workshop.id}")
        ends = cols[3].date_input(t("ws.ends"), workshop.ends_on, key=f"ws.d.end.{workshop.id}")
        if st.form_submit_button(t("ws.save")) and bounded.fits(
                (title, 120), (location, 120)) and _run(lambda s: assignments.update_details(
                s, user=me(user), workshop_id=workshop.id, title=title, location=location,
                language=language, starts_on=starts, ends_on=ends), t("ws.saved")):
            st.rerun()


def roster_upload(user: CurrentUser, workshop: Workshop) -> None:
    """Upload, preview, import: the uploader starts afresh after an import (new key)."""
    done = st.session_state.pop("ws.roster.done", None)
    if done is not None:
        st.success(t("ws.roster_done", n=done), icon=":material/check_circle:")
    st.caption(t("ws.roster_help", mb=roster.MAX_ROSTER_MB, max=roster.MAX_ROSTER_LINES))
    nonce = st.session_state.setdefault("ws.roster.nonce", 0)
    upload = st.file_uploader(t("ws.roster_file"), type=["csv", "txt"],
                              max_upload_size=roster.MAX_ROSTER_MB, key=f"ws.roster.file.{nonce}")
    if upload is None:
        return
    preview = roster.parse_roster(upload.getvalue())
    for line, code, params in preview.problems:
        message = t(f"error.{code}", **params)
        st.error(t("ws.line", line=line, message=message) if line else message)
    if preview.lines:  # names and teams as typed: dataframe cells are never Markdown
        st.dataframe([{t("ws.col_line"): x.line, t("ws.col_name"): x.name,
                       t("ws.col_team"): x.team or ""} for x in preview.lines],
                     hide_index=True, width="stretch")
    if preview.skipped:
        st.warning("  \n".join([t("ws.roster_skipped", n=len(preview.skipped))] + [
            t("ws.line", line=line, message=t(f"error.{code}", **params))
            for line, code, params in preview.skipped]), icon=":material/content_copy:")
    if preview.lines and not preview.ok:
        st.warning(t("ws.roster_fix_first", n=len({line for line, _, _ in preview.problems})),
                   icon=":material/warning:")
    label = (t("ws.roster_import_skipping", n=len(preview.lines), skipped=len(preview.skipped))
             if preview.skipped else t("ws.roster_import", n=len(preview.lines)))
    if st.button(label, disabled=not preview.ok,
                 key="ws.roster.import", type="primary") and _run(
            lambda s: roster.import_roster(s, user=me(user), workshop_id=workshop.id,
                                           preview=preview)):
        st.session_state["ws.roster.done"] = len(preview.lines)
        st.session_state["ws.roster.nonce"] = nonce + 1
        st.rerun()


def team_editor(user: CurrentUser, workshop: Workshop) -> None:
    with db() as s:
        people = trainees_of(s, workshop_id=workshop.id)
        team_of = roster.teams(s, workshop_id=workshop.id)
        missing = roster.not_joined(s, workshop_id=workshop.id)
    if missing:
        st.caption(t("ws.not_joined", names=", ".join(f"{plain(e.name)} ({plain(e.team or '—')})"
                                                       for e in missing)))
    if not people:
        st.info(t("ws.no_trainees", code=workshop.join_code))
        return
    with st.form("ws.teams"):
        chosen = {u.id: bounded.text_input(plain(u.display_name), value=team_of.get(u.id) or "",
                                           limit=60, key=f"ws.team.{workshop.id}.{u.id}")
                  for u, _ in people}
        if st.form_submit_button(t("ws.save")) and bounded.fits(
                *((team, 60) for team in chosen.values())) and _run(lambda s: [
                roster.set_team(s, user=me(user), workshop_id=workshop.id, trainee_id=uid,
                                team=team) for uid, team in chosen.items()], t("ws.saved")):
            st.rerun()


def sign_in_waits(user: CurrentUser, workshop: Workshop) -> None:
    """Trainees someone must wait to try again after wrong PINs, each with a button that
    lets them in at once (the server checks that the user runs this workshop)."""
    with db() as s:
        slowed = roster.slowed_trainees(s, user=me(user), workshop_id=workshop.id)
        people = [u for u, _ in trainees_of(s, workshop_id=workshop.id) if u.id in slowed]
    if not people:
        return
    st.header(t("ws.unlock_title"))
    st.caption(t("ws.unlock_help"))
    for trainee in people:
        if st.button(t("ws.unlock_button", name=trainee.display_name), key=f"ws.unlock.{trainee.id}",
                     icon=":material/lock_open:") and _run(
                lambda s, uid=trainee.id: roster.unlock_trainee(
                    s, user=me(user), workshop_id=workshop.id, trainee_id=uid),
                t("ws.unlocked", name=trainee.display_name)):
            st.rerun()


def modules(user: CurrentUser, workshop: Workshop) -> None:
    titles = assignments.module_titles()
    with db() as s:
        current = assignments.modules_of(s, workshop_id=workshop.id)
    with st.form("ws.modules"):
        picked = st.multiselect(t("ws.modules_field"), list(titles), current,
                                format_func=lambda m: titles.get(m, m), key=f"ws.modules.pick.{workshop.id}",
                                placeholder=prompt(titles))
        if st.form_submit_button(t("ws.save")) and _run(lambda s: assignments.set_modules(
                s, user=me(user), workshop_id=workshop.id, module_ids=picked), t("ws.saved")):
            st.rerun()


def _knob_help(knob: str) -> str:
    low, high = assignments.knob_range(knob)
    return t("ws.knob_range", low=num(low), high=num(high))


def scenarios(user: CurrentUser, workshop: Workshop) -> None:
    with db() as s:
        sync_shipped(s)
        versions = latest(s)
        assigned = assignments.scenarios_of(s, workshop_id=workshop.id)
    opened = st.toggle(t("ws.catalogue_open"), workshop.catalogue_open, key=f"ws.catalogue.{workshop.id}")
    if opened != workshop.catalogue_open and _run(lambda s: assignments.set_catalogue_open(
            s, user=me(user), workshop_id=workshop.id, open_=opened), t("ws.saved")):
        st.rerun()
    st.caption(t("ws.catalogue_help"))
    for version in versions:
        scenario = parse(version.text)
        on = version.scenario_id in assigned
        with st.expander(plain(scenario.text(scenario.title, current_language())), expanded=False,
                         icon=":material/check_circle:" if on else None):
            knobs = assigned.get(version.scenario_id, {})
            cols = st.columns(4)
            # No min/max on the inputs: a value out of range must reach the server, which
            # refuses it by name (the browser's own range check kept the old value silently).
            values = {k: cols[i].number_input(t(f"ws.knob_{k}"), value=float(knobs.get(k, 1.0)),
                                              step=0.1, help=_knob_help(k),
                                              key=f"ws.knob.{workshop.id}.{version.scenario_id}.{k}")
                      for i, k in enumerate(assignments.KNOBS)}
            left, right = st.columns(2)
            if left.button(t("ws.assign_update") if on else t("ws.assign"),
                           key=f"ws.assign.{version.scenario_id}") and _run(
                    lambda s, sid=version.scenario_id, chosen=values: assignments.assign_scenario(
                        s, user=me(user), workshop_id=workshop.id, scenario_id=sid,
                        overrides=chosen), t("ws.saved")):
                st.rerun()
            if on and right.button(t("ws.unassign"), key=f"ws.unassign.{version.scenario_id}") \
                    and _run(lambda s, sid=version.scenario_id: assignments.unassign_scenario(
                        s, user=me(user), workshop_id=workshop.id, scenario_id=sid)):
                st.rerun()
