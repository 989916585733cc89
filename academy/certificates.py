"""Certificates: a trainee who completes every module of a learning path gets one.

A certificate names the trainee, the path and the date, and carries a random
verification code. Anyone — an employer, a training officer in another country — can
type the code into the public "Verify a certificate" page and see the same three facts,
or "not found". The code is random, not derived from the name, so it cannot be guessed
from what is printed beside it; the alphabet avoids characters confused when typed from
paper (0/O, 1/I/L).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from academy import catalogs
from academy.curriculum import Catalogue, LearningPath
from academy.errors import AcademyError
from academy.models import Certificate, User
from academy.pdf import Report
from academy.progress import check_can_read, completed_ids
from academy.workshops import CODE_ALPHABET

CODE_LENGTH = 10


@dataclass(frozen=True)
class Verified:
    """What the public verification page may show."""

    holder_name: str
    path_id: str
    path_title: str
    issued_at: datetime


@dataclass(frozen=True)
class CertificateTexts:
    """The words of a certificate in the trainee's language (the UI supplies them)."""

    title: str
    awarded_to: str
    for_path: str
    date: str
    code: str
    modules: str
    verify_hint: str


def new_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not session.exec(select(Certificate).where(Certificate.code == code)).first():
            return code


def normalise_code(code: str) -> str:
    """A code as typed (spaces, dashes, lower case) in its stored form."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def path_done(path: LearningPath, completed: set[str]) -> tuple[int, int]:
    """(modules completed, modules in the path)."""
    return sum(m in completed for m in path.modules), len(path.modules)


def issue_due(
    session: Session, *, user_id: int, catalogue: Catalogue, now: datetime | None = None
) -> list[Certificate]:
    """Issue a certificate for every path the user has completed and not yet been certified for."""
    user = session.get(User, user_id)
    if user is None:
        return []
    completed = completed_ids(session, actor_id=user_id, user_id=user_id)
    held = {c.path_id for c in session.exec(
        select(Certificate).where(Certificate.user_id == user_id)).all()}
    issued = []
    for path in catalogue.paths:
        done, total = path_done(path, completed)
        if path.id in held or done < total:
            continue
        certificate = Certificate(
            user_id=user_id, path_id=path.id, path_title=path.title_in("en")[:200],
            holder_name=user.display_name, code=new_code(session),
            issued_at=now or datetime.now(UTC),
        )
        session.add(certificate)
        session.flush()
        issued.append(certificate)
    return issued


def certificates_of(session: Session, *, actor_id: int, user_id: int) -> list[Certificate]:
    check_can_read(session, actor_id=actor_id, user_id=user_id)
    return list(session.exec(
        select(Certificate).where(Certificate.user_id == user_id)
        .order_by(col(Certificate.issued_at))
    ).all())


def verify(session: Session, *, code: str, catalogue: Catalogue | None = None,
           lang: str = "en") -> Verified | None:
    """The certificate with this code, or None; the path title in ``lang`` when known."""
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return None
    found = session.exec(select(Certificate).where(Certificate.code == code)).first()
    if found is None:
        return None
    path = catalogue.path(found.path_id) if catalogue else None
    return Verified(
        holder_name=found.holder_name, path_id=found.path_id,
        path_title=path.title_in(lang) if path else found.path_title, issued_at=found.issued_at,
    )


def certificate_pdf(
    session: Session, *, actor_id: int, certificate_id: int, catalogue: Catalogue,
    texts: CertificateTexts, lang: str = "en",
) -> bytes:
    """The printable certificate; only its holder (or their instructor or an admin) gets it."""
    certificate = session.get(Certificate, certificate_id)
    if certificate is None:
        raise AcademyError("not_found")
    check_can_read(session, actor_id=actor_id, user_id=certificate.user_id)
    path = catalogue.path(certificate.path_id)
    title = path.title_in(lang) if path else certificate.path_title
    report = (
        Report(texts.title, subtitle=texts.verify_hint, footer=catalogs.footer(lang), lang=lang)
        .paragraph(texts.awarded_to)
        .heading(certificate.holder_name)
        .paragraph(texts.for_path)
        .heading(title)
        .table([texts.date, texts.code],
               [[certificate.issued_at.date().isoformat(), certificate.code]])
    )
    if path:
        names = [catalogue.module(m, lang)[0].title if _exists(catalogue, m) else m
                 for m in path.modules]
        report.heading(texts.modules).bullets(names)
    return report.render()


def _exists(catalogue: Catalogue, module_id: str) -> bool:
    try:
        catalogue.module(module_id, "en")
    except KeyError:
        return False
    return True
