"""A country team reads the NEST setup guide in Arabic in a real browser: the guidance is
Arabic text laid out right to left, and a template downloads as an Arabic PDF."""

from __future__ import annotations

import pypdf
import pytest
from playwright.sync_api import expect

from academy.demo import DEMO_TEAM_CODE
from tests.browser.steps import choose_language, select, sign_in_trainee, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_team_member_reads_the_guide_and_downloads_a_template_in_arabic(server, page, shot):
    sign_in_trainee(page, server.url, name="Layla Haddad", pin="2468", code=DEMO_TEAM_CODE,
                    new=True)
    expect(page.get_by_role("heading", name="NEST setup guide")).to_be_visible()
    choose_language(page, "العربية")
    expect(page.get_by_role("heading", name="دليل إنشاء فرقة NEST")).to_be_visible()

    select(page, "المرحلة", "الحلقة الدراسية الوطنية بشأن الأمن البيئي")
    step = page.get_by_test_id("stExpander").filter(has_text="التخطيط للحلقة الدراسية")
    step.locator("summary").click()
    wait_idle(page)
    guidance = step.get_by_text("الحلقة الدراسية الوطنية بشأن الأمن البيئي هي نقطة الانطلاق")
    expect(guidance).to_be_visible()
    assert guidance.evaluate("e => getComputedStyle(e).direction") == "rtl"
    expect(step.get_by_text("أُرسلت الدعوات عبر القنوات المناسبة")).to_be_visible()  # checklist
    shot(page, "guide-ar-01-seminar-step")

    with page.expect_download() as download:
        step.get_by_role("button", name="(PDF)").first.click()
    pdf = download.value
    assert pdf.suggested_filename == "seminar-agenda-ar.pdf"
    text = pypdf.PdfReader(pdf.path()).pages[0].extract_text()
    assert "الأهداف" in text and "Objectives" not in text
