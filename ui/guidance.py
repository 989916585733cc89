"""What the NEST pages share: the content (loaded once), the team and the assessment on screen.

The guide, framework and agency lists are frozen, validated objects read once per server
(``st.cache_resource``: shared read-only, never copied per run). The team and assessment a
page shows come from the acting user — a member sees their own team, an admin picks one —
or from a typed ``?team=`` / ``?assessment=`` in the URL; either way ``academy`` checks
membership and the page stops with one refusal for anyone else.
"""

from __future__ import annotations

import streamlit as st

from academy.assessments import assessments_of, create_assessment, get_assessment
from academy.db import typed_id
from academy.errors import AcademyError
from academy.guidance import (
    CONTENT_LANGUAGES,
    Agencies,
    Framework,
    Guide,
    load_agencies,
    load_framework,
    load_guide,
    render_markdown,
    template_text,
)
from academy.models import CountryTeam, ReadinessAssessment
from academy.teams import require_team, teams_visible_to
from academy.templates_pdf import markdown_report
from ui import bounded
from ui.choice import prompt
from ui.i18n import country, current_language, t
from ui.messages import show_error
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain


@st.cache_resource(show_spinner=False)
def guide() -> Guide:
    return load_guide()


@st.cache_resource(show_spinner=False)
def framework() -> Framework:
    return load_framework(guide=guide())


@st.cache_resource(show_spinner=False)
def agencies() -> Agencies:
    return load_agencies()


def content_lang() -> str:
    """The language of guide and framework text: the UI's (all four are content languages),
    or English for a UI language the content is not written in."""
    lang = current_language()
    return lang if lang in CONTENT_LANGUAGES else "en"


def content_notice() -> None:
    if current_language() not in CONTENT_LANGUAGES:
        st.caption(t("guidance.content_in_english"))


def markdown(text: str) -> None:
    """Guide content as HTML from markdown-it (CommonMark + tables, raw HTML escaped)."""
    st.html(render_markdown(text))


def _param_int(name: str) -> int | None:
    return typed_id(st.query_params.get(name))


def team_for(user: CurrentUser) -> CountryTeam:
    """The team on screen: ``?team=`` if given and allowed, a member's own, or an admin's pick."""
    wanted = _param_int("team")
    with db() as s:
        visible = teams_visible_to(s, acting_user_id=user.id)
        if wanted is not None:
            try:
                return require_team(s, acting_user_id=user.id, team_id=wanted)
            except AcademyError as error:
                show_error(error)
                st.stop()
    if not visible:
        st.info(t("guidance.no_team"))
        st.stop()
    if len(visible) == 1:
        team = visible[0]
    else:
        team = st.selectbox(t("guidance.team"), visible, key="guidance.team",
                            format_func=lambda x: f"{country(x.country)} · {x.name}",
                            placeholder=prompt(visible))
    st.caption(t("guidance.team_caption", country=country(team.country), name=plain(team.name)))
    return team


ROUND_KEY = "guidance.round"


def assessment_for(user: CurrentUser, team: CountryTeam,
                   allow_new: bool = False) -> ReadinessAssessment | None:
    """The round on screen: ``?assessment=`` if allowed, else picked from the team's rounds."""
    wanted = _param_int("assessment")
    with db() as s:
        if wanted is not None:
            try:
                return get_assessment(s, acting_user_id=user.id, assessment_id=wanted)
            except AcademyError as error:
                show_error(error)
                st.stop()
        rounds = assessments_of(s, acting_user_id=user.id, team_id=team.id or 0)
    if allow_new:
        _new_round_form(user, team)
    if not rounds:
        st.info(t("guidance.no_assessment"))
        return None
    by_id = {r.id or 0: r for r in reversed(rounds)}  # newest first
    if st.session_state.get(ROUND_KEY) not in by_id:
        st.session_state.pop(ROUND_KEY, None)
    chosen = st.selectbox(t("guidance.assessment"), list(by_id), key=ROUND_KEY,
                          format_func=lambda i: f"{by_id[i].title} · {by_id[i].created_at:%Y-%m-%d}",
                          placeholder=prompt(list(by_id)))
    return by_id[chosen]


def _new_round_form(user: CurrentUser, team: CountryTeam) -> None:
    with st.expander(t("guidance.new_assessment"), icon=":material/add:"), \
            st.form("guidance.new_round"):  # emptied once created; a refused title stays
        title = bounded.text_input(t("guidance.assessment_title"), limit=120,
                                   key="guidance.new_title")
        if (st.form_submit_button(t("guidance.create_assessment"), type="primary")
                and bounded.fits((title, 120))):
            try:
                with db() as s:
                    created = create_assessment(s, acting_user_id=user.id, team_id=team.id or 0,
                                                title=title,
                                                framework_version=str(framework().version))
                    st.session_state[ROUND_KEY] = created.id  # the new round opens at once
                bounded.empty_next("guidance.new_title")
                st.rerun()
            except AcademyError as error:
                show_error(error)


def template_title(template_id: str, lang: str) -> str:
    first = template_text(template_id, lang).splitlines()[0]
    return first.lstrip("# ").strip()


@st.cache_data(show_spinner=False)
def template_pdf(template_id: str, lang: str) -> bytes:
    """A template as PDF (content, not user data: safe to cache for everyone)."""
    return markdown_report(template_text(template_id, lang), lang).render()
