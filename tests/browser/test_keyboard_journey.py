"""The keyboard alone: a trainee joins, reads a module, passes its knowledge check, then
opens an exercise, moves between the desk's tabs, sends an action and lets a day pass —
with Tab, Shift+Tab, Enter, Space, arrow keys and typing, never a mouse. Every stop the
journey acts on must show where the focus is."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from academy.curriculum import load_catalogue
from academy.demo import DEMO_WORKSHOP_CODE
from tests.browser.keys import Focus, choose, focused, keyed, named, press, reach
from tests.browser.steps import metric_value, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MODULE, _ = load_catalogue().module("interpol-notices", "en")
SCENARIO = "The Ivory Corridor: Niassa to Hai Phong"


def join(page: Page, base: str) -> None:
    """A new trainee on every attempt: a rerun starts from the first section again (the
    module's progress is kept on the server)."""
    name = f"Keyboard Trainee {uuid.uuid4().hex[:4]}"
    page.goto(base)
    expect(page.get_by_label("Workshop join code")).to_be_visible()
    wait_idle(page)
    reach(page, named("Workshop join code"))
    page.keyboard.type(DEMO_WORKSHOP_CODE)
    reach(page, named("Your name"))
    page.keyboard.type(name)
    reach(page, named("Personal PIN"))  # past the PIN's help button
    page.keyboard.type("8642")
    press(page, "Enter")  # Enter in a form's field submits it
    reach(page, named("Yes, I am new: create me"), what="the new trainee's button")
    press(page, "Enter")
    expect(page.get_by_role("heading", name=f"Welcome, {name}")).to_be_visible()
    wait_idle(page)


def open_page(page: Page, name: str, heading: str) -> None:
    """Through the menu: the sidebar is reached with Tab like everything else."""
    reach(page, named(name, testid="stSidebarNavLink"), what=name)
    press(page, "Enter")
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    wait_idle(page)


def answer_right(page: Page) -> int:
    """Tick the right options of every question drawn, stop by stop, up to Submit; the
    number of options ticked."""
    ticked = 0
    right = {q.id: {o.text for o in q.options if o.correct} for q in MODULE.quiz}
    prefix = "module-q0-"
    while True:
        stop = reach(page, lambda f: f.key.startswith(prefix) or f.name == "Submit answers",
                     what="a question or Submit")
        if stop.name == "Submit answers":
            return ticked
        question = next(q for q in MODULE.quiz if stop.key[len(prefix):].split("-")[0] == q.id)
        if stop.type == "checkbox":
            if stop.name in right[question.id]:
                page.keyboard.press("Space")
                assert focused(page).checked  # type: ignore[union-attr]
                ticked += 1
            continue
        page.keyboard.press("Space")  # the radio the focus is on, then round to the right one
        for _ in question.options:
            now: Focus | None = focused(page)
            if now and now.name in right[question.id]:
                break
            page.keyboard.press("ArrowDown")
        now = focused(page)
        assert now and now.checked and now.name in right[question.id], now
        ticked += 1


def test_keyboard_alone_reads_a_module_and_plays_the_desk(server, page, shot):
    join(page, server.url)

    open_page(page, "Modules", "Modules")
    reach(page, keyed(f"modules.open.{MODULE.id}"), what="the module's Start")
    press(page, "Enter")
    expect(page.get_by_role("heading", name=MODULE.title)).to_be_visible()
    wait_idle(page)
    for section in MODULE.sections[1:]:  # Next, section by section; Enter keeps the focus
        reach(page, keyed("module.next"), what="Next")
        press(page, "Enter")
        expect(page.get_by_role("heading", name=section.title, exact=True)).to_be_visible()
    reach(page, named("Knowledge check"))
    press(page, "Enter")
    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()
    wait_idle(page)
    ticked = answer_right(page)
    shot(page, "keyboard-01-quiz-answered")
    # every tick still in the form as Submit is pressed (a CI run once marked all blank)
    expect(page.get_by_test_id("stForm").locator("input:checked")).to_have_count(ticked)
    press(page, "Enter")
    expect(page.get_by_text("Passed: module completed.")).to_be_visible()
    shot(page, "keyboard-02-quiz-passed")

    open_page(page, "Exercises", "My exercises")
    start = (page.get_by_test_id("stVerticalBlock").filter(has_text=SCENARIO)
             .filter(has=page.get_by_role("button", name="Start")).last
             .get_by_role("button", name="Start"))
    key = start.evaluate("b => [...b.closest('[class*=st-key-]').classList]"
                         ".find(c => c.startsWith('st-key-')).slice(7)")
    reach(page, lambda f: f.key == key, what=f"Start of {SCENARIO}")
    press(page, "Enter")
    expect(page.get_by_role("heading", name=SCENARIO)).to_be_visible()
    expect(metric_value(page, "Day")).to_have_text("0.0 / 90")
    wait_idle(page)

    # the tabs: Tab to the open one, then arrow keys from tab to tab; each opens (and runs)
    # its tab, and the focus stays on it through the redraw
    reach(page, lambda f: f.role == "tab", what="the desk's tabs")
    tabs = ["Inbox", "Link chart", "Map", "Timeline", "Notices", "Actions"]
    for key_press, tab in [*[("ArrowRight", tab) for tab in tabs], ("ArrowLeft", "Notices"),
                           ("ArrowLeft", "Timeline"), ("Home", "Briefing"), ("End", "Actions")]:
        press(page, key_press)
        expect(page.get_by_role("tab", name=tab, selected=True)).to_be_visible()
        assert focused(page) == Focus(tag="DIV", role="tab", type="", name=tab, testid="stTab",
                                      key="desk-tab", checked=False)
    shot(page, "keyboard-03-desk-actions-tab")

    # an action: its kind by arrow keys, its choices typed, its rationale typed, then Send
    reach(page, keyed("actions.kind"), what="the kind of action")
    page.keyboard.press("Space")
    wait_idle(page)
    assert focused(page).name == "Request intelligence"  # type: ignore[union-attr]
    choose(page, "Source", "Customs declarations")
    choose(page, "About", "(company)")
    reach(page, named("Rationale (optional, shown in your debrief)"))
    page.keyboard.type("Check the front company's exports")
    reach(page, named("Send"))
    press(page, "Enter")
    expect(page.get_by_text("answer expected")).to_be_visible()
    shot(page, "keyboard-04-action-sent")

    # back up the page with Shift+Tab to let a day pass
    reach(page, named("Advance a day"), back=True)
    press(page, "Enter")
    expect(metric_value(page, "Day")).to_have_text("1.0 / 90")
    shot(page, "keyboard-05-a-day-later")
