"""Progress, certificates and who may read them (SQLite, and PostgreSQL when available)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from academy.accounts import create_user
from academy.certificates import (
    CODE_LENGTH,
    CertificateTexts,
    certificate_pdf,
    certificates_of,
    issue_due,
    verify,
)
from academy.cohort import workshop_progress
from academy.curriculum import Catalogue, LearningPath, load_catalogue
from academy.errors import AcademyError
from academy.progress import (
    IDLE_CAP,
    attempts_of,
    last_opened,
    open_module,
    progress_of,
    save_position,
    submit_attempt,
)
from academy.workshops import CODE_ALPHABET, create_workshop
from tests.academy.curriculum_helpers import cohort, right_answers, wrong_answers

pytestmark = pytest.mark.postgres

FULL = load_catalogue()
NOTICES, _ = FULL.module("interpol-notices", "en")
NEST, _ = FULL.module("nest-model", "en")
CATALOGUE = Catalogue(modules=FULL.modules, paths=(
    LearningPath(id="mini", title={"en": "Mini path", "fr": "Mini parcours"},
                 modules=("interpol-notices", "nest-model")),
))
TEXTS = CertificateTexts(title="Certificate", awarded_to="To", for_path="for", date="Date",
                         code="Code", modules="Modules", verify_hint="Verify it")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_opening_a_module_starts_it_and_counts_time_with_a_cap(session):
    _, _, amina, _ = cohort(session)
    row = open_module(session, user_id=amina.id, module_id="interpol-notices", now=T0)
    assert row.started_at == T0 and row.seconds_spent == 0
    open_module(session, user_id=amina.id, module_id="interpol-notices", now=T0 + timedelta(seconds=90))
    row = open_module(session, user_id=amina.id, module_id="interpol-notices", now=T0 + timedelta(hours=3))
    assert row.seconds_spent == 90 + int(IDLE_CAP.total_seconds())


def test_the_position_is_remembered_for_the_next_visit(session):
    _, _, amina, _ = cohort(session)
    save_position(session, user_id=amina.id, module_id="nest-model", position="3", now=T0)
    save_position(session, user_id=amina.id, module_id="interpol-notices", position="quiz",
                  now=T0 + timedelta(minutes=1))
    rows = progress_of(session, actor_id=amina.id, user_id=amina.id)
    assert rows["nest-model"].last_section == "3" and rows["interpol-notices"].last_section == "quiz"
    assert last_opened(session, actor_id=amina.id, user_id=amina.id) == "interpol-notices"
    with pytest.raises(AcademyError):
        save_position(session, user_id=amina.id, module_id="nest-model", position="<script>")


def test_attempts_keep_the_best_score_and_completion(session):
    _, _, amina, _ = cohort(session)
    failed = submit_attempt(session, user_id=amina.id, module=NOTICES,
                            answers=wrong_answers(NOTICES), now=T0)
    assert not failed.passed
    row = progress_of(session, actor_id=amina.id, user_id=amina.id)["interpol-notices"]
    assert row.completed_at is None and row.attempts == 1
    submit_attempt(session, user_id=amina.id, module=NOTICES, answers=right_answers(NOTICES),
                   now=T0 + timedelta(minutes=5))
    submit_attempt(session, user_id=amina.id, module=NOTICES, answers=wrong_answers(NOTICES),
                   now=T0 + timedelta(minutes=9))
    row = progress_of(session, actor_id=amina.id, user_id=amina.id)["interpol-notices"]
    assert row.attempts == 3 and row.best_score == 100
    assert row.completed_at == T0 + timedelta(minutes=5)  # a later failure does not undo it
    attempts = attempts_of(session, actor_id=amina.id, user_id=amina.id, module_id="interpol-notices")
    assert [a.passed for a in attempts] == [False, True, False]
    assert json.loads(attempts[1].answers) == {k: sorted(v) for k, v in right_answers(NOTICES).items()}


def test_a_knowledge_check_with_blank_questions_is_refused_and_not_stored(session):
    _, _, amina, _ = cohort(session)
    answers = right_answers(NOTICES) | {NOTICES.quiz[1].id: []}
    with pytest.raises(AcademyError) as caught:
        submit_attempt(session, user_id=amina.id, module=NOTICES, answers=answers, now=T0)
    assert caught.value.code == "quiz_incomplete"
    assert caught.value.params == {"count": 1, "total": len(NOTICES.quiz), "numbers": "2"}
    assert attempts_of(session, actor_id=amina.id, user_id=amina.id,
                       module_id="interpol-notices") == []
    row = progress_of(session, actor_id=amina.id, user_id=amina.id).get("interpol-notices")
    assert row is None or (row.attempts == 0 and row.completed_at is None)


def test_a_trainee_cannot_read_another_trainees_progress_or_certificates(session):
    instructor, _, amina, carlos = cohort(session)
    submit_attempt(session, user_id=amina.id, module=NOTICES, answers=right_answers(NOTICES))
    for read in (progress_of, certificates_of):
        with pytest.raises(AcademyError) as caught:
            read(session, actor_id=carlos.id, user_id=amina.id)
        assert caught.value.code == "forbidden"
    with pytest.raises(AcademyError):
        attempts_of(session, actor_id=carlos.id, user_id=amina.id, module_id="interpol-notices")
    assert "interpol-notices" in progress_of(session, actor_id=instructor.id, user_id=amina.id)


def test_an_instructor_of_another_workshop_cannot_read_progress(session):
    _, _, amina, _ = cohort(session)
    other = create_user(session, username="other-teacher", display_name="Other",
                        role="instructor", password="long-password")
    create_workshop(session, title="Elsewhere", instructor=other, join_code="ELSE42")
    with pytest.raises(AcademyError):
        progress_of(session, actor_id=other.id, user_id=amina.id)
    with pytest.raises(AcademyError):
        workshop_progress(session, actor_id=other.id, workshop_id=1, module_ids=["nest-model"])


def complete_path(session, user_id: int) -> None:
    for module in (NOTICES, NEST):
        submit_attempt(session, user_id=user_id, module=module, answers=right_answers(module))


def test_completing_a_path_issues_one_verifiable_certificate(session):
    _, _, amina, _ = cohort(session)
    submit_attempt(session, user_id=amina.id, module=NOTICES, answers=right_answers(NOTICES))
    assert issue_due(session, user_id=amina.id, catalogue=CATALOGUE) == []
    submit_attempt(session, user_id=amina.id, module=NEST, answers=right_answers(NEST))
    [certificate] = issue_due(session, user_id=amina.id, catalogue=CATALOGUE, now=T0)
    assert issue_due(session, user_id=amina.id, catalogue=CATALOGUE) == []  # only once
    code = certificate.code
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    found = verify(session, code=f" {code[:5].lower()}-{code[5:]} ", catalogue=CATALOGUE, lang="fr")
    assert found and found.holder_name == "Amina Diallo" and found.path_title == "Mini parcours"
    assert found.issued_at == T0
    assert verify(session, code="ABCDEFGHJK") is None and verify(session, code="") is None
    assert verify(session, code=code + "X") is None


def test_certificate_pdf_only_for_its_holder_or_their_instructor(session):
    instructor, _, amina, carlos = cohort(session)
    complete_path(session, amina.id)
    [certificate] = issue_due(session, user_id=amina.id, catalogue=CATALOGUE)
    data = certificate_pdf(session, actor_id=amina.id, certificate_id=certificate.id,
                           catalogue=CATALOGUE, texts=TEXTS)
    assert data.startswith(b"%PDF-")
    assert certificate_pdf(session, actor_id=instructor.id, certificate_id=certificate.id,
                           catalogue=CATALOGUE, texts=TEXTS).startswith(b"%PDF-")
    with pytest.raises(AcademyError):
        certificate_pdf(session, actor_id=carlos.id, certificate_id=certificate.id,
                        catalogue=CATALOGUE, texts=TEXTS)
    with pytest.raises(AcademyError):
        certificate_pdf(session, actor_id=amina.id, certificate_id=9999, catalogue=CATALOGUE,
                        texts=TEXTS)


def test_workshop_progress_shows_who_passed_and_the_hardest_questions(session):
    instructor, workshop, amina, carlos = cohort(session)
    submit_attempt(session, user_id=amina.id, module=NOTICES, answers=right_answers(NOTICES))
    answers = right_answers(NOTICES) | {"q1": wrong_answers(NOTICES)["q1"]}
    submit_attempt(session, user_id=carlos.id, module=NOTICES, answers=answers)
    submit_attempt(session, user_id=carlos.id, module=NOTICES, answers=right_answers(NOTICES))
    report = workshop_progress(session, actor_id=instructor.id, workshop_id=workshop.id,
                               module_ids=["interpol-notices", "nest-model"])
    notices = report.modules[0]
    assert notices.passed == ("Amina Diallo", "Carlos Ruiz") and notices.started == 2
    assert report.modules[1].started == 0 and report.modules[1].average_best is None
    hardest = report.hardest("interpol-notices")[0]
    assert (hardest.question_id, hardest.wrong, hardest.first_attempts) == ("q1", 1, 2)
    assert len(report.hardest("interpol-notices")) == len(NOTICES.quiz)
    with pytest.raises(AcademyError):
        workshop_progress(session, actor_id=amina.id, workshop_id=workshop.id, module_ids=[])


def test_the_french_certificate_reads_in_french_with_module_titles(session):
    import io

    import pypdf

    from academy import catalogs

    _, _, amina, _ = cohort(session)
    complete_path(session, amina.id)
    [certificate] = issue_due(session, user_id=amina.id, catalogue=CATALOGUE)
    data = certificate_pdf(session, actor_id=amina.id, certificate_id=certificate.id,
                           catalogue=CATALOGUE, texts=TEXTS, lang="fr")
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
                    .split())
    assert "Mini parcours" in text and FULL.module("nest-model", "fr")[0].title in text
    assert "interpol-notices" not in text and "nest-model" not in text  # titles, not ids
    assert catalogs.say("pdf.footer", "fr") in text and "not affiliated" not in text
