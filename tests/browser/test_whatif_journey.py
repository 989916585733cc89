"""The debrief's what-if in a real browser: the trainee picks their second decision, reads
it in the desk's own fields (names, not ids), changes it and replays that decision — not
the first one. Screenshots go to test-artifacts/whatif-*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from engine.records import TraineeView
from tests.browser.steps import select, sign_in_trainee, wait_idle
from tests.pages.helpers import play_steps

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def first(view: TraineeView, kind: str) -> str:
    return next(e.id for e in view.entities if e.type == kind)


@pytest.fixture(scope="module")
def played(server):  # type: ignore[no-untyped-def]
    """Intelligence on the company the case file names, a week, immigration's identifiers
    on the person the reports named (a Blue Notice needs them), a week, then a Blue Notice
    on that person; the exercise runs to its end. The person's id and name."""
    seen: dict[str, str] = {}

    def blue(view: TraineeView) -> dict[str, object]:
        person = next(e for e in view.entities if e.type == "person")
        seen.update(id=person.id, name=person.label)
        return {"kind": "request_notice", "colour": "blue", "subject": person.id,
                "purpose": "locate"}

    exercise_id, live = play_steps(server.db_url, [
        lambda view: {"kind": "request_intel", "source": "customs-data",
                      "target": first(view, "company")},
        {"kind": "advance", "days": 7},
        lambda view: {"kind": "request_intel", "source": "immigration",
                      "target": first(view, "person")},
        {"kind": "advance", "days": 7},
        blue,
    ])
    assert [d.accepted for d in live.debrief().decisions] == [True, True, True], "all accepted"
    return exercise_id, seen


def test_what_if_replays_the_decision_chosen_in_its_own_fields(server, page, shot, played):
    _, person = played
    sign_in_trainee(page, server.url)
    expect(page.get_by_role("heading", name="Welcome, Demo Trainee")).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_text("Exercises").click()
    page.get_by_test_id("stMain").get_by_role("button", name="Open", exact=True).first.click()
    expect(page.get_by_role("heading", name=re.compile("^Debrief"))).to_be_visible()
    page.get_by_role("tab", name="What if").click()
    wait_idle(page)
    select(page, "Decision to change", "Blue Notice")
    wait_idle(page)
    main = page.get_by_test_id("stMain")
    # the notice decision, in the desk's fields, by name: no box of raw fields with ids
    expect(main.get_by_role("combobox", name="Notice")).to_have_value("Blue Notice")
    subject = main.get_by_role("combobox", name="Subject")
    expect(subject).to_have_value(f"{person['name']} (person)")
    expect(main.get_by_test_id("stTextArea")).to_have_count(0)
    expect(main.get_by_text(person["id"], exact=True)).to_have_count(0)
    shot(page, "whatif-01-second-decision")

    page.get_by_role("button", name="Replay").click()
    wait_idle(page)
    expect(main.get_by_text("Your changed decision, in the replay:")).to_be_visible()
    expect(main.get_by_text("Blue Notice accepted")).to_be_visible()

    # changed to a Red Notice: that is what the replay tries (and the prosecutor has no
    # warrant for this person, so it is refused, with the reason)
    select(page, "Notice", "Red Notice")
    wait_idle(page)
    expect(subject).to_have_value(f"{person['name']} (person)")
    page.get_by_role("button", name="Replay").click()
    wait_idle(page)
    expect(main.get_by_text("Refused:")).to_be_visible()
    expect(main.get_by_text("Blue Notice accepted")).to_have_count(0)
    shot(page, "whatif-02-changed-to-red")

    # back to the first decision: its own fields, not the notice's
    select(page, "Decision to change", "Customs")
    wait_idle(page)
    expect(main.get_by_role("combobox", name="Notice")).to_have_count(0)
    expect(main.get_by_role("combobox", name="About")).to_have_value(re.compile(r"\(company\)$"))
