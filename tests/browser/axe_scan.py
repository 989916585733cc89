"""An axe-core scan of what a browser shows, as a test reads it.

axe-core comes bundled in the ``axe-playwright-python`` package (Deque's axe, MPL-2.0). A
scan is of the whole document as drawn at that moment: hidden tabs and collapsed expanders
are not judged until they are opened. Each scan writes what it found, every impact, to
``test-artifacts/axe/<name>.json`` and one Markdown line per rule and element to
``<name>.md``; a test fails on the serious and critical ones.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

from tests.browser.conftest import ARTIFACTS
from tests.browser.steps import wait_idle

BLOCKING = ("serious", "critical")  # the issue's bar: none of these on any page
AXE_DIR = ARTIFACTS / "axe"
IMPACTS = ("critical", "serious", "moderate", "minor")

# Violations inside Streamlit's own markup that our code cannot reach, each rule with the
# exact element it may be found on and the upstream issue that tracks it. Nothing else
# is ever left out.
KNOWN_UPSTREAM: tuple[tuple[str, str, str], ...] = ()


@dataclass
class Finding:
    rule: str
    impact: str
    target: str
    help: str
    url: str
    html: str = ""

    def line(self) -> str:
        return (f"{self.impact:8} {self.rule}: {self.target} — {self.help} ({self.url})"
                f"\n      {self.html}")


@dataclass
class Scan:
    """Every finding of one scan, and those a test must not let through."""

    name: str
    findings: list[Finding] = field(default_factory=list)
    excluded: list[Finding] = field(default_factory=list)
    seconds: float = 0.0  # how long axe-core took (recorded, never asserted)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.impact in BLOCKING]

    def counts(self) -> dict[str, int]:
        found = Counter(f.impact for f in self.findings)
        return {impact: found[impact] for impact in IMPACTS}


def _known(rule: str, target: str) -> bool:
    return any(rule == r and target == t for r, t, _issue in KNOWN_UPSTREAM)


def scan(page: Page, name: str) -> Scan:
    """Run axe-core on the page as it is now; write ``test-artifacts/axe/<name>.*``."""
    wait_idle(page)
    page.wait_for_timeout(300)  # charts draw themselves after the script has run
    # what the last run left is faded (stale) and fades back in: judge the colours at rest
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]') && "
                           "document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # once per page load: the
        page.evaluate(AXE_SCRIPT)  # menu changes pages without loading a new document
    started = time.perf_counter()
    response = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    result = Scan(name, seconds=round(time.perf_counter() - started, 2))
    for violation in response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            finding = Finding(violation["id"], node.get("impact") or violation["impact"] or "minor",
                              target, violation["help"], violation["helpUrl"],
                              " ".join(node.get("html", "").split())[:200]
                              + "".join(f" [{c['message']}]" for c in node.get("any", [])[:1]))
            (result.excluded if _known(finding.rule, target) else result.findings).append(finding)
    _write(result, page.url)
    return result


def _write(result: Scan, url: str) -> None:
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    data = {"page": result.name, "url": url, "counts": result.counts(), "seconds": result.seconds,
            "violations": [vars(f) for f in result.findings],
            "excluded_upstream": [vars(f) for f in result.excluded]}
    (AXE_DIR / f"{result.name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))
    lines = [f"# axe-core: {result.name}", "", f"`{url}` — " + ", ".join(
        f"{impact} {n}" for impact, n in result.counts().items()), ""]
    lines += [f"- {f.line()}" for f in result.findings] or ["- no violation"]
    lines += [f"- excluded (upstream): {f.line()}" for f in result.excluded]
    (AXE_DIR / f"{result.name}.md").write_text("\n".join(lines) + "\n")


def summary(scans: list[Scan], path: Path) -> None:
    """One Markdown table row per scan: counts by impact (and upstream exclusions)."""
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    rows = ["| page (role-language-state) | critical | serious | moderate | minor | excluded |",
            "|---|---|---|---|---|---|"]
    for s in scans:
        c = s.counts()
        rows.append(f"| {s.name} | {c['critical']} | {c['serious']} | {c['moderate']} | "
                    f"{c['minor']} | {len(s.excluded)} |")
    path.write_text("\n".join(rows) + "\n")


def report(scans: list[Scan]) -> str:
    """The failure message: every blocking finding, page by page."""
    lines = []
    for s in scans:
        if s.blocking:
            lines.append(f"{s.name}:")
            lines += [f"  {f.line()}" for f in s.blocking]
    return "\n".join(lines)
