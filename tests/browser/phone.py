"""A phone (and a tablet) in the browser tests: the device, what "usable" means, a
screenshot of the whole page.

Streamlit scrolls its main area (``stMain``), not the document, so both are checked for
sideways scrolling and a whole-page screenshot makes the window as tall as that area.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import ARTIFACTS
from tests.browser.steps import wait_idle

PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True,
    "has_touch": True,
    "user_agent": ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
                   "Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"),
}
TABLET: dict[str, Any] = {
    "viewport": {"width": 768, "height": 1024}, "device_scale_factor": 2, "is_mobile": True,
    "has_touch": True,
    "user_agent": ("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like "
                   "Gecko) Chrome/126.0.0.0 Safari/537.36"),
}

# text cut off: an element holding text whose text is wider than its box that hides the
# overflow, or that runs past the box of an ancestor that clips it. Charts draw their own
# text; a tab row and a table scroll by design; a select box shows its chosen option on
# one line (the whole text is in its open list).
_CLIPPED = """() => {
  const cut = [];
  for (const e of document.querySelectorAll('[data-testid=stMain] *')) {
    if (e.closest('[data-testid=stVegaLiteChart], [data-testid=stDataFrame], [role=tablist],'
        + ' [data-testid=stSidebar], [data-baseweb=select], svg')) continue;
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own || !e.offsetParent) continue;  // only boxes that hold text themselves, drawn
    const style = getComputedStyle(e);
    const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (hides && e.scrollWidth > e.clientWidth + 1) { cut.push(e.textContent.trim().slice(0, 60)); continue; }
    const r = e.getBoundingClientRect();
    for (let a = e.parentElement; a && a.dataset.testid !== 'stMain'; a = a.parentElement) {
      if (!['hidden', 'clip'].includes(getComputedStyle(a).overflowX)) continue;
      const c = a.getBoundingClientRect();
      if (r.left < c.left - 1 || r.right > c.right + 1) cut.push(e.textContent.trim().slice(0, 60));
      break;
    }
  }
  return cut;
}"""


def sideways(page: Page) -> dict[str, int]:
    """How wide the page and its scrolled main area are, against the window."""
    return page.evaluate("""() => ({
      window: window.innerWidth,
      document: document.scrollingElement.scrollWidth,
      main: document.querySelector('[data-testid=stMain]').scrollWidth,
    })""")


_SIDEBAR_AT_REST = """() => {
  const side = document.querySelector('[data-testid=stSidebar]');
  const main = document.querySelector('[data-testid=stMainBlockContainer]');
  if (!side || !main) return true;
  const s = side.getBoundingClientRect(), m = main.getBoundingClientRect();
  return s.right <= m.left + 1 || s.left >= m.right - 1 || s.width === 0;
}"""


def assert_usable(page: Page, *, folded: bool | None = True) -> None:
    """No sideways scrolling, no text cut off, the sidebar folded away (``folded``; with
    None, open or folded as Streamlit chose), never over the content, the content in view."""
    wait_idle(page)
    width = sideways(page)
    assert width["document"] <= width["window"] and width["main"] <= width["window"], width
    cut = page.evaluate(_CLIPPED)
    assert cut == [], f"text cut off: {cut}"
    main = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert main and main["x"] >= 0 and main["x"] + main["width"] <= width["window"] + 1, main
    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.count():
        if folded is not None:
            expect(sidebar).to_have_attribute("data-collapsed", "true" if folded else "false")
        # a folding sidebar slides out over ~0.3 s: wait for it to come to rest (at most 5 s;
        # one still over the content after that fails below)
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(_SIDEBAR_AT_REST, timeout=5_000)
        side = sidebar.bounding_box()  # out of the window, or beside the content
        assert side is None or side["x"] + side["width"] <= main["x"] + 1 \
            or side["x"] >= main["x"] + main["width"] - 1, (side, main)


def assert_reachable(page: Page, button: Locator) -> None:
    """A button the trainee needs: scrolled to, it is whole inside the window."""
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    size = page.viewport_size
    assert box and size, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"], box
    assert box["height"] >= 32, box  # big enough for a finger


def whole_page(page: Page, name: str) -> Path:
    """A screenshot of the whole scrolled main area (the window made as tall as it)."""
    ARTIFACTS.mkdir(exist_ok=True)
    wait_idle(page)
    size = page.viewport_size
    assert size
    tall = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(tall, size["height"]), 8000)})
    page.wait_for_timeout(600)  # charts redraw for the new height
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), scale="css")
    page.set_viewport_size(size)
    page.wait_for_timeout(300)
    return path
