"""The learning paths as LMS packages (SCORM 1.2 and cmi5), for instructors and admins.

A package carries the knowledge checks' answer keys (they are marked inside the LMS), so
the panel shows only to those ``academy.lms_package`` lets build one, and the build itself
checks the user's role again on the server when the file is asked for. The zip is made
only then, on Streamlit's download thread: the page's reruns do not pay for it.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from academy import lms_package
from academy.curriculum import Catalogue
from academy.models import User
from ui import curriculum
from ui.choice import prompt
from ui.i18n import LANGUAGES, current_language, t
from ui.session import CurrentUser
from ui.workshop_pick import me


def _zip(catalogue: Catalogue, user: User, path_id: str, lang: str,
         kind: lms_package.Kind) -> bytes:
    return lms_package.build(catalogue, user=user, path_id=path_id, lang=lang, kind=kind).data


def packages(user: CurrentUser) -> None:
    """An expander to download a learning path as an LMS package, in a content language."""
    record = me(user)
    catalogue = curriculum.catalogue()
    if not lms_package.may_build(record) or not catalogue.paths:
        return
    with st.expander(t("lms.title"), icon=":material/deployed_code:"):
        st.caption(t("lms.intro"))
        left, right = st.columns(2)
        paths = {p.id: p for p in catalogue.paths}
        path_id = left.selectbox(t("lms.path"), list(paths), key="lms.path",
                                 format_func=lambda i: curriculum.path_title(paths[i]),
                                 placeholder=prompt(list(paths)))
        langs = lms_package.languages(catalogue)
        here = current_language()
        lang = right.selectbox(t("lms.language"), langs, key="lms.lang",
                               index=langs.index(here) if here in langs else 0,
                               format_func=lambda code: LANGUAGES.get(code, code),
                               placeholder=prompt(langs))
        st.warning(t("lms.answer_keys"), icon=":material/key:")
        for column, kind in zip(st.columns(2), lms_package.KINDS, strict=True):
            column.download_button(
                t(f"lms.{kind}"), partial(_zip, catalogue, record, path_id, lang, kind),
                lms_package.filename(path_id, lang, kind), "application/zip",
                key=f"lms.download.{kind}", on_click="ignore", icon=":material/download:")
