"""Typed text in a real browser: a trainee, workshop, roster team, hypothesis, inject and
scenario written with an image, a link and an HTML tag fetch and link nothing on the
instructor's workshop setup page, the live dashboard and the trainee's desk; the words are
still there to read."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import sign_in_staff, sign_in_trainee, wait_idle
from tests.pages.test_user_text_pages import NAME, PIN, seed

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EVIL = "evil.example"


def typed(text: str) -> re.Pattern[str]:
    """``text`` as the page shows it: an invisible word joiner may precede "http" (it keeps
    a bare address from becoming a link)."""
    pattern = re.escape(text).replace("http", "\u2060?http")
    return re.compile(pattern.replace("/", "\\/"))  # Playwright's selector needs "/" escaped


def fetched_or_linked(page: Page) -> list[str]:
    """Every image source and link target on the page that points at the address."""
    return page.evaluate(
        """(evil) => [...document.querySelectorAll('img[src], a[href], [srcset]')]
               .map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('srcset'))
               .filter(v => v.includes(evil))""", EVIL)


def test_typed_markup_is_text_for_instructor_and_trainee(server, browser, shot):
    seed(server.db_url)
    staff = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    trainee = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    for p in (staff, trainee):
        p.set_default_timeout(30_000)
    requested: list[str] = []
    for p in (staff, trainee):
        p.on("request", lambda r: requested.append(r.url) if EVIL in r.url else None)

    sign_in_staff(staff, server.url)
    staff.get_by_role("link", name="Workshop setup").click()
    wait_idle(staff)
    expect(staff.get_by_role("heading", name="Workshop setup")).to_be_visible()
    # the title reads as typed, on the page (the subheader beside the join code)
    expect(staff.get_by_role("heading", name=typed("Bad ![x](http://evil.example/x.png)"))
           ).to_be_visible()
    staff.get_by_role("tab", name="Roster and teams").click()
    wait_idle(staff)
    expect(staff.get_by_text(typed("Absent ![x](http://evil.example/x.png)"))).to_be_visible()
    staff.get_by_role("tab", name="Scenarios").click()
    wait_idle(staff)
    shot(staff, "text-01-workshop-setup")
    assert fetched_or_linked(staff) == []

    staff.get_by_role("link", name="Live dashboard").click()
    expect(staff.get_by_role("heading", name="Live dashboard")).to_be_visible()
    expect(staff.get_by_text(typed(f"Desk of {NAME}"))).to_be_visible()
    wait_idle(staff)
    shot(staff, "text-02-dashboard-drill")
    assert fetched_or_linked(staff) == []

    sign_in_trainee(trainee, server.url, name=NAME, pin=PIN)
    expect(trainee.get_by_role("heading", name=typed(f"Welcome, {NAME}"))).to_be_visible()
    assert fetched_or_linked(trainee) == []
    trainee.get_by_role("link", name="Analyst desk").click()
    wait_idle(trainee)
    expect(trainee.get_by_role("heading", name=typed("Bad ![x](http://evil.example/x.png)"))
           ).to_be_visible()
    shot(trainee, "text-03-desk-briefing")
    assert fetched_or_linked(trainee) == []
    trainee.get_by_role("tab", name="Inbox").click()
    wait_idle(trainee)
    shot(trainee, "text-04-desk-inbox")
    assert fetched_or_linked(trainee) == []
    assert requested == []  # no browser asked the address for anything
