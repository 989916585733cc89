"""axe-core on every page for every role, in English and in Arabic, in the states people see:
each desk tab, forms with a refusal or a blank field, a knowledge check, the debrief after an
exercise ends, sign-in with a wrong PIN. No serious or critical violation may be found.

One server for the module; each test signs in once as one role in one language and scans
each state once. What each scan found goes to ``test-artifacts/axe/`` (JSON and Markdown per
page, ``summary.md`` for all)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from academy.catalogs import say
from academy.demo import DEMO_ADMIN, DEMO_INSTRUCTOR, DEMO_WORKSHOP_CODE
from tests.browser.axe_scan import AXE_DIR, Scan, report, scan, summary
from tests.browser.steps import choose_language, sign_in_staff, sign_in_trainee, wait_idle
from tests.pages.helpers import play_steps

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
LANGS = {"en": "English", "ar": "العربية"}
COUNTRY_CODE, COUNTRY_MEMBER = "NEST26", ("Amina Wekesa", "1357")


@pytest.fixture(scope="module")
def scans() -> Iterator[list[Scan]]:
    found: list[Scan] = []
    yield found
    summary(found, AXE_DIR / "summary.md")


@pytest.fixture(scope="module")
def wrong_pin_trainee(server) -> str:  # type: ignore[no-untyped-def]
    """A trainee of the demo workshop whom only the wrong-PIN scan signs in as: its wrong
    attempts slow down that name's next try (2^n s), and the trainee scans that follow sign
    in as the demo trainee — a shared name made them wait and fail now and then."""
    from academy.accounts import join_workshop
    from academy.db import make_engine, session_scope

    name = "Audit Wrongpin"
    engine = make_engine(server.db_url)
    with session_scope(engine) as s:
        join_workshop(s, new=True, code=DEMO_WORKSHOP_CODE, name=name, pin="1357")
    engine.dispose()
    return name


@pytest.fixture(scope="module")
def finished(server) -> int:  # type: ignore[no-untyped-def]
    """The demo trainee's wildlife exercise, played to its end (its debrief is open)."""
    exercise_id, _ = play_steps(server.db_url, [{"kind": "advance", "days": 7}])
    return exercise_id


class Audit:
    """Scans of one role in one language, named ``<role>-<lang>-<state>``."""

    def __init__(self, page: Page, role: str, lang: str, scans: list[Scan]) -> None:
        self.page, self.prefix, self.lang = page, f"{role}-{lang}", lang
        self.mine: list[Scan] = []
        self.all = scans
        self.undescribed: list[str] = []  # charts without their text alternative
        self.charts = 0  # charts looked at

    def __call__(self, state: str) -> None:
        result = scan(self.page, f"{self.prefix}-{state}")
        self.mine.append(result)
        self.all.append(result)
        self.charts_described(state)

    def charts_described(self, state: str) -> None:
        """Every chart drawn is named for screen readers with the sentence that sends them
        to its table (ui/figures.py), in the page's language."""
        sentence = say("figure.described", self.lang, title="").strip(". ")
        # A tab opens in the browser without a rerun, so wait_idle cannot tell when its
        # charts are drawn: wait until every chart outside a hidden tab has named itself.
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
            "  .filter(c => { const p = c.closest('[data-testid=\"stTabPanel\"]');"
            "                 return !p || p.checkVisibility(); })"
            "  .every(c => c.getAttribute('aria-label'))")
        labels = self.page.get_by_test_id("stVegaLiteChart").evaluate_all(  # Vega names its
            "charts => charts.filter(c => c.checkVisibility())"  # own container, once drawn
            "  .map(c => c.getAttribute('aria-label') || '')")
        self.charts += len(labels)
        self.undescribed += [f"{self.prefix}-{state}: {label!r}" for label in labels
                             if sentence not in label]

    def say(self, key: str, **values: object) -> str:
        return say(key, self.lang, **values)

    def language(self) -> None:
        choose_language(self.page, LANGS[self.lang])
        html = self.page.locator("html")
        expect(html).to_have_attribute("lang", self.lang)
        expect(html).to_have_attribute("dir", "rtl" if self.lang == "ar" else "ltr")

    def go(self, url: str) -> None:
        """Open a page from the menu (a typed URL would start a new, signed-out session)."""
        nav = self.page.get_by_test_id("stSidebarNav")
        more = nav.get_by_test_id("stSidebarNavViewButton")
        if more.count() and not nav.locator(f"a[href$='/{url}']").count():
            more.click()
        link = nav.locator(f"a[href$='/{url}']")
        home = not link.count()  # the role's home page is the first link, at "/"
        (nav.locator("a").first if home else link).click()
        if not home:
            expect(self.page).to_have_url(re.compile(f"/{url}"))
        wait_idle(self.page)

    def every_menu_page(self) -> None:
        """Every page in this role's menu, as it first opens."""
        nav = self.page.get_by_test_id("stSidebarNav")
        more = nav.get_by_test_id("stSidebarNavViewButton")
        if more.count():
            more.click()
        urls = [href.rsplit("/", 1)[-1] for href in
                nav.locator("a").evaluate_all("links => links.map(a => a.href)")]
        for url in urls:
            if url:  # the home page ("/") is scanned right after signing in
                self.go(url)
                self(url)

    def tabs(self, state: str) -> None:
        """Each tab of the main area's first tab bar, opened and scanned in turn."""
        tabs = self.page.get_by_test_id("stMain").get_by_role("tab")
        expect(tabs.first).to_be_visible()
        for index in range(tabs.count()):
            tabs.nth(index).click()
            expect(tabs.nth(index)).to_have_attribute("aria-selected", "true")
            self(f"{state}-tab{index + 1}")

    def check(self) -> None:
        assert not self.undescribed, "charts without a text alternative:\n" + "\n".join(
            self.undescribed)
        assert not any(s.blocking for s in self.mine), (
            "serious or critical accessibility violations (rule, element, help):\n"
            + report(self.mine))


def send_blank_form(page: Page, expander: str | None = None) -> None:
    """Open the expander holding the page's form (if any) and send the form as it is."""
    if expander:
        page.get_by_test_id("stExpander").filter(has_text=expander).locator("summary").click()
    page.get_by_test_id("stFormSubmitButton").locator("button").last.click()
    expect(page.get_by_test_id("stAlert").first).to_be_visible()


def signed_in(page: Page) -> None:
    expect(key(page, "sidebar.sign_out")).to_be_visible()
    wait_idle(page)


def key(page: Page, name: str):  # type: ignore[no-untyped-def]
    """The element of a Streamlit widget key (``a.b`` is the class ``st-key-a-b``)."""
    return page.locator(f".st-key-{re.sub(r'[^A-Za-z0-9_-]', '-', name)}")


@pytest.mark.parametrize("lang", list(LANGS))
def test_signed_out_pages(server, page, scans, wrong_pin_trainee, lang):
    audit = Audit(page, "signed-out", lang, scans)
    page.goto(server.url)
    audit.language()
    audit("sign-in")
    key(page, "signin.code").locator("input").fill("DEMO26")
    key(page, "signin.name").locator("input").fill(wrong_pin_trainee)
    key(page, "signin.pin").locator("input").fill("0000")
    page.get_by_test_id("stMain").get_by_role("button", name=audit.say("signin.join_button")).click()
    expect(page.get_by_test_id("stAlert")).to_be_visible()
    audit("sign-in-wrong-pin")
    page.get_by_role("tab", name=audit.say("signin.tab_staff")).click()
    audit("sign-in-staff")
    audit.go("verify")
    audit("verify")
    audit.check()


@pytest.mark.parametrize("lang", list(LANGS))
def test_trainee_pages(server, page, scans, finished, lang):
    audit = Audit(page, "trainee", lang, scans)
    sign_in_trainee(page, server.url)
    signed_in(page)
    audit.language()
    audit("home")
    audit.every_menu_page()

    audit.go("modules")  # a module, its knowledge check, and the check sent blank
    key(page, "modules.open.interpol-notices").locator("button").click()
    expect(key(page, "module.jump")).to_be_visible()
    audit("module-reading")
    key(page, "module.jump").get_by_role("combobox").click()
    page.get_by_role("option").last.click()
    expect(page.get_by_test_id("stForm")).to_be_visible()
    audit("knowledge-check")
    page.get_by_test_id("stForm").get_by_role("button").last.click()
    expect(page.get_by_test_id("stAlert").first).to_be_visible()
    audit("knowledge-check-blank")

    audit.go("exercises")  # a running exercise: each desk tab, then an action sent unfilled
    page.locator("[class*='st-key-exercises-start-'] button").first.click()
    expect(key(page, "desk.advance.7")).to_be_visible()
    key(page, "desk.advance.7").locator("button").click()
    wait_idle(page)
    audit.tabs("desk")
    key(page, "actions.kind").get_by_role("radio").nth(2).check(force=True)  # a notice
    wait_idle(page)
    key(page, "actions.submit.request_notice").locator("button").click()
    expect(page.get_by_test_id("stAlert").first).to_be_visible()
    audit("desk-action-unfilled")

    audit.go("exercises")  # the finished exercise opens its debrief
    key(page, f"exercises.open.{finished}").locator("button").click()
    expect(page).to_have_url(re.compile("/debrief"))
    audit.tabs("debrief")
    assert audit.charts >= 6  # link chart, map, timeline; score, network, shipments, decisions
    audit.check()


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("role", ["instructor", "admin"])
def test_staff_pages(server, page, scans, role, lang):
    audit = Audit(page, role, lang, scans)
    username, password = DEMO_INSTRUCTOR if role == "instructor" else DEMO_ADMIN
    sign_in_staff(page, server.url, username, password)
    signed_in(page)
    audit.language()
    audit("home")
    audit.every_menu_page()
    if role == "instructor":  # a new workshop without a title
        audit.go("workshops")
        send_blank_form(page, audit.say("instructor.new"))
        audit("workshops-new-blank")
    else:  # a new staff account without a name or password
        audit.go("users")
        send_blank_form(page)
        audit("users-new-blank")
    audit.check()


@pytest.mark.parametrize("lang", list(LANGS))
def test_country_team_pages(server, page, scans, lang):
    audit = Audit(page, "country", lang, scans)
    sign_in_trainee(page, server.url, name=COUNTRY_MEMBER[0], pin=COUNTRY_MEMBER[1],
                    code=COUNTRY_CODE)
    asked = page.get_by_role("button", name="Yes, I am new: create me")
    expect(asked.or_(key(page, "sidebar.sign_out")).first).to_be_visible()
    if asked.is_visible():  # the first of the two tests creates the member
        asked.click()
    signed_in(page)
    audit.language()
    audit("home")
    audit.every_menu_page()
    audit.go("agency-map")  # an agency without a name
    send_blank_form(page, audit.say("agencies.add"))
    audit("agency-map-new-blank")
    audit.check()
