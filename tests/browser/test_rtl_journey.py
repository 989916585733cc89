"""Arabic in a real browser: the whole page mirrored right to left — the sidebar on the
right, progress bars filling from the right, values isolated in Arabic sentences."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from academy.curriculum import load_catalogue
from academy.db import make_engine, session_scope
from academy.models import User
from academy.progress import submit_attempt
from tests.academy.curriculum_helpers import right_answers
from tests.browser.steps import choose_language, sign_in_trainee

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def complete_one_module(db_url: str) -> None:
    module, _ = load_catalogue().module("interpol-notices", "en")
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        trainee = s.exec(select(User).where(User.display_name == "Demo Trainee")).one()
        submit_attempt(s, user_id=trainee.id, module=module, answers=right_answers(module))
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
    assert box(sidebar)["x"] < box(main)["x"]
