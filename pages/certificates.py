"""A trainee's learning paths and the certificates they earned, to download as PDF."""

import streamlit as st

from academy.certificates import (
    CertificateTexts,
    certificate_pdf,
    certificates_of,
    issue_due,
    path_done,
)
from academy.progress import completed_ids
from ui import curriculum, session
from ui.i18n import current_language, t
from ui.state import db

user = session.require("trainee")
catalogue = curriculum.catalogue()
with db() as s:
    issue_due(s, user_id=user.id, catalogue=catalogue)  # e.g. a path that was just shortened
    held = {c.path_id: c for c in certificates_of(s, actor_id=user.id, user_id=user.id)}
    completed = completed_ids(s, actor_id=user.id, user_id=user.id)

texts = CertificateTexts(
    title=t("certificates.pdf_title"), awarded_to=t("certificates.pdf_awarded_to"),
    for_path=t("certificates.pdf_for_path"), date=t("certificates.pdf_date"),
    code=t("certificates.pdf_code"), modules=t("certificates.pdf_modules"),
    verify_hint=t("certificates.pdf_verify_hint"),
)


def pdf(certificate_id: int) -> bytes:
    with db() as s:
        return certificate_pdf(s, actor_id=user.id, certificate_id=certificate_id,
                               catalogue=catalogue, texts=texts, lang=current_language())


st.title(t("certificates.title"))
st.caption(t("certificates.intro"))
if not catalogue.paths:
    st.info(t("certificates.no_paths"))
for path in catalogue.paths:
    done, total = path_done(path, completed)
    certificate = held.get(path.id)
    with st.container(border=True):
        st.markdown(f"**{curriculum.path_title(path)}**")
        st.progress(done / total, text=t("modules.path_progress", done=done, total=total))
        if certificate is None:
            todo = [curriculum.title_of(m) for m in path.modules if m not in completed]
            st.caption(t("certificates.to_do", modules=", ".join(todo)))
            continue
        st.success(t("certificates.earned", date=certificate.issued_at.date().isoformat(),
                     code=certificate.code), icon=":material/workspace_premium:")
        st.download_button(t("certificates.download"), data=lambda c=certificate.id: pdf(c),
                           file_name=f"nest-certificate-{path.id}.pdf", mime="application/pdf",
                           key=f"certificates.pdf.{path.id}", icon=":material/download:")
