"""Arabic in a real browser: the whole page mirrored right to left — the sidebar on the
right, progress bars filling from the right, values isolated in Arabic sentences."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from academy.curriculum import load_catalogue
from academy.db import make_engine, session_scope
from academy.models import User
from academy.progress import open_module, submit_attempt
from tests.academy.curriculum_helpers import right_answers
from tests.browser.steps import choose_language, set_language, sign_in_trainee, wait_idle
from tests.browser.steps import select as choose

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def complete_one_module(db_url: str) -> None:
    module, _ = load_catalogue().module("interpol-notices", "en")
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        trainee = s.exec(select(User).where(User.display_name == "Demo Trainee")).one()
        submit_attempt(s, user_id=trainee.id, module=module, answers=right_answers(module))
    engine.dispose()


def start_one_module(db_url: str) -> None:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        trainee = s.exec(select(User).where(User.display_name == "Demo Trainee")).one()
        open_module(s, user_id=trainee.id, module_id="environmental-crime")
    engine.dispose()


def box(locator) -> dict[str, float]:  # type: ignore[no-untyped-def]
    found = locator.bounding_box()
    assert found, "element not laid out"
    return found


def test_arabic_mirrors_the_page(server, page, shot):
    complete_one_module(server.db_url)
    sign_in_trainee(page, server.url)
    expect(page.get_by_role("heading", name="Welcome, Demo Trainee")).to_be_visible()
    sidebar, main = page.get_by_test_id("stSidebar"), page.get_by_test_id("stMain")
    assert box(sidebar)["x"] < box(main)["x"]  # English: the sidebar on the left

    choose_language(page, "العربية")
    expect(page.get_by_role("heading", name="مرحبًا")).to_be_visible()
    track = page.get_by_test_id("stProgressBarTrack").first
    expect(page.get_by_test_id("stProgress").first).to_contain_text("أُكملت")
    shot(page, "rtl-01-trainee-home-ar")

    side, body = box(sidebar), box(main)
    assert side["x"] >= body["x"] + body["width"] - 1, (side, body)  # the sidebar on the right

    # the filled part of the bar: the fill element as drawn, clipped by its track
    lane = box(track)
    fill = box(track.locator("div").first)
    left, right = max(fill["x"], lane["x"]), min(fill["x"] + fill["width"], lane["x"] + lane["width"])
    assert 0 < right - left < lane["width"] / 2, (fill, lane)  # 1 module done of 14
    assert abs(right - (lane["x"] + lane["width"])) <= 1, (fill, lane)  # starts at the right

    # the English name keeps its own direction inside the Arabic greeting
    expect(page.get_by_role("heading", name="مرحبًا، \u2068Demo Trainee\u2069")).to_be_visible()

    choose_language(page, "English")
    expect(page.get_by_role("heading", name="Welcome, Demo Trainee")).to_be_visible()
    page.wait_for_function("""() => {  /* back on the left once the page is English again */
        const side = document.querySelector('[data-testid=stSidebar]').getBoundingClientRect();
        const main = document.querySelector('[data-testid=stMain]').getBoundingClientRect();
        return side.x < main.x; }""")


def test_an_arabic_module_reads_right_to_left(server, page, shot):
    """The reading of an Arabic module runs from the right: its text starts at the right edge,
    the bar of a note stands on the right, a table's first column is on the right."""
    sign_in_trainee(page, server.url)
    expect(page.get_by_role("heading", name="Welcome, Demo Trainee")).to_be_visible()
    choose_language(page, "العربية")
    module, _ = load_catalogue().module("case-meetings", "ar")
    page.get_by_test_id("stSidebarNav").get_by_text("الوحدات", exact=True).click()
    wait_idle(page)
    page.locator(".st-key-modules-open-case-meetings button").click()
    expect(page.get_by_role("heading", name=module.title)).to_be_visible()
    reading = page.locator(".nest-module[dir='rtl'][lang='ar']")
    expect(reading).to_have_css("direction", "rtl")
    paragraph = reading.locator("p").first
    text, frame = box(paragraph), box(reading)
    assert abs(text["x"] + text["width"] - (frame["x"] + frame["width"])) <= 2, (text, frame)
    shot(page, "rtl-02-module-ar")

    with_table = next(x for x in module.sections if "<table>" in x.html)
    choose(page, "انتقل إلى", with_table.title)
    expect(page.get_by_role("heading", name=with_table.title)).to_be_visible()
    wait_idle(page)
    table = page.locator(".nest-module[dir='rtl'] table").first
    first, second = box(table.locator("th").nth(0)), box(table.locator("th").nth(1))
    assert first["x"] > second["x"], (first, second)  # the first column on the right
    shot(page, "rtl-03-module-ar-table")

    with_note = next(x for x in module.sections if "admonition" in x.html)
    choose(page, "انتقل إلى", with_note.title)
    expect(page.get_by_role("heading", name=with_note.title)).to_be_visible()
    wait_idle(page)
    note = page.locator(".nest-module .admonition").first
    expect(note).to_have_css("border-right-width", "4px")  # the bar on the reading's start side
    expect(note).to_have_css("border-left-width", "0px")
    item, frame = box(page.locator(".nest-module li").first), box(reading)
    assert item["x"] + item["width"] < frame["x"] + frame["width"] - 10, (item, frame)  # indented
    shot(page, "rtl-04-module-ar-note")
    set_language(server.db_url, "en")  # remembered with the trainee: back for other tests


def icon_of(locator) -> str:  # type: ignore[no-untyped-def]
    """The Material icon drawn in a button or link (its ligature's name)."""
    return locator.get_by_test_id("stIconMaterial").first.inner_text()


def mirrored(locator) -> bool:  # type: ignore[no-untyped-def]
    """Is the element drawn flipped left to right (a CSS scaleX(-1))?"""
    return locator.evaluate("e => new DOMMatrix(getComputedStyle(e).transform).a < 0")


def test_arabic_arrows_point_the_reading_way(server, browser, shot):
    """In Arabic "next" and "continue" point left, "back" points right, a direction-bearing
    icon is mirrored, and on a phone the desk's first tab is not hidden under a scroll
    button that scrolls the wrong way (Streamlit's tab scroller assumes left to right)."""
    start_one_module(server.db_url)
    set_language(server.db_url, "en")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    sign_in_trainee(page, server.url)
    expect(page.get_by_role("heading", name="Welcome, Demo Trainee")).to_be_visible()
    page.get_by_test_id("stExpandSidebarButton").click()
    choose_language(page, "العربية")
    sidebar = page.get_by_test_id("stSidebar")
    assert mirrored(sidebar.locator(".st-key-sidebar-sign_out [data-testid=stIconMaterial]"))
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()

    main = page.get_by_test_id("stMain")
    go_on = main.get_by_test_id("stPageLink-NavLink").first  # "continue" a module
    expect(go_on).to_contain_text("متابعة")
    assert icon_of(go_on) == "arrow_back"  # points left: the way an Arabic reader goes on
    go_on.click()
    expect(page.get_by_role("button", name="التالي")).to_be_visible()
    assert icon_of(page.get_by_role("button", name="التالي")) == "arrow_back"
    assert icon_of(main.get_by_test_id("stPageLink-NavLink").last) == "arrow_forward"  # back
    chevron = main.get_by_test_id("stExpander").first.locator("summary").get_by_test_id(
        "stIconMaterial")
    expect(chevron).to_have_text("keyboard_arrow_right")
    assert mirrored(chevron)  # a closed expander's chevron points left, where the text goes
    shot(page, "rtl-05-module-arrows-ar")

    page.get_by_test_id("stExpandSidebarButton").tap()
    page.locator("[data-testid=stSidebarNav] a[href$='/exercises']").tap()
    wait_idle(page)
    if sidebar.get_attribute("data-collapsed") == "false":
        page.get_by_test_id("stSidebarCollapseButton").locator("button").tap()
    page.get_by_test_id("stMain").get_by_role("button").filter(has_text="بدء").first.tap()
    tabs = page.get_by_role("tab")
    expect(tabs.first).to_be_visible()
    list_box = box(page.get_by_role("tablist"))
    first = box(tabs.first)
    assert first["x"] + first["width"] <= list_box["x"] + list_box["width"] + 1, (first, list_box)
    for button in page.locator("[data-testid^=stTabsScroll]").all():  # none over a tab
        if button.is_visible():
            over = box(button)
            assert over["x"] + over["width"] <= first["x"] or over["x"] >= first["x"] + first["width"]
    shot(page, "rtl-06-desk-tabs-phone-ar")

    # the arrow pointing left goes on to the next tab, drawn on the left
    tabs.first.focus()
    page.keyboard.press("ArrowLeft")
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
    assert box(tabs.nth(1))["x"] < box(tabs.first)["x"]
    wait_idle(page)
    page.keyboard.press("ArrowRight")
    expect(tabs.first).to_have_attribute("aria-selected", "true")
    context.close()
