"""Progress, certificates and who may read them (SQLite, and PostgreSQL when available)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from academy.accounts import create_user
from academy.bank import QUESTIONS_SHOWN
from academy.certificates import (
    CODE_LENGTH,
    CertificateTexts,
    certificate_pdf,
    certificates_of,
    issue_due,
    verify,
)
from academy.cohort import workshop_progress
from academy.curriculum import Catalogue, LearningPath, load_catalogue, public_module
from academy.errors import AcademyError
from academy.models import QuizAttempt
from academy.progress import (
    IDLE_CAP,
    attempts_of,
    current_quiz,
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
    asked = json.loads(attempts[1].questions)
    assert json.loads(attempts[1].answers) == {k: sorted(right_answers(NOTICES)[k]) for k in asked}


def test_an_attempt_marks_and_stores_only_the_questions_it_drew(session):
    _, _, amina, _ = cohort(session)
    attempt, asked = current_quiz(session, user_id=amina.id, module_id=NOTICES.id,
                                  bank=public_module(NOTICES).quiz)
    assert attempt == 0 and len(asked) == QUESTIONS_SHOWN < len(NOTICES.quiz)
    ids = [q.id for q in asked]
    result = submit_attempt(session, user_id=amina.id, module=NOTICES,
                            answers=wrong_answers(NOTICES) | {i: right_answers(NOTICES)[i] for i in ids},
                            attempt=0, now=T0)
    assert [q.id for q in result.questions] == ids  # the bank's other questions are not marked
    assert result.score == 100 and result.passed  # the pass mark applies to the questions asked
    [stored] = attempts_of(session, actor_id=amina.id, user_id=amina.id, module_id=NOTICES.id)
    assert json.loads(stored.questions) == ids and sorted(json.loads(stored.answers)) == sorted(ids)
    assert json.loads(stored.wrong) == []


def test_a_retry_draws_other_questions_and_a_resumed_attempt_the_same(session):
    _, _, amina, carlos = cohort(session)
    bank = public_module(NOTICES).quiz

    def asked(user_id: int) -> tuple[int, set[str]]:
        attempt, questions = current_quiz(session, user_id=user_id, module_id=NOTICES.id, bank=bank)
        return attempt, {q.id for q in questions}

    first = asked(amina.id)
    assert asked(amina.id) == first  # the page reloaded, or the trainee back tomorrow
    submit_attempt(session, user_id=amina.id, module=NOTICES, answers=wrong_answers(NOTICES))
    second = asked(amina.id)
    assert second[0] == 1 and not first[1] & second[1]  # a retry asks new questions only
    submit_attempt(session, user_id=amina.id, module=NOTICES, answers=wrong_answers(NOTICES))
    assert asked(amina.id)[1] != second[1]
    assert asked(carlos.id)[0] == 0  # each trainee has their own attempts


def test_answers_to_an_attempt_already_submitted_are_refused(session):
    _, _, amina, _ = cohort(session)
    submit_attempt(session, user_id=amina.id, module=NOTICES, answers=right_answers(NOTICES),
                   attempt=0)
    with pytest.raises(AcademyError) as caught:  # the same form, sent again from another tab
        submit_attempt(session, user_id=amina.id, module=NOTICES,
                       answers=right_answers(NOTICES), attempt=0)
    assert caught.value.code == "quiz_outdated"
    assert len(attempts_of(session, actor_id=amina.id, user_id=amina.id,
                           module_id=NOTICES.id)) == 1


def test_a_knowledge_check_with_blank_questions_is_refused_and_not_stored(session):
    _, _, amina, _ = cohort(session)
    _, asked = current_quiz(session, user_id=amina.id, module_id=NOTICES.id, bank=NOTICES.quiz)
    answers = right_answers(NOTICES) | {asked[1].id: []}
    with pytest.raises(AcademyError) as caught:
        submit_attempt(session, user_id=amina.id, module=NOTICES, answers=answers, now=T0)
    assert caught.value.code == "quiz_incomplete"
    assert caught.value.params == {"count": 1, "total": QUESTIONS_SHOWN, "numbers": "2"}
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
    drawn = {user.id: {q.id for q in current_quiz(session, user_id=user.id, module_id=NOTICES.id,
                                                  bank=NOTICES.quiz)[1]} for user in (amina, carlos)}
    submit_attempt(session, user_id=amina.id, module=NOTICES, answers=right_answers(NOTICES))
    missed = sorted(drawn[carlos.id])[0]
    answers = right_answers(NOTICES) | {missed: wrong_answers(NOTICES)[missed]}
    submit_attempt(session, user_id=carlos.id, module=NOTICES, answers=answers)
    submit_attempt(session, user_id=carlos.id, module=NOTICES, answers=right_answers(NOTICES))
    report = workshop_progress(session, actor_id=instructor.id, workshop_id=workshop.id,
                               module_ids=["interpol-notices", "nest-model"])
    notices = report.modules[0]
    assert notices.passed == ("Amina Diallo", "Carlos Ruiz") and notices.started == 2
    assert report.modules[1].started == 0 and report.modules[1].average_best is None
    hardest = report.hardest("interpol-notices")[0]
    asked_twice = missed in drawn[amina.id]
    assert (hardest.question_id, hardest.wrong, hardest.first_attempts) == (missed, 1, 1 + asked_twice)
    # each question counts the trainees whose first attempt asked it, not the whole bank
    rows = {r.question_id: r.first_attempts for r in report.hardest("interpol-notices")}
    assert rows == {q: (q in drawn[amina.id]) + (q in drawn[carlos.id])
                    for q in drawn[amina.id] | drawn[carlos.id]}
    with pytest.raises(AcademyError):
        workshop_progress(session, actor_id=amina.id, workshop_id=workshop.id, module_ids=[])


def test_attempts_stored_before_draws_still_count_every_question_they_answered(session):
    instructor, workshop, amina, _ = cohort(session)
    answered = {q.id: ["a"] for q in NOTICES.quiz[:8]}  # the whole bank of the old quiz
    session.add(QuizAttempt(user_id=amina.id, module_id=NOTICES.id, lang="en",
                            answers=json.dumps(answered), wrong=json.dumps(["q2"]), score=88,
                            passed=True, submitted_at=T0))  # no ``questions``: an old record
    session.flush()
    report = workshop_progress(session, actor_id=instructor.id, workshop_id=workshop.id,
                               module_ids=[NOTICES.id])
    rows = {r.question_id: (r.wrong, r.first_attempts) for r in report.hardest(NOTICES.id)}
    assert rows == {qid: (int(qid == "q2"), 1) for qid in answered}


def test_the_french_certificate_reads_in_french_with_module_titles(session):
    import io

    import pypdf

    from academy import catalogs

    _, _, amina, _ = cohort(session)
    complete_path(session, amina.id)
    [certificate] = issue_due(session, user_id=amina.id, catalogue=CATALOGUE)
    data = certificate_pdf(session, actor_id=amina.id, certificate_id=certificate.id,
                           catalogue=CATALOGUE, texts=TEXTS, lang="fr")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    text = re.sub(r"[ \t\r\n]+", " ", text)  # a French U+202F stays as printed
    assert "Mini parcours" in text and FULL.module("nest-model", "fr")[0].title in text
    assert "interpol-notices" not in text and "nest-model" not in text  # titles, not ids
    assert catalogs.say("pdf.footer", "fr") in text and "not affiliated" not in text


def test_the_arabic_certificate_reads_right_to_left_with_arabic_module_titles(session):
    """An Arabic reader's certificate names the modules in Arabic and starts each line at the
    right margin (short lines end there); the same certificate in English starts at the left."""
    import io

    import pypdf

    from academy import catalogs

    modules = ("case-meetings", "fisheries-crime")
    catalogue = Catalogue(modules=FULL.modules, paths=(
        LearningPath(id="mini", title={"en": "Mini path", "ar": "مسار قصير"}, modules=modules),))
    _, _, amina, _ = cohort(session)
    for module_id in modules:
        module, _ = FULL.module(module_id, "en")
        submit_attempt(session, user_id=amina.id, module=module, answers=right_answers(module))
    [certificate] = issue_due(session, user_id=amina.id, catalogue=catalogue)

    def lines(lang: str) -> dict[str, float]:
        texts = CertificateTexts(title="شهادة", awarded_to="نشهد بأن", for_path="أكمل",
                                 date="التاريخ", code="الرمز", modules="الوحدات",
                                 verify_hint="تحقّق منها") if lang == "ar" else TEXTS
        data = certificate_pdf(session, actor_id=amina.id, certificate_id=certificate.id,
                               catalogue=catalogue, texts=texts, lang=lang)
        starts: dict[str, float] = {}

        def seen(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
            if text.strip():
                starts[" ".join(text.split())] = tm[4] * cm[0] + cm[4]

        pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=seen)
        return starts

    arabic, english = lines("ar"), lines("en")
    width = 595  # A4, in points
    assert arabic["نشهد بأن"] > width / 2 and arabic["الوحدات"] > width / 2
    assert english["To"] < width / 4 and english["Modules"] < width / 4
    for module_id in modules:
        title = FULL.module(module_id, "ar")[0].title
        assert any(title in text for text in arabic), title
    assert "Mini path" not in " ".join(arabic) and "مسار قصير" in " ".join(arabic)
    assert catalogs.footer("ar").split()[0] in " ".join(arabic)
