"""Keyboard-only steps: move the focus with Tab as a person would, and check it shows.

No mouse, no ``element.click()``, no ``fill()``: a step presses Tab (or Shift+Tab) until
the focused element is the one wanted, then operates it with Enter, Space, arrow keys or
typed text. ``reach`` also checks that the focus is visible where it lands (the element's
area looks different focused and unfocused), which is what a sighted keyboard user needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page

from tests.browser.steps import wait_idle

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const labelled = (e.labels && e.labels[0] && e.labels[0].innerText) || '';
  const testid = e.closest('[data-testid]');
  const keyed = e.closest('[class*="st-key-"]');
  return {
    tag: e.tagName, role: e.getAttribute('role') || '', type: e.type || '',
    name: (e.getAttribute('aria-label') || labelled || e.innerText || '').trim(),
    testid: testid ? testid.getAttribute('data-testid') : '',
    key: keyed ? [...keyed.classList].find(c => c.startsWith('st-key-')).slice(7) : '',
    checked: !!e.checked,
  };
}"""

# the widget a focused input belongs to, whose drawing shows the focus (the input itself
# of a radio or checkbox is hidden; a select's box is drawn around its input)
_AREA = """() => document.activeElement.closest('[data-baseweb=select],'
  + ' [data-testid=stTextInputRootElement], [data-testid=stTextAreaRootElement], label')
  || document.activeElement"""
_BOX = """(w) => {
  w.scrollIntoView({block: 'center'});
  const r = w.getBoundingClientRect();
  return {x: Math.max(0, r.x - 4), y: Math.max(0, r.y - 4), width: r.width + 8, height: r.height + 8};
}"""


@dataclass(frozen=True)
class Focus:
    tag: str
    role: str
    type: str
    name: str
    testid: str
    key: str
    checked: bool


def focused(page: Page) -> Focus | None:
    found = page.evaluate(_FOCUSED)
    return Focus(**found) if found else None


def reach(page: Page, wanted: Callable[[Focus], bool], *, back: bool = False,
          limit: int = 80, what: str = "") -> Focus:
    """Press Tab (Shift+Tab with ``back``) until the focus is on what ``wanted`` accepts;
    then check that the focus is visible there."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        if now is not None and wanted(now):
            assert_focus_visible(page, now)
            return now
        seen.append(f"{now.testid}:{now.name[:30]}" if now else "body")
    raise AssertionError(f"the keyboard never reached {what or wanted}: {seen}")


def named(name: str, *, testid: str = "") -> Callable[[Focus], bool]:
    """The element whose accessible name (or label, or text without its icon) is ``name``."""
    def match(f: Focus) -> bool:
        text = f.name.split("\n")[-1].strip()
        return (f.name == name or text == name) and (not testid or f.testid.startswith(testid))
    return match


def keyed(key: str) -> Callable[[Focus], bool]:
    """The element of the Streamlit widget with this ``key`` (dots are dashes in classes)."""
    return lambda f: f.key == key.replace(".", "-")


def assert_focus_visible(page: Page, where: Focus) -> None:
    """The focused element's area looks different once the focus leaves it (Shift+Tab)
    and comes back (Tab): a focus indicator is drawn."""
    area = page.evaluate_handle(_AREA)
    focused_shot = page.screenshot(clip=area.evaluate(_BOX))
    page.keyboard.press("Shift+Tab")
    unfocused_shot = page.screenshot(clip=area.evaluate(_BOX))
    page.keyboard.press("Tab")
    back = focused(page)  # a radio group takes the focus back on its checked (or first) radio
    assert back == where or (where.type == "radio" and back and back.key == where.key), \
        f"Tab did not come back to {where} but to {back}"
    assert focused_shot != unfocused_shot, f"no visible focus on {where}"


def press(page: Page, key: str) -> None:
    """Press a key that makes Streamlit run the page again, and wait for it."""
    page.keyboard.press(key)
    page.wait_for_timeout(150)  # let the press reach the server before asking if it is idle
    wait_idle(page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the select box ``label`` with the keyboard: Tab to it, type the
    option's text to filter the list, Enter."""
    reach(page, named(label, testid="stSelectbox"), what=label)
    page.keyboard.type(option)
    listed = page.get_by_role("option").filter(has_text=option).first
    listed.wait_for()
    press(page, "Enter")
