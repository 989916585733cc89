"""The menu each role sees.

Every page is registered for everyone so that a typed URL reaches the page itself, which
then refuses anyone without the role (see ``ui.session.require``); only the pages of the
user's role are shown in the menu.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import streamlit as st

from ui.i18n import current_language, t
from ui.session import PAGE, RETURN_TO, CurrentUser


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    url: str
    roles: tuple[str, ...]  # empty: only for people not signed in; ANYONE: signed out too
    menu: bool = True  # False: reachable by links only (e.g. one module), never listed


ANYONE = "anyone-signed-out"  # a "role" for public pages: shown to people not signed in
EVERYONE = ("trainee", "instructor", "admin", "country", "regional", ANYONE)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/sign_in.py", "nav.sign_in", ":material/login:", "sign-in", ()),
    PageSpec("pages/trainee_home.py", "nav.my_training", ":material/school:", "my-training", ("trainee",)),
    PageSpec("pages/modules.py", "nav.modules", ":material/menu_book:", "modules", ("trainee",)),
    PageSpec("pages/module.py", "nav.module", ":material/auto_stories:", "module", ("trainee",), menu=False),
    PageSpec("pages/exercises.py", "nav.exercises", ":material/travel_explore:", "exercises", ("trainee",)),
    PageSpec("pages/desk.py", "nav.desk", ":material/desk:", "desk", ("trainee",)),
    PageSpec("pages/operation.py", "nav.operation", ":material/diversity_3:", "operation", ("trainee",)),
    PageSpec("pages/debrief.py", "nav.debrief", ":material/insights:", "debrief", ("trainee",)),
    PageSpec("pages/operation_debrief.py", "nav.operation_debrief", ":material/diversity_3:", "operation-debrief", ("trainee", "instructor", "admin")),
    PageSpec("pages/certificates.py", "nav.certificates", ":material/workspace_premium:", "certificates", ("trainee",)),
    PageSpec("pages/instructor_home.py", "nav.workshops", ":material/groups:", "workshops", ("instructor", "admin")),
    PageSpec("pages/workshop.py", "nav.workshop_setup", ":material/tune:", "workshop-setup", ("instructor", "admin")),
    PageSpec("pages/dashboard.py", "nav.dashboard", ":material/monitor_heart:", "dashboard", ("instructor", "admin")),
    PageSpec("pages/control_cell.py", "nav.control_cell", ":material/settings_remote:", "control-cell", ("instructor", "admin")),
    PageSpec("pages/studio.py", "nav.studio", ":material/edit_note:", "studio", ("instructor", "admin")),
    PageSpec("pages/cohort.py", "nav.cohort", ":material/reviews:", "cohort-debrief", ("instructor", "admin")),
    PageSpec("pages/training_requests.py", "nav.training_requests", ":material/assignment_add:", "training-requests", ("instructor", "admin")),
    PageSpec("pages/workshop_progress.py", "nav.workshop_progress", ":material/monitoring:", "workshop-progress", ("instructor", "admin")),
    PageSpec("pages/admin_users.py", "nav.users", ":material/manage_accounts:", "users", ("admin",)),
    PageSpec("pages/guide.py", "nav.guide", ":material/map:", "nest-guide", ("country", "admin")),
    PageSpec("pages/agencies.py", "nav.agencies", ":material/hub:", "agency-map", ("country", "admin")),
    PageSpec("pages/assessment.py", "nav.assessment", ":material/checklist:", "readiness-assessment", ("country", "admin")),
    PageSpec("pages/consensus.py", "nav.consensus", ":material/handshake:", "readiness-consensus", ("country", "admin")),
    PageSpec("pages/readiness_results.py", "nav.results", ":material/radar:", "readiness-results", ("country", "admin")),
    PageSpec("pages/training_plan.py", "nav.training_plan", ":material/school:", "training-plan", ("country", "admin")),
    PageSpec("pages/improvement.py", "nav.improvement", ":material/task_alt:", "improvement-plan", ("country", "admin")),
    PageSpec("pages/regional.py", "nav.regional", ":material/public:", "regional", ("regional", "admin")),
    PageSpec("pages/admin_teams.py", "nav.teams", ":material/flag:", "country-teams", ("admin",)),
    PageSpec("pages/verify.py", "nav.verify", ":material/verified:", "verify", EVERYONE),
)


HOMES = {
    "trainee": "pages/trainee_home.py",
    "instructor": "pages/instructor_home.py",
    "admin": "pages/admin_users.py",
    "country": "pages/guide.py",
    "regional": "pages/regional.py",
}


def home(role: str) -> str:
    """The path of the first page a role sees after signing in."""
    return HOMES[role]


def after_sign_in(role: str) -> str:
    """Where signing in leads: the page asked for while signed out (a reload, a new tab or a
    server restart ends a Streamlit session, and the person lands there again), if this
    role may see it; else the role's home."""
    wanted = st.session_state.pop(RETURN_TO, None)
    spec = next((p for p in PAGES if p.url == wanted), None)
    return spec.path if spec is not None and role in spec.roles else home(role)


def record(page: Any) -> None:
    """Remember the page this run draws, for ``after_sign_in``."""
    st.session_state[PAGE] = page.url_path


def build(user: CurrentUser | None) -> st.navigation:  # type: ignore[valid-type]
    """``st.navigation`` with the user's pages visible (their home first) and the rest hidden."""
    # each run gets its own copies: st.navigation marks the chosen page as runnable
    return st.navigation([copy.copy(page) for page in _pages(user.role if user else None,
                                                              current_language())])


@lru_cache(maxsize=64)
def _pages(role: str | None, lang: str) -> tuple[st.Page, ...]:  # type: ignore[valid-type]
    """The pages of one role in one language, made once per server (``st.Page`` resolves
    every path on disk, a cost each run of each trainee would otherwise pay)."""

    def visible(spec: PageSpec) -> bool:
        allowed = role in spec.roles if role else (not spec.roles or ANYONE in spec.roles)
        return allowed and spec.menu

    first = HOMES.get(role or "", "pages/sign_in.py")
    ordered = sorted(PAGES, key=lambda spec: (spec.path != first, not visible(spec)))
    return tuple(
        st.Page(
            spec.path,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=spec.url,
            default=index == 0,
            visibility="visible" if visible(spec) else "hidden",
        )
        for index, spec in enumerate(ordered)
    )
