"""A country's improvement plan leaves the app as a PDF and a CSV table.

The PDF is what the NEST coordinator takes to the steering committee: how many corrective
actions are done, then every indicator the exercises found something on — its strengths,
areas for improvement and actions with owner, due date and status. The CSV carries one row
per item for the team's own tracking, written by ``academy.spreadsheet`` (a finding typed as
``=HYPERLINK(…)`` stays text). Words come from the catalogs in the reader's language;
indicator titles from the framework in its content language (English where it has none).
"""

from __future__ import annotations

from typing import Any

from academy import catalogs
from academy.guidance import Framework
from academy.improvement import ITEM_KINDS, Item, progress
from academy.pdf import Report
from academy.spreadsheet import csv_records

FIELDS = ("dimension_id", "indicator_id", "indicator", "kind", "text", "owner", "due_on",
          "status", "status_by", "status_at", "workshop")


def ordered(framework: Framework, plan: dict[str, list[Item]]) -> list[tuple[str, list[Item]]]:
    """The plan's indicators in the framework's order (an id it no longer has, last)."""
    order = {iid: n for n, iid in enumerate(framework.indicators)}
    return sorted(plan.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0]))


def _title(framework: Framework, indicator_id: str, lang: str) -> str:
    indicator = framework.indicators.get(indicator_id)
    return indicator.title.get(lang) if indicator else indicator_id


def rows(framework: Framework, plan: dict[str, list[Item]], lang: str) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for indicator_id, items in ordered(framework, plan):
        dimension = (framework.dimension_of(indicator_id).id
                     if indicator_id in framework.indicators else "")
        for item in items:
            out.append({
                "dimension_id": dimension, "indicator_id": indicator_id,
                "indicator": _title(framework, indicator_id, lang), "kind": item.kind,
                "text": item.text, "owner": item.owner,
                "due_on": item.due_on.isoformat() if item.due_on else "",
                "status": item.status if item.is_action else "",
                "status_by": item.status_by,
                "status_at": item.status_at.isoformat(timespec="minutes") if item.status_at else "",
                "workshop": item.workshop,
            })
    return out


def to_csv(framework: Framework, plan: dict[str, list[Item]], lang: str) -> str:
    return csv_records(FIELDS, rows(framework, plan, lang))


def to_pdf(framework: Framework, plan: dict[str, list[Item]], lang: str, *, team: str) -> bytes:
    """The printable improvement plan in ``lang`` (Arabic shaped and right-to-left)."""

    def say(key: str, **values: Any) -> str:
        return catalogs.say(f"improve_pdf.{key}", lang, **values)

    counted = progress(plan)
    report = Report(say("title", team=team), subtitle=framework.source_note.get(lang),
                    footer=catalogs.footer(lang))
    report.heading(say("progress"))
    report.paragraph(say("done", done=counted.done, total=counted.total))
    report.table([catalogs.say(f"improve.status_{s}", lang) for s in counted.by_status],
                 [list(counted.by_status.values())])
    if not plan:
        report.paragraph(say("empty"))
    for indicator_id, items in ordered(framework, plan):
        dimension = (f"{framework.dimension_of(indicator_id).title.get(lang)} · "
                     if indicator_id in framework.indicators else "")
        report.heading(f"{dimension}{_title(framework, indicator_id, lang)}")
        for kind in ITEM_KINDS:
            found = [i for i in items if i.kind == kind]
            if not found:
                continue
            report.paragraph(catalogs.say(f"improve.kind_{kind}", lang))
            if kind != "action":
                report.bullets([f"{i.text} ({i.workshop})" for i in found])
                continue
            report.table([say("action"), say("owner"), say("due"), say("status")],
                         [[f"{i.text} ({i.workshop})", i.owner,
                           i.due_on.isoformat() if i.due_on else "—",
                           catalogs.say(f"improve.status_{i.status}", lang)
                           + (f" — {i.status_by}, {i.status_at:%Y-%m-%d}"
                              if i.status_by and i.status_at else "")]
                          for i in found])
    return report.render()
