"""The knowledge check on screen: the form (no answer key in it) and the marked result.

The form is built from the :class:`PublicQuestion` s an attempt drew, which have no
``correct`` and no ``why``; explanations appear only from the :class:`GradeResult` the
server returns after a submission, and only those it chose to reveal. A retry gets new
widget keys (a fresh, empty form) and new questions.
"""

from __future__ import annotations

import streamlit as st

from academy.curriculum import PublicQuestion
from academy.grading import GradeResult, OptionFeedback
from ui.i18n import t


def form(questions: tuple[PublicQuestion, ...], *, nonce: int) -> dict[str, list[str]] | None:
    """The answers as {question id: option ids} when submitted, else None."""
    answers: dict[str, list[str]] = {}
    with st.form(f"module.quiz_form.{nonce}"):
        for number, question in enumerate(questions, start=1):
            texts = {o.id: o.text for o in question.options}
            label = f"**{number}.** {question.prompt}"
            key = f"module.q{nonce}.{question.id}"
            with st.container(border=True):
                if question.scenario:
                    st.caption(t("quiz.scenario"))
                if question.type == "multiple":
                    st.markdown(label)
                    st.caption(t("quiz.choose_all"))
                    answers[question.id] = [
                        oid for oid, text in texts.items()
                        if st.checkbox(text, key=f"{key}.{oid}")
                    ]
                else:
                    choice = st.radio(label, list(texts), index=None, key=key,
                                      format_func=texts.__getitem__)
                    answers[question.id] = [choice] if choice else []
        submitted = st.form_submit_button(t("quiz.submit"), type="primary")
    return answers if submitted else None


_UNMARKED = ":gray[:material/radio_button_unchecked:]"


def _tags(option: OptionFeedback, revealed: bool) -> list[str]:
    if not revealed:  # a failed question: only the trainee's own choices are judged
        return [t("quiz.your_right_choice") if option.correct else t("quiz.your_wrong_choice")]
    tags = [t("quiz.your_choice")] if option.chosen else []
    return tags + ([t("quiz.correct_answer")] if option.correct else [])


def result(outcome: GradeResult) -> None:
    """The score, then each question asked: right or wrong, and the explanations it earned.

    The result carries ``correct``/``why`` only where the server chose to reveal them (see
    ``academy.grading``): on a failed attempt, a wrong question explains the trainee's own
    choices and withholds the right option.
    """
    summary = t("quiz.score", score=outcome.score, right=len(outcome.questions) - len(outcome.wrong),
                total=len(outcome.questions))
    if outcome.passed:
        st.success(t("quiz.passed") + " " + summary, icon=":material/check_circle:")
    else:
        st.error(t("quiz.failed") + " " + summary, icon=":material/cancel:")
    for number, question in enumerate(outcome.questions, start=1):
        mark = t("quiz.right") if question.correct else t("quiz.wrong")
        with st.expander(f"{number}. {mark} — {question.prompt}", expanded=not question.correct,
                         icon=":material/check:" if question.correct else ":material/close:"):
            for option in question.options:
                if option.why is None:  # withheld: the option as it was offered, nothing more
                    st.markdown(f"{_UNMARKED} {option.text}")
                    continue
                marker = (":green[:material/check_circle:]" if option.correct else
                          ":red[:material/cancel:]" if option.chosen else
                          _UNMARKED)
                tags = _tags(option, question.revealed) if option.chosen or option.correct else []
                tag = f" _({', '.join(tags)})_" if tags else ""
                st.markdown(f"{marker} **{option.text}**{tag}")
                st.caption(option.why)
            if not question.revealed and question.missed_some:
                st.info(t("quiz.missed_some"), icon=":material/info:")
            if not question.revealed and len(question.options) > 2:  # true/false: nothing to hide
                st.caption(t("quiz.withheld"))
