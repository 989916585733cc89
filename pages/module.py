"""One module: read it section by section, then take the knowledge check (drawn and marked on the server)."""

import streamlit as st

from academy.bank import draw
from academy.certificates import issue_due
from academy.curriculum import QUIZ_STEP
from academy.errors import AcademyError
from academy.progress import (
    attempt_number,
    completed_ids,
    last_opened,
    open_module,
    save_position,
    submit_attempt,
)
from ui import curriculum, quiz, session
from ui.choice import prompt
from ui.i18n import LANGUAGES, arrow, current_language, t
from ui.messages import show_error, show_warning
from ui.state import db

user = session.require("trainee")
ids = curriculum.module_ids()
asked = st.query_params.get("module")
if asked is not None and asked not in ids:
    show_error(AcademyError("module_unknown"))
    st.page_link("pages/modules.py", label=t("module.back"), icon=arrow("back"))
    st.stop()
if asked:
    st.session_state[curriculum.SELECTED] = asked
if curriculum.SELECTED not in st.session_state:
    with db() as s:
        st.session_state[curriculum.SELECTED] = last_opened(s, actor_id=user.id, user_id=user.id)
module_id = st.session_state[curriculum.SELECTED]
if module_id not in ids:
    st.info(t("module.none_open"))
    st.page_link("pages/modules.py", label=t("module.back"), icon=arrow("back"))
    st.stop()

module, fell_back = curriculum.view(module_id)
steps = [s.title or module.title for s in module.sections] + [t("module.quiz")]
quiz_step = len(steps) - 1
with db() as s:
    progress = open_module(s, user_id=user.id, module_id=module_id)
    done = completed_ids(s, actor_id=user.id, user_id=user.id)
if st.session_state.get("module.open") != module_id:  # a newly opened module: resume it
    saved = progress.last_section
    step = quiz_step if saved == QUIZ_STEP else min(int(saved), quiz_step) if saved.isdigit() else 0
    st.session_state.update({"module.open": module_id, "module.step": step, "module.jump": step,
                             "module.result": None, "module.nonce": 0, "module.attempt": None})


def go(step: int) -> None:
    step = max(0, min(step, quiz_step))
    st.session_state["module.step"] = step
    st.session_state["module.jump"] = step  # set only here, in callbacks: never mid-run
    st.session_state["module.result"] = None
    st.session_state["module.attempt"] = None
    with db() as s:
        save_position(s, user_id=user.id, module_id=module_id,
                      position=QUIZ_STEP if step == quiz_step else str(step))


def move(delta: int) -> None:
    """Relative to the step held now, so a click during a redraw is never lost or doubled."""
    go(st.session_state["module.step"] + delta)


st.title(module.title)
if fell_back:
    st.info(t("module.fallback", language=LANGUAGES[current_language()]), icon=":material/translate:")
status = t("module.completed", score=progress.best_score) if progress.completed_at else ""
st.caption(" · ".join(filter(None, [t("module.minutes", minutes=module.minutes), status])))
missing = [p for p in module.prerequisites if p not in done]
if missing:
    st.warning(t("module.prerequisites_missing",
                 modules=", ".join(curriculum.title_of(p) for p in missing)), icon=":material/info:")
with st.expander(t("module.objectives")):
    st.markdown("\n".join(f"- {o}" for o in module.objectives))
    if module.sources:
        st.caption(t("module.sources") + " " + "; ".join(module.sources))

step = st.session_state["module.step"]
st.selectbox(t("module.go_to"), range(len(steps)), format_func=steps.__getitem__,
             key="module.jump", on_change=lambda: go(st.session_state["module.jump"]),
             placeholder=prompt(range(len(steps))))
st.progress(step / quiz_step if quiz_step else 1.0,
            text=t("module.step_of", step=step + 1, total=len(steps)))

if step < quiz_step:
    curriculum.show_section(module.sections[step], module.lang)
    back, forward = st.columns(2)
    if step > 0:
        back.button(t("module.previous"), key="module.previous", icon=arrow("back"),
                    on_click=move, args=(-1,))
    forward.button(t("module.quiz") if step + 1 == quiz_step else t("module.next"),
                   key="module.next", type="primary", icon=arrow("forward"),
                   on_click=move, args=(1,))
elif st.session_state["module.result"] is None:
    if st.session_state.get("module.attempt") is None:  # kept until submitted: same questions
        with db() as s:
            st.session_state["module.attempt"] = attempt_number(s, user_id=user.id,
                                                                module_id=module_id)
    attempt = st.session_state["module.attempt"]
    asked = draw(module.quiz, user_id=user.id, module_id=module_id, attempt=attempt)
    st.header(t("module.quiz"))
    st.caption(t("module.quiz_intro", count=len(asked), bank=len(module.quiz)))
    if notice := st.session_state.pop("module.notice", None):
        show_warning(notice)
    answers = quiz.form(asked, nonce=st.session_state["module.nonce"])
    if answers is not None:
        full, _ = curriculum.catalogue().module(module_id, current_language())
        try:
            with db() as s:
                st.session_state["module.result"] = submit_attempt(
                    s, user_id=user.id, module=full, answers=answers, attempt=attempt)
                st.session_state["module.earned"] = len(
                    issue_due(s, user_id=user.id, catalogue=curriculum.catalogue()))
        except AcademyError as error:  # a question left blank: nothing marked, answers kept
            if error.code != "quiz_outdated":
                show_warning(error)
            else:  # submitted meanwhile in another tab: show the next attempt's questions
                st.session_state.update({"module.notice": error, "module.attempt": None,
                                         "module.nonce": st.session_state["module.nonce"] + 1})
                st.rerun()
        else:
            st.session_state["module.attempt"] = None
            st.rerun()
else:
    outcome = st.session_state["module.result"]
    quiz.result(outcome)
    if st.session_state.get("module.earned"):
        st.success(t("module.certificate_earned"), icon=":material/workspace_premium:")
        st.page_link("pages/certificates.py", label=t("nav.certificates"))
    if outcome.passed and (after := curriculum.next_module(module_id, done | {module_id})):
        st.button(t("module.next_module", title=curriculum.title_of(after)), type="primary",
                  icon=arrow("forward"), key="module.next_module",
                  on_click=curriculum.choose, args=(after,))
    if st.button(t("quiz.retry"), key="module.retry", icon=":material/refresh:"):
        st.session_state["module.result"] = None
        st.session_state["module.nonce"] += 1
        st.rerun()
st.page_link("pages/modules.py", label=t("module.back"), icon=arrow("back"))
