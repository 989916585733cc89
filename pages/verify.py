"""Verify a certificate: anyone, signed in or not, types a code and sees whose it is.

This page is public on purpose (an employer checking a printed certificate has no
account), so it does not call ``session.require``; it shows only what is printed on the
certificate itself: name, path and date.
"""

import streamlit as st

from academy.certificates import verify
from ui import curriculum
from ui.i18n import current_language, t
from ui.state import db
from ui.text import plain

st.title(t("verify.title"))
st.caption(t("verify.intro"))
with st.form("verify.form"):
    code = st.text_input(t("verify.code"), max_chars=20, key="verify.code",
                         placeholder=t("verify.placeholder"))
    submitted = st.form_submit_button(t("verify.button"), type="primary")
if submitted:
    with db() as s:
        found = verify(s, code=code, catalogue=curriculum.catalogue(), lang=current_language())
    if found is None:
        st.warning(t("verify.not_found"), icon=":material/help:")
    else:
        st.success(t("verify.valid"), icon=":material/verified:")
        st.markdown(f"**{t('verify.holder')}** {plain(found.holder_name)}")
        st.markdown(f"**{t('verify.path')}** {plain(found.path_title)}")
        st.markdown(f"**{t('verify.date')}** {found.issued_at.date().isoformat()}")
