"""A trainee on a phone (390×844, touch): joins, reads a module, passes its knowledge check,
plays the desk tab by tab and sends an action; then the module and the desk in Arabic.
And once on a tablet (768×1024). Every screen must be usable: no sideways scrolling, no
text cut off, the sidebar folded away, the buttons that matter whole in the window.
Screenshots: test-artifacts/phone-*.png, phone-ar-*.png, tablet-*.png."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from academy.curriculum import load_catalogue
from tests.browser.phone import PHONE, TABLET, assert_reachable, assert_usable, whole_page
from tests.browser.steps import (
    choose_language,
    metric_value,
    select,
    set_language,
    sign_in_trainee,
    wait_idle,
)
from tests.browser.test_curriculum_journey import answer, shown

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MODULE, _ = load_catalogue().module("interpol-notices", "en")
MODULE_AR, _ = load_catalogue().module("interpol-notices", "ar")  # the module in Arabic
SCENARIO = "The Ivory Corridor: Niassa to Hai Phong"
TABS = {"Briefing": "briefing", "Inbox": "inbox", "Link chart": "chart", "Map": "map",
        "Timeline": "timeline", "Notices": "notices", "Actions": "actions"}
TABS_AR = {"الإحاطة": "briefing", "مخطط الروابط": "chart", "الخريطة": "map",
           "الإجراءات": "actions"}


@pytest.fixture
def phone(browser) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def tablet(browser) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(**TABLET)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def go_to(page: Page, path: str, heading: str) -> None:
    """Open the menu (folded away on a phone), tap a page; the menu folds away again."""
    if page.get_by_test_id("stSidebar").get_attribute("data-collapsed") == "true":
        page.get_by_test_id("stExpandSidebarButton").tap()
    page.locator(f"[data-testid=stSidebarNav] a[href$='/{path}']").tap()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    wait_idle(page)


def open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).tap()
    expect(page.get_by_role("tab", name=name, selected=True)).to_be_visible()
    wait_idle(page)


def start_exercise(page: Page) -> None:
    card = page.get_by_test_id("stVerticalBlock").filter(has_text=SCENARIO).filter(
        has=page.get_by_role("button", name="Start")).last
    card.get_by_role("button", name="Start").tap()
    expect(page.get_by_role("heading", name=SCENARIO)).to_be_visible()
    wait_idle(page)


def test_the_usability_check_sees_cut_text_and_sideways_scrolling(server, phone):
    """The check itself: text clipped by its box, and a page wider than the phone, fail it."""
    page = phone
    page.goto(server.url)
    expect(page.get_by_label("Workshop join code")).to_be_visible()
    assert_usable(page)
    page.evaluate("""() => { const box = document.createElement('div');
      box.style.cssText = 'width: 80px; overflow: hidden; white-space: nowrap';
      box.innerHTML = '<span>A sentence far too long for its narrow box</span>';
      document.querySelector('[data-testid=stMainBlockContainer]').prepend(box); }""")
    with pytest.raises(AssertionError, match="text cut off"):
        assert_usable(page)
    page.evaluate("""() => { const wide = document.createElement('div');
      wide.style.cssText = 'width: 900px; height: 10px';
      document.querySelector('[data-testid=stMainBlockContainer]').append(wide); }""")
    with pytest.raises(AssertionError, match="'main': 9"):
        assert_usable(page)


def test_phone_join_module_check_and_desk(server, phone, shot):
    page = phone
    page.goto(server.url)
    expect(page.get_by_label("Workshop join code")).to_be_visible()
    assert_usable(page)
    assert_reachable(page, page.get_by_role("button", name="Join"))
    whole_page(page, "phone-join")
    sign_in_trainee(page, server.url)
    expect(page.get_by_role("heading", name="Welcome, Demo Trainee")).to_be_visible()
    assert_usable(page)

    go_to(page, "modules", "Modules")
    assert_usable(page)
    whole_page(page, "phone-modules")
    page.locator(f".st-key-modules-open-{MODULE.id} button").tap()
    expect(page.get_by_role("heading", name=MODULE.title)).to_be_visible()
    assert_usable(page)
    assert_reachable(page, page.get_by_role("button", name="Next"))
    whole_page(page, "phone-module")
    select(page, "Go to", "The colours")  # the module's table
    expect(page.locator(".nest-module table")).to_be_visible()
    assert_usable(page)
    whole_page(page, "phone-module-table")

    select(page, "Go to", "Knowledge check")
    submit = page.get_by_role("button", name="Submit answers")
    expect(submit).to_be_visible()
    assert_usable(page)
    assert_reachable(page, submit)
    whole_page(page, "phone-quiz")
    answer(page, shown(page), right=True)
    submit.tap()
    expect(page.get_by_text("Passed: module completed.")).to_be_visible()
    assert_usable(page)
    whole_page(page, "phone-quiz-passed")

    go_to(page, "exercises", "My exercises")
    assert_usable(page)
    start_exercise(page)
    assert_reachable(page, page.get_by_role("button", name="Advance a day"))
    for tab, name in TABS.items():
        open_tab(page, tab)
        assert_usable(page)
        whole_page(page, f"phone-desk-{name}")

    page.get_by_test_id("stRadio").get_by_text("Request intelligence", exact=True).tap()
    select(page, "Source", "Customs declarations")
    select(page, "About", "(company)")
    send = page.get_by_role("button", name="Send")
    assert_reachable(page, send)
    send.tap()
    expect(page.get_by_text("answer expected")).to_be_visible()
    assert_usable(page)
    whole_page(page, "phone-desk-action-sent")
    page.get_by_role("button", name="Advance a day").tap()
    expect(metric_value(page, "Day")).to_have_text("1.0 / 90")


def test_tablet_module_and_desk(server, tablet, shot):
    """768 px wide: the menu open beside the content or folded away, never over it."""
    page = tablet
    sign_in_trainee(page, server.url)
    expect(page.get_by_role("heading", name="Welcome, Demo Trainee")).to_be_visible()
    assert_usable(page, folded=None)
    go_to(page, "modules", "Modules")
    page.locator(f".st-key-modules-open-{MODULE.id} button").tap()
    expect(page.get_by_role("heading", name=MODULE.title)).to_be_visible()
    assert_usable(page, folded=None)
    whole_page(page, "tablet-module")
    go_to(page, "exercises", "My exercises")
    start_exercise(page)
    for tab in ("Briefing", "Link chart", "Map", "Actions"):
        open_tab(page, tab)
        assert_usable(page, folded=None)
    whole_page(page, "tablet-desk-actions")


def test_phone_in_arabic(server, phone, shot):
    page = phone
    set_language(server.db_url, "en")
    sign_in_trainee(page, server.url)
    expect(page.get_by_role("heading", name="Welcome, Demo Trainee")).to_be_visible()
    page.get_by_test_id("stExpandSidebarButton").tap()
    choose_language(page, "العربية")
    page.get_by_test_id("stSidebarCollapseButton").locator("button").tap()
    go_to(page, "modules", "الوحدات")
    page.locator(f".st-key-modules-open-{MODULE.id} button").tap()
    expect(page.get_by_role("heading", name=MODULE_AR.title)).to_be_visible()
    assert_usable(page, folded=None)
    whole_page(page, "phone-ar-module")

    page.get_by_test_id("stExpandSidebarButton").tap()  # the desk resumes the exercise
    page.locator("[data-testid=stSidebarNav] a[href$='/desk']").tap()
    for tab, name in TABS_AR.items():
        open_tab(page, tab)
        assert_usable(page, folded=None)
        whole_page(page, f"phone-ar-desk-{name}")
    set_language(server.db_url, "en")  # remembered with the trainee: back for other tests
