"""The NEST setup guide: phases and steps, the team's checklist, templates to download."""

import streamlit as st

from academy.errors import AcademyError
from academy.teams import progress, set_tick, ticks_of
from ui import session
from ui.choice import prompt
from ui.guidance import (
    content_lang,
    content_notice,
    guide,
    markdown,
    team_for,
    template_pdf,
    template_text,
    template_title,
)
from ui.i18n import t
from ui.messages import show_error
from ui.readiness_view import module_titles
from ui.state import db

user = session.require("country", "admin")
st.title(t("guide.title"))
team = team_for(user)
g, lang = guide(), content_lang()
content_notice()
with st.expander(t("guidance.about_guide"), icon=":material/info:"):
    st.write(g.source_note.get(lang))


def _toggle(item_id: str) -> None:
    try:
        with db() as s:
            set_tick(s, acting_user_id=user.id, team_id=team.id or 0, item_id=item_id,
                     done=st.session_state[f"guide.tick.{team.id}.{item_id}"], valid_items=g.item_ids)
    except AcademyError as error:
        st.session_state["guide.error"] = error


if error := st.session_state.pop("guide.error", None):
    show_error(error)
with db() as s:
    ticks = ticks_of(s, acting_user_id=user.id, team_id=team.id or 0)
done = {item for item, tick in ticks.items() if tick.done}

st.header(t("guide.progress"))
for phase in g.phases:
    items = [c.id for step in phase.steps for c in step.checklist]
    st.progress(progress(done, items), text=t("guide.phase_progress", phase=phase.title.get(lang),
                done=sum(i in done for i in items), total=len(items)))

phase = st.selectbox(t("guide.phase"), g.phases, format_func=lambda p: p.title.get(lang),
                     key="guide.phase", placeholder=prompt(g.phases))
st.write(phase.summary.get(lang))
for step in phase.steps:
    items = [c.id for c in step.checklist]
    # a stable label: Streamlit closes an expander whose label changes, e.g. on each tick
    with st.expander(step.title.get(lang), expanded=False):
        st.caption(t("guide.step_done", done=sum(i in done for i in items), total=len(items)))
        markdown(step.guidance.get(lang))
        st.markdown(f"**{t('guide.checklist')}**")
        for item in step.checklist:
            st.checkbox(item.text.get(lang), value=item.id in done, key=f"guide.tick.{team.id}.{item.id}",  # per team
                        on_change=_toggle, args=(item.id,))
        if history := [ticks[i] for i in items if i in ticks]:
            st.dataframe([{t("guide.col_item"): tick.item_id,
                           t("guide.col_done"): tick.done,
                           t("guide.col_by"): tick.by,
                           t("guide.col_at"): tick.at} for tick in history],
                         hide_index=True, width="stretch")
        for template in step.templates:
            name = template_title(template, lang)
            left, right = st.columns(2)
            left.download_button(t("guide.download_md", name=name), template_text(template, lang),
                                 file_name=f"{template}-{lang}.md", mime="text/markdown",
                                 key=f"guide.md.{step.id}.{template}", icon=":material/description:")
            right.download_button(t("guide.download_pdf", name=name), template_pdf(template, lang),
                                  file_name=f"{template}-{lang}.pdf", mime="application/pdf",
                                  key=f"guide.pdf.{step.id}.{template}",
                                  icon=":material/picture_as_pdf:")
        if step.modules:
            st.caption(t("guide.modules", modules=module_titles(step.modules)))
