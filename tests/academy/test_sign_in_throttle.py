"""Guessing is slowed per client and name, counted before the PIN is checked, and never
locks the real person out (academy/throttle.py, academy/passwords.py)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session, func, select

from academy import passwords, throttle
from academy.accounts import create_user, join_workshop, sign_in
from academy.errors import AcademyError
from academy.models import SignInAttempt, SignInThrottle, User
from academy.roster import slowed_trainees, unlock_trainee
from academy.workshops import create_workshop

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ATTACKER, DESK = "10.0.0.66", "10.0.0.12"


@pytest.fixture
def room(session):
    ines = create_user(session, username="ines", display_name="Inès", role="instructor",
                       password="correct-horse")
    other = create_user(session, username="omar", display_name="Omar", role="instructor",
                        password="correct-horse")
    ws = create_workshop(session, title="Dakar", instructor=ines)
    amina = join_workshop(session, code=ws.join_code, name="Amina", pin="4821", client=DESK, new=True,
                          now=NOW - timedelta(hours=1))
    session.commit()
    return {"ines": ines, "omar": other, "ws": ws, "amina": amina}


def attempts(session) -> int:
    return session.exec(select(func.count()).select_from(SignInAttempt)).one()


def test_thirty_parallel_wrong_pins_on_one_name_check_only_one(engine, session, room):
    code = room["ws"].join_code
    before_checks, before_rows = passwords.checks_done(), attempts(session)
    outcomes: list[str] = []
    start = threading.Barrier(30)

    def guess(pin: str) -> None:
        with Session(engine, expire_on_commit=False) as own:
            start.wait()
            try:
                join_workshop(own, code=code, name="amina", pin=pin, client=ATTACKER, now=NOW)
                outcomes.append("in")
            except AcademyError as error:
                outcomes.append(error.code)

    threads = [threading.Thread(target=guess, args=(f"{1000 + i}",)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["bad_join"] + ["sign_in_wait"] * 29
    assert passwords.checks_done() - before_checks == 1  # argon2 ran once, not thirty times
    session.expire_all()
    assert attempts(session) - before_rows == 1


def test_the_wait_doubles_with_each_failure_and_is_capped():
    assert [throttle.delay(n).total_seconds() for n in range(1, 6)] == [2, 4, 8, 16, 32]
    assert throttle.delay(40) == throttle.MAX_DELAY == timedelta(minutes=15)


def test_a_guessers_failures_do_not_slow_the_trainee_at_her_own_desk(session, room):
    code, t = room["ws"].join_code, NOW
    for n in range(1, 8):
        t += throttle.delay(n - 1)
        with pytest.raises(AcademyError, match="bad_join"):
            join_workshop(session, code=code, name="Amina", pin="0000", client=ATTACKER, now=t)
    t += timedelta(seconds=1)
    with pytest.raises(AcademyError) as caught:  # the right PIN, but from the guesser's machine
        join_workshop(session, code=code, name="Amina", pin="4821", client=ATTACKER, now=t)
    assert caught.value.code == "sign_in_wait" and caught.value.params["seconds"] == 2 ** 7 - 1
    me = join_workshop(session, code=code, name="Amina", pin="4821", client=DESK, now=t)
    assert me.id == room["amina"].id


def test_a_success_clears_the_clients_count(session, room):
    code = room["ws"].join_code
    with pytest.raises(AcademyError, match="bad_join"):
        join_workshop(session, code=code, name="Amina", pin="0000", client=DESK, now=NOW)
    join_workshop(session, code=code, name="Amina", pin="4821", client=DESK,
                  now=NOW + timedelta(seconds=2))
    session.commit()
    assert session.exec(select(SignInThrottle)).all() == []


def test_the_instructor_unlocks_a_trainee_and_nobody_else_may(session, room):
    code, ws, amina = room["ws"].join_code, room["ws"], room["amina"]
    with pytest.raises(AcademyError, match="bad_join"):
        join_workshop(session, code=code, name="Amina", pin="0000", client=ATTACKER, now=NOW)
    assert slowed_trainees(session, user=room["ines"], workshop_id=ws.id, now=NOW) == {amina.id}
    for intruder in (amina, room["omar"], None):
        with pytest.raises(AcademyError, match="forbidden"):
            unlock_trainee(session, user=intruder, workshop_id=ws.id, trainee_id=amina.id)
        with pytest.raises(AcademyError, match="forbidden"):
            slowed_trainees(session, user=intruder, workshop_id=ws.id, now=NOW)
    assert unlock_trainee(session, user=room["ines"], workshop_id=ws.id, trainee_id=amina.id) == 1
    session.commit()
    assert slowed_trainees(session, user=room["ines"], workshop_id=ws.id, now=NOW) == set()
    again = join_workshop(session, code=code, name="Amina", pin="4821", client=ATTACKER,
                          now=NOW + timedelta(seconds=1))
    assert again.id == amina.id


def test_unlock_refuses_someone_who_is_not_the_workshops_trainee(session, room):
    with pytest.raises(AcademyError, match="not_found"):
        unlock_trainee(session, user=room["ines"], workshop_id=room["ws"].id,
                       trainee_id=room["omar"].id)


def test_a_hash_with_the_old_settings_still_verifies_and_is_renewed(session, room):
    old = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)
    amina = session.get(User, room["amina"].id)
    amina.secret_hash = old.hash("4821")
    session.add(amina)
    session.commit()
    assert passwords.needs_rehash(amina.secret_hash)
    back = join_workshop(session, code=room["ws"].join_code, name="Amina", pin="4821",
                         client=DESK, now=NOW)
    session.commit()
    stored = session.get(User, back.id).secret_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert not passwords.needs_rehash(stored) and passwords.verify(stored, "4821")


def test_staff_sign_in_is_throttled_the_same_way(session, room):
    with pytest.raises(AcademyError, match="bad_credentials"):
        sign_in(session, username="ines", password="wrong-pass", client=ATTACKER, now=NOW)
    with pytest.raises(AcademyError, match="sign_in_wait"):
        sign_in(session, username="ines", password="correct-horse", client=ATTACKER, now=NOW)
    assert sign_in(session, username="ines", password="correct-horse", client=DESK,
                   now=NOW).id == room["ines"].id


def test_counts_whose_wait_ended_a_day_ago_are_forgotten(session, room):
    code = room["ws"].join_code
    for name in ("Bineta", "Chidi"):  # a guesser tries names that do not exist yet
        join_workshop(session, code=code, name=name, pin="1111", client=ATTACKER, now=NOW,
                      new=True)
        session.commit()
    with pytest.raises(AcademyError, match="bad_join"):
        join_workshop(session, code=code, name="Amina", pin="0000", client=ATTACKER, now=NOW)
    assert {r.account for r in session.exec(select(SignInThrottle)).all()} == {
        throttle.join_account(code, "Amina")}  # the two first joins succeeded: cleared
    later = NOW + throttle.FORGET_AFTER + timedelta(minutes=1)
    join_workshop(session, code=code, name="Amina", pin="4821", client=DESK, now=later)
    session.commit()
    assert session.exec(select(SignInThrottle)).all() == []
