"""An exercise played on an older engine says so on the desk and the debrief, in the
trainee's language; one played on today's engine says nothing (AppTest via app.py)."""

from __future__ import annotations

import pytest

from engine.version import ENGINE_VERSION
from tests.pages.helpers import as_trainee, play_to_end, reopen_desk, start_wildlife
from tests.pages.test_debrief_i18n_pages import open_debrief

NOTE = {
    "en": f"Played on engine version 1; replayed under version {ENGINE_VERSION} rules",
    "fr": f"Joué sur la version 1 du moteur\u202f; rejoué selon les règles de la version {ENGINE_VERSION}",
    "es": f"Jugado con la versión 1 del motor; reproducido con las reglas de la versión {ENGINE_VERSION}",
    "ar": "لُعب هذا التمرين على الإصدار \u20681\u2069 من المحرّك",  # numbers isolated
}


def _set_version(db_url: str, exercise_id: int | None, version: int) -> int:
    """Mark an exercise (the only one, when ``exercise_id`` is None) as played on ``version``."""
    from sqlmodel import select

    from academy.db import make_engine, session_scope
    from academy.models import ExerciseRecord

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        q = select(ExerciseRecord)
        if exercise_id is not None:
            q = q.where(ExerciseRecord.id == exercise_id)
        record = s.exec(q).one()
        record.engine_version = version
        s.add(record)
        found = record.id or 0
    engine.dispose()
    return found


def _infos(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(i.value) for i in at.info]


def test_a_new_exercise_says_nothing_of_engine_versions(app_db):
    at = start_wildlife(as_trainee())
    assert not any("engine version" in i for i in _infos(at))


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_the_desk_of_an_exercise_played_on_version_1_says_so(app_db, lang):
    start_wildlife(as_trainee())
    _set_version(app_db, None, 1)
    at = reopen_desk(lang, {"en": "Inbox", "fr": "Boîte de réception", "es": "Bandeja de entrada",
                            "ar": "البريد الوارد"}[lang])
    assert not at.exception
    assert any(NOTE[lang] in i for i in _infos(at)), _infos(at)


def test_the_debrief_of_an_exercise_played_on_version_1_says_so(app_db):
    exercise_id, _ = play_to_end(app_db, {"kind": "advance", "days": 7})
    assert not any(NOTE["en"] in i for i in _infos(open_debrief(exercise_id, "en")))
    _set_version(app_db, exercise_id, 1)
    assert any(NOTE["en"] in i for i in _infos(open_debrief(exercise_id, "en")))
    assert any(NOTE["fr"] in i for i in _infos(open_debrief(exercise_id, "fr")))
