"""A server that has just started (a restart, a replica taking over) draws the app's own menu
for a browser that comes back on a page other than the front page.

Streamlit decides once per process, at the first session, whether the app is a legacy
"pages/ folder" app; until a run of app.py calls ``st.navigation`` it runs the requested file
of ``pages/`` on its own, under a menu of every file name (instructor and admin pages
included), without app.py's set-up. A trainee whose tab reconnects to a restarted server
lands exactly there.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.steps import sign_in_trainee, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FILE_NAMES = ("admin teams", "admin users", "instructor home", "workshop progress")


def menu(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The menu's entries as shown (the last line of each link: the first is its icon)."""
    return [x.strip().splitlines()[-1].lower() for x in
            page.get_by_test_id("stSidebarNav").locator("a").all_inner_texts()]


def test_a_page_opened_first_on_a_fresh_server_has_the_apps_menu(server, page, shot):
    server.restart()  # nobody has opened the front page of this process yet
    page.goto(f"{server.url}/desk")
    expect(page.get_by_text("Please sign in")).to_be_visible()
    wait_idle(page)
    shot(page, "restart-01-first-page-desk")
    names = menu(page)
    assert "sign in" in names and not set(FILE_NAMES) & set(names), names


def test_a_trainee_whose_server_restarts_comes_back_to_the_apps_menu(server, page, shot):
    sign_in_trainee(page, server.url)
    page.get_by_test_id("stSidebarNav").get_by_text("Exercises", exact=True).click()
    wait_idle(page)
    server.restart()  # the tab reconnects by itself to the new process...
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    page.get_by_test_id("stSidebarNav").get_by_text("Modules", exact=True).click()  # ...acts
    expect(page.get_by_text("Please sign in")).to_be_visible()
    wait_idle(page)
    shot(page, "restart-02-reconnected")
    names = menu(page)
    assert "sign in" in names and not set(FILE_NAMES) & set(names), names
