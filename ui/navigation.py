"""The menu each role sees.

Every page is registered for everyone so that a typed URL reaches the page itself, which
then refuses anyone without the role (see ``ui.session.require``); only the pages of the
user's role are shown in the menu.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.i18n import t
from ui.session import CurrentUser


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    url: str
    roles: tuple[str, ...]  # empty: only for people not signed in


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/sign_in.py", "nav.sign_in", ":material/login:", "sign-in", ()),
    PageSpec("pages/trainee_home.py", "nav.my_training", ":material/school:", "my-training", ("trainee",)),
    PageSpec("pages/exercises.py", "nav.exercises", ":material/travel_explore:", "exercises", ("trainee",)),
    PageSpec("pages/desk.py", "nav.desk", ":material/desk:", "desk", ("trainee",)),
    PageSpec("pages/debrief.py", "nav.debrief", ":material/insights:", "debrief", ("trainee",)),
    PageSpec("pages/instructor_home.py", "nav.workshops", ":material/groups:", "workshops", ("instructor", "admin")),
    PageSpec("pages/workshop.py", "nav.workshop_setup", ":material/tune:", "workshop-setup", ("instructor", "admin")),
    PageSpec("pages/dashboard.py", "nav.dashboard", ":material/monitor_heart:", "dashboard", ("instructor", "admin")),
    PageSpec("pages/studio.py", "nav.studio", ":material/edit_note:", "studio", ("instructor", "admin")),
    PageSpec("pages/cohort.py", "nav.cohort", ":material/reviews:", "cohort-debrief", ("instructor", "admin")),
    PageSpec("pages/admin_users.py", "nav.users", ":material/manage_accounts:", "users", ("admin",)),
)


HOMES = {
    "trainee": "pages/trainee_home.py",
    "instructor": "pages/instructor_home.py",
    "admin": "pages/admin_users.py",
}


def home(role: str) -> str:
    """The path of the first page a role sees after signing in."""
    return HOMES[role]


def build(user: CurrentUser | None) -> st.navigation:  # type: ignore[valid-type]
    """``st.navigation`` with the user's pages visible (their home first) and the rest hidden."""
    role = user.role if user else None

    def visible(spec: PageSpec) -> bool:
        return role in spec.roles if role else not spec.roles

    first = HOMES.get(role or "", "pages/sign_in.py")
    ordered = sorted(PAGES, key=lambda spec: (spec.path != first, not visible(spec)))
    pages = [
        st.Page(
            spec.path,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url,
            default=index == 0,
            visibility="visible" if visible(spec) else "hidden",
        )
        for index, spec in enumerate(ordered)
    ]
    return st.navigation(pages)
