"""The investigative cycle in a real browser: the demo trainee asks the FIU about the company
the case file opens with, sends a diffusion the rules refuse (a bare name from a tip-off:
the refusal names the rule), reads the FIU's answer in the inbox; the rest of the 90 days
is played by the heuristic analyst bot through academy (as the desk would store it), the
trainee finishes the exercise in the browser and reads each arrested person's case on the
debrief's Prosecution tab, and the seized / prevented split on its Shipments tab.
Screenshots go to test-artifacts/investigation-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.demo import DEMO_TRAINEE
from tests.browser.steps import (
    action,
    advance_week,
    metric,
    metric_value,
    select,
    send,
    set_language,
    sign_in_trainee,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SCENARIO = "The Ivory Corridor: Niassa to Hai Phong"
COMPANY = "Sayyid Export Ltd"  # the company the wildlife case file opens with



def play_on_with_the_bot(db_url: str, until_day: float) -> int:
    """The heuristic analyst bot takes over the trainee's running exercise until
    ``until_day``: each action it takes is stored through ``academy.exercises.play``,
    as the desk stores the trainee's. The exercise's id."""
    from sqlmodel import select as where

    from academy import exercises
    from academy.db import make_engine, session_scope
    from academy.models import User
    from engine import actions as A
    from engine.policies import HeuristicBot

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        trainee = s.exec(where(User).where(User.role == "trainee",
                                           User.display_name == DEMO_TRAINEE[0])).one()
        exercise_id = exercises.latest_open(s, user_id=trainee.id)
        assert exercise_id is not None, "the exercise started in the browser is open"
        record = exercises.get(s, exercise_id=exercise_id, user=trainee)
        held = exercises.replay(s, record)
        scratch = exercises.replay(s, record).live  # the bot decides on its own copy
        bot = HeuristicBot(record.seed)
        while scratch.day < until_day:
            seen = len(scratch.log)
            bot.step(scratch)
            scratch.apply(A.Advance(days=1))
            for entry in scratch.log[seen:]:
                held = exercises.play(s, exercise_id=exercise_id, user_id=trainee.id,
                                      held=held, action=entry["action"])
        assert held.live.log == scratch.log, "the stored exercise is the one the bot played"
    engine.dispose()
    return exercise_id


def test_fiu_diffusion_and_the_prosecution_debrief(server, page, shot):
    set_language(server.db_url, "en")
    sign_in_trainee(page, server.url)
    page.get_by_test_id("stSidebarNav").get_by_text("Exercises").click()
    expect(page.get_by_role("heading", name="My exercises")).to_be_visible()
    card = page.get_by_test_id("stVerticalBlock").filter(has_text=SCENARIO).filter(
        has=page.get_by_role("button", name="Start")).last
    card.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name=SCENARIO)).to_be_visible()
    expect(metric_value(page, "Day")).to_have_text("0.0 / 90")

    # The FIU is asked for the suspicious transaction reports on the known company
    action(page, "FIU request")
    select(page, "Subject", COMPANY)
    shot(page, "investigation-01-desk-fiu")
    send(page)
    expect(page.get_by_text("request sent to the Financial Intelligence Unit")).to_be_visible()

    # A week: the FIU answers and a tip-off names a driver (a bare name)
    advance_week(page)
    expect(metric_value(page, "Day")).to_have_text("7.0 / 90")

    # A locate diffusion to Tanzania on that bare name: refused, the rule named
    action(page, "Send a diffusion")
    select(page, "Purpose of the request", "collect information on identity")
    select(page, "Subject", "(person)")
    select(page, "Partner countries", "Tanzania")
    page.keyboard.press("Escape")
    send(page)
    refusal = page.get_by_test_id("stAlert").filter(has_text="Refused:")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("identifier known (2 needed)")
    expect(refusal).to_contain_text("rule: INTERPOL Rules on the Processing of Data")
    expect(refusal).to_contain_text("enough identifiers")
    refusal.scroll_into_view_if_needed()
    shot(page, "investigation-02-diffusion-refused")

    # The FIU's answer is in the inbox
    page.get_by_role("tab", name="Inbox").click()
    expect(page.get_by_text(f"FIU answer on {COMPANY}").first).to_be_visible()
    shot(page, "investigation-03-fiu-answer")

    # The rest of the 90 days is played by the analyst bot through academy (stored as the
    # desk stores actions); the trainee reopens the exercise and plays its last days
    exercise_id = play_on_with_the_bot(server.db_url, until_day=84)
    page.reload()
    wait_idle(page)
    sign_in_trainee(page, server.url)
    page.get_by_test_id("stSidebarNav").get_by_text("Exercises").click()
    page.get_by_test_id("stMain").get_by_role("button", name="Open", exact=True).first.click()
    expect(page.get_by_role("heading", name=SCENARIO)).to_be_visible()
    expect(metric_value(page, "Day")).to_have_text("84.0 / 90")
    for _ in range(3):
        day = metric(page, "Day")
        if day.startswith("90.0"):
            break
        page.get_by_role("button", name="Advance a week").click()
        wait_idle(page)
        expect(page.get_by_text("this ends the exercise — continue?")).to_be_visible()
        page.get_by_role("button", name="Continue to the end").click()
        expect(metric_value(page, "Day")).not_to_have_text(day)
        wait_idle(page)
    expect(page.get_by_text("The exercise has ended.")).to_be_visible()
    page.get_by_role("link", name="Open the debrief").click()
    expect(page.get_by_role("heading", name=f"Debrief — {SCENARIO}")).to_be_visible()

    # Prosecution: one row per arrested person, each with its path and outcome
    debrief = stored_debrief(server.db_url, exercise_id)
    assert debrief.prosecutions, "the bot's arrests went to a prosecutor"
    page.get_by_role("tab", name="Prosecution").click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Convicted:").first).to_be_visible()
    table = main.get_by_test_id("stDataFrame").filter(has_text="Outcome").first
    expect(table).to_be_visible()
    countries = {"KE": "Kenya", "TZ": "Tanzania", "MZ": "Mozambique", "MY": "Malaysia",
                 "VN": "Vietnam"}  # the court's country, by its name (CLDR, as the desk names it)
    for case in debrief.prosecutions:
        expect(table).to_contain_text(case.label)
        expect(table).to_contain_text(countries[case.forum])
    convicted = [c for c in debrief.prosecutions if c.outcome == "convicted"]
    assert convicted, "at least one case ended in a conviction"
    expect(table).to_contain_text("convicted")
    shot(page, "investigation-04-debrief-prosecution")

    # Shipments: seized and prevented said apart
    page.get_by_role("tab", name="Shipments").click()
    fates = [s.fate for s in debrief.shipments]
    seized = fates.count("seized") + fates.count("controlled_delivery")
    expect(main.get_by_text(  # every shipment counted once (user trial: 1 · 0 · 6 of 8)
        f"{len(fates)} shipments planned — seized or delivered under control: {seized} ·"
        f" prevented from leaving by arrests: {fates.count('prevented')} · got through:"
        f" {fates.count('missed')} · still in transit at the end: {fates.count('in_transit')}"
        f" · never sent: {fates.count('not_sent')}")).to_be_visible()
    expect(main.get_by_test_id("stDataFrame").first).to_be_visible()
    shot(page, "investigation-05-debrief-shipments")


def stored_debrief(db_url: str, exercise_id: int):  # type: ignore[no-untyped-def]
    """The debrief of the stored exercise, as the engine replays it."""
    from academy import exercises
    from academy.db import make_engine, session_scope
    from academy.models import ExerciseRecord

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        debrief = exercises.replay(s, s.get(ExerciseRecord, exercise_id)).live.debrief()
    engine.dispose()
    return debrief
