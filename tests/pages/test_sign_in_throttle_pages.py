"""Wrong PINs through the sign-in page make that machine wait; the instructor lets the
trainee in from the workshop page (AppTest from app.py)."""

from __future__ import annotations

import pytest

from academy.demo import DEMO_TRAINEE, DEMO_WORKSHOP_CODE
from tests.pages.helpers import app, as_instructor, as_trainee, texts


def join(pin: str):  # type: ignore[no-untyped-def]
    at = app()
    at.text_input(key="signin.code").input(DEMO_WORKSHOP_CODE)
    at.text_input(key="signin.name").input(DEMO_TRAINEE[0])
    at.text_input(key="signin.pin").input(pin)
    at.button[0].click()
    return at.run()


@pytest.mark.usefixtures("app_db")
def test_a_wrong_pin_makes_the_machine_wait_and_the_instructor_lets_the_trainee_in():
    assert join("9999").error[0].value == "Wrong join code, name or PIN."
    refused = join(DEMO_TRAINEE[1])  # the right PIN, at once, from the same machine
    assert refused.error[0].value.startswith("Too many wrong attempts from this device. Wait ")
    staff = as_instructor()
    staff.switch_page("pages/workshop.py").run()
    assert "Waiting to sign in" in texts(staff)
    unlock = [b for b in staff.button if b.key and b.key.startswith("ws.unlock.")]
    assert [b.label for b in unlock] == [f"Let {DEMO_TRAINEE[0]} sign in now"]
    unlock[0].click().run()
    assert not staff.exception
    assert not [b for b in staff.button if b.key and b.key.startswith("ws.unlock.")]
    trainee = as_trainee()
    assert not trainee.error and not trainee.exception

