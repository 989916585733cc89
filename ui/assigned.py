"""What the trainee's workshop assigned them, as the trainee's pages show it: first in
each list, marked, with how far the trainee is against it."""

from __future__ import annotations

import streamlit as st

from academy.assignments import Assigned, assigned_to
from ui.i18n import t
from ui.state import db


def of(user_id: int) -> Assigned:
    with db() as s:
        return assigned_to(s, user_id=user_id)


def mark() -> str:
    """The mark of an assigned module or scenario, as Markdown (a badge with words, not a
    colour alone)."""
    return f":blue-badge[:material/assignment: {t('assigned.badge')}]"


def badge() -> None:
    st.markdown(mark())


def modules_progress(assigned: Assigned) -> None:
    if assigned.modules:
        total = len(assigned.modules)
        st.progress(assigned.modules_passed / total,
                    text=t("assigned.modules", done=assigned.modules_passed, total=total))


def scenarios_progress(assigned: Assigned) -> None:
    if assigned.scenarios:
        total = len(assigned.scenarios)
        st.progress(assigned.scenarios_finished / total,
                    text=t("assigned.scenarios", done=assigned.scenarios_finished, total=total))
