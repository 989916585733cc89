"""The keyboard keeps its place while Streamlit redraws, and its arrows go the way the page reads.

Streamlit disables every tab of an ``st.tabs`` while the content under it is being redrawn
(a tab of a rerun still "stale" is drawn disabled), and a browser drops the focus of an
element that becomes disabled: a trainee who moves from tab to tab on the desk with the
arrow keys finds the focus back at the top of the page after a redraw, at random. The
script below puts the focus back on the tab that lost it, once the tab is usable again,
and only when the focus fell to the page itself (never taking it from where the user
moved it). It is the app's own constant text, so running it as script is safe.

On a right-to-left page the tab row runs from the right, but the tabs take their arrow
keys from the browser's language (React Aria reads ``navigator.language``), so in an
English browser showing the Arabic app ArrowRight would go to the tab drawn on the left.
The script swaps the two arrows on a tab of a right-to-left page: the arrow pointing
left goes to the next tab, the one drawn to the left.
"""

from __future__ import annotations

import streamlit as st

KEEP_TAB_FOCUS = """<script>
(() => {
  if (window.nestKeepTabFocus) return;
  window.nestKeepTabFocus = true;
  document.addEventListener("focusout", (event) => {
    const tab = event.target.closest && event.target.closest("[role=tab]");
    if (!tab || event.relatedTarget) return;  // the user moved the focus on: leave it
    const list = tab.closest("[role=tablist]");
    const key = tab.getAttribute("data-key");
    let tries = 0;
    const back = () => {
      const now = document.activeElement;
      if (now && now !== document.body) return;
      const again = list && list.isConnected && list.querySelector(`[role=tab][data-key="${key}"]`);
      if (again && again.getAttribute("tabindex") === "0") again.focus({preventScroll: true});
      else if (tries++ < 200) setTimeout(back, 50);  // up to 10 s for a slow redraw
    };
    setTimeout(back, 0);
  }, true);
  const swapped = {ArrowLeft: "ArrowRight", ArrowRight: "ArrowLeft"};
  // a browser in a right-to-left language: React Aria already takes the arrows that way
  const RTL_BROWSER = /^(ar|arc|dv|fa|ha|he|khw|ks|ku|ps|ur|yi)\b/i;
  document.addEventListener("keydown", (event) => {
    const tab = event.target.closest && event.target.closest("[role=tab]");
    if (!event.isTrusted || !tab || !(event.key in swapped)) return;
    if (getComputedStyle(tab).direction !== "rtl" || RTL_BROWSER.test(navigator.language)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const key = swapped[event.key];
    tab.dispatchEvent(new KeyboardEvent("keydown", {key, code: key, bubbles: true, cancelable: true}));
  }, true);
})();
</script>"""


def keep_focus() -> None:
    """Once per run, from app.py: the focus survives redraws and the arrows follow the
    reading direction on tabs (see the module's docstring)."""
    st.html(KEEP_TAB_FOCUS, unsafe_allow_javascript=True)
