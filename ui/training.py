"""Panels of the training plan: what a country team's gaps call for, and the requests."""

from __future__ import annotations

import streamlit as st

from academy.errors import AcademyError
from academy.guidance import Framework
from academy.models import CountryTeam, TrainingRequest, Workshop
from academy.scenarios import latest, parse
from academy.training_plan import TrainingPlan, create_workshop_from
from engine.scenario import Scenario
from ui import bounded
from ui.curriculum import title_of
from ui.i18n import country, current_language, labelled, num, t
from ui.messages import show_error
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain
from ui.workshop_pick import KEY as WORKSHOP_KEY
from ui.workshop_pick import me


def scenarios() -> dict[str, Scenario]:
    """The latest stored version of every scenario, parsed (cached per text)."""
    with db() as s:
        return {v.scenario_id: parse(v.text) for v in latest(s)}


def _indicators(fw: Framework, ids: tuple[str, ...], lang: str) -> str:
    return ", ".join(fw.indicators[i].title.get(lang) for i in ids if i in fw.indicators)


def show_plan(plan: TrainingPlan, fw: Framework, lang: str) -> None:
    """The weak indicators, then the modules and exercises that train them, then the preset."""
    st.dataframe([{t("plan.indicator"): fw.indicators[i].title.get(lang),
                   t("plan.dimension"): fw.dimension_of(i).title.get(lang),
                   t("plan.score"): f"{num(score, '.1f')} / 3"} for i, score in plan.weakest],
                 hide_index=True, width="stretch")
    st.markdown(f"**{t('plan.modules')}**")
    for module in plan.modules:
        st.markdown(f"- {plain(title_of(module.id))} — "
                    f"{t('plan.trains', indicators=_indicators(fw, module.indicators, lang))}")
    st.markdown(f"**{t('plan.exercises')}**")
    known = scenarios()
    ui_lang = current_language()
    for planned in plan.scenarios:
        scenario = known.get(planned.id)
        if scenario is None:
            continue
        goals = {o.id: scenario.text(o.text, ui_lang) for o in scenario.objectives}
        st.markdown(f"- {plain(scenario.text(scenario.title, ui_lang))} — "
                    f"{t('plan.trains', indicators=_indicators(fw, planned.indicators, lang))}")
        for objective in planned.objectives:
            st.caption(labelled(t("plan.objective"), plain(goals.get(objective, objective))))
    if plan.overrides:
        st.info(t("plan.preset", **{k: num(v) for k, v in {
            "resources": plan.overrides.get("resources", 1.0),
            "corruption": plan.overrides.get("corruption", 1.0)}.items()}),
            icon=":material/tune:")
    else:
        st.caption(t("plan.as_written"))


def team_requests(rows: list[tuple[TrainingRequest, Workshop | None]]) -> None:
    """The team's requests and, once made, the workshop's join code to hand to officers."""
    for request, workshop in rows:
        when = f"{request.requested_at:%Y-%m-%d}"
        if workshop is None:
            st.info(t("plan.waiting", date=when), icon=":material/hourglass_top:")
        else:
            st.success(t("plan.made", date=when, title=plain(workshop.title),
                         code=workshop.join_code), icon=":material/event_available:")


def staff_request(user: CurrentUser, request: TrainingRequest, team: CountryTeam,
                  fw: Framework, lang: str) -> None:
    """One request for an instructor: the plan and, if not taken, the one-click workshop."""
    header = t("requests.item", country=country(team.country), name=plain(team.name),
               date=f"{request.requested_at:%Y-%m-%d}")
    with st.expander(header, expanded=request.workshop_id is None):
        show_plan(TrainingPlan.from_dict(request.plan), fw, lang)
        if request.workshop_id is not None:
            st.success(t("requests.taken"), icon=":material/event_available:")
            return
        title = bounded.text_input(t("requests.workshop_title"), limit=120, value=team.name,
                                   key=f"requests.title.{request.id}")
        if st.button(t("requests.create"), key=f"requests.create.{request.id}", type="primary",
                     icon=":material/add_circle:") and bounded.fits((title, 120)):
            try:
                with db() as s:
                    made = create_workshop_from(s, user=me(user), request_id=request.id or 0,
                                                title=title, language=current_language())
                st.session_state[WORKSHOP_KEY] = made.id
                st.success(t("requests.created", title=plain(made.title), code=made.join_code))
                st.page_link("pages/workshop.py", label=t("requests.open"), icon=":material/tune:",
                             query_params={"workshop": str(made.id)})
            except AcademyError as error:
                show_error(error)
