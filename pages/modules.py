"""The curriculum catalogue: learning paths and every module, with the trainee's progress."""

import streamlit as st

from academy.assignments import assigned_first
from academy.certificates import path_done
from academy.progress import progress_of
from ui import assigned, curriculum, session
from ui.i18n import t
from ui.state import db

user = session.require("trainee")
catalogue = curriculum.catalogue()
with db() as s:
    progress = progress_of(s, actor_id=user.id, user_id=user.id)
completed = {m for m, row in progress.items() if row.completed_at}
given = assigned.of(user.id)
ids = assigned_first(curriculum.module_ids(), given.modules)  # assigned first


def open_module(module_id: str) -> None:
    st.session_state[curriculum.SELECTED] = module_id
    st.switch_page("pages/module.py", query_params={"module": module_id})


st.title(t("modules.title"))
st.caption(t("modules.intro"))
done_count = len(completed & set(ids))
st.progress(done_count / len(ids) if ids else 0.0,
            text=t("modules.overall", done=done_count, total=len(ids)))
assigned.modules_progress(given)

if catalogue.paths:
    st.header(t("modules.paths"))
    columns = st.columns(min(len(catalogue.paths), 2))
    for index, path in enumerate(catalogue.paths):
        done, total = path_done(path, completed)
        with columns[index % len(columns)].container(border=True):
            st.markdown(f"**{curriculum.path_title(path)}**")
            st.caption(curriculum.path_description(path))
            st.progress(done / total, text=t("modules.path_progress", done=done, total=total))

st.header(t("modules.all"))
for module_id in ids:
    module, fell_back = curriculum.view(module_id)
    row = progress.get(module_id)
    if row is None:
        state, action = t("modules.not_started"), t("modules.start")
    elif row.completed_at:
        state, action = t("modules.passed", score=row.best_score), t("modules.review")
    else:
        state, action = t("modules.in_progress", attempts=row.attempts), t("modules.continue")
    with st.container(border=True):
        left, right = st.columns([4, 1])
        left.markdown(f"**{module.title}**")
        if module_id in given.modules:
            with left:
                assigned.badge()
        meta = [t("module.minutes", minutes=module.minutes), state]
        if fell_back:
            meta.append(t("modules.in_english"))
        if row is not None:
            meta.append(t("modules.time_spent", minutes=row.seconds_spent // 60))
        left.caption(" · ".join(meta))
        if module.prerequisites:
            names = ", ".join(curriculum.title_of(p) for p in module.prerequisites)
            left.caption(t("modules.prerequisites", modules=names))
        if right.button(action, key=f"modules.open.{module_id}",
                        type="primary" if row and not row.completed_at else "secondary"):
            open_module(module_id)
