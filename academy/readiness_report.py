"""A readiness assessment leaves the app as a PDF report, a CSV table and a JSON record.

The PDF is what a NEST coordinator hands to the steering committee: overall score and
maturity, the radar chart, the score per dimension, and the weakest indicators with what
to do next (guide steps, curriculum modules). The CSV and JSON carry every indicator's
score for the team's own analysis. Headings come translated from the caller (the UI owns
its words); content comes from the framework in the content language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from academy import catalogs
from academy.assessments import RoundScores
from academy.assignments import module_titles
from academy.guidance import Framework, Guide
from academy.pdf import Report
from academy.readiness import results, weakest
from academy.spreadsheet import csv_records
from academy.wording import number


def rows(framework: Framework, scores: RoundScores, lang: str) -> list[dict[str, object]]:
    """One row per indicator: dimension, indicator, score, agreed or provisional, note. The
    indicator is named as the sheet heads it ("1.1 · Formal mandate"), not as a bare "1.1"
    a spreadsheet would read as a number or a date; its id stays for the team's own tools."""
    out = []
    for dimension in framework.dimensions:
        for indicator in dimension.indicators:
            score = scores.scores.get(indicator.id)
            out.append({
                "dimension_id": dimension.id,
                "dimension": dimension.title.get(lang),
                "indicator_id": indicator.id,
                "indicator": framework.heading(indicator.id, lang),
                "score": score,
                "status": ("agreed" if indicator.id in scores.agreed
                           else "provisional" if score is not None else "missing"),
                "note": scores.notes.get(indicator.id, ""),
            })
    return out


def to_csv(framework: Framework, scores: RoundScores, lang: str) -> str:
    data = rows(framework, scores, lang)
    return csv_records(list(data[0]) if data else ["indicator_id"], data)


def to_json(framework: Framework, scores: RoundScores, lang: str, *, team: str,
            assessment: str) -> str:
    summary = results(framework, scores.scores)
    return json.dumps({
        "framework": {"id": framework.id, "version": framework.version},
        "team": team,
        "assessment": assessment,
        "overall": summary.overall,
        "percent": summary.percent,
        "maturity": summary.maturity.label.get(lang) if summary.maturity else None,
        "dimensions": [{"id": d.id, "average": d.average, "percent": d.percent,
                        "scored": d.scored, "total": d.total} for d in summary.dimensions],
        "indicators": rows(framework, scores, lang),
    }, ensure_ascii=False, indent=2)


def to_pdf(framework: Framework, guide: Guide, scores: RoundScores, lang: str, *,
           labels: Mapping[str, str], title: str, subtitle: str,
           radar_png: bytes | None = None, modules: Mapping[str, str] | None = None) -> bytes:
    """The printable report; ``labels`` holds the translated headings, ``modules`` the
    curriculum modules' titles in ``lang`` by id (English titles when not given): a reader
    gets names, not ids."""
    summary = results(framework, scores.scores)
    titles = {d.id: d.title.get(lang) for d in framework.dimensions}

    def num(value: float, spec: str = "") -> str:  # "2,50" in French
        return number(value, lang, spec)

    def field(label: str, value: object) -> str:  # "Étapes : …", the colon as French puts it
        return catalogs.say("decision.field", lang, label=label, value=value)

    module_names = {**module_titles(), **(modules or {})}
    report = Report(title=title, subtitle=subtitle, footer=catalogs.footer(lang), lang=lang)
    report.heading(labels["overall"])
    if summary.overall is not None and summary.maturity is not None:
        report.paragraph(f"{num(summary.overall, '.2f')} / 3"
                         f" ({num((summary.percent or 0) / 100, '.0%')}) — "
                         + field(labels["maturity"], summary.maturity.label.get(lang)))
        report.paragraph(summary.maturity.meaning.get(lang))
    if radar_png:
        report.image(radar_png, width_mm=120)
    report.heading(labels["dimensions"])
    report.table([labels["dimension"], labels["score"], "%", labels["scored"]], [
        [titles[d.id], "—" if d.average is None else num(d.average, ".2f"),
         "—" if d.percent is None else num(d.percent, ".0f"), f"{d.scored}/{d.total}"]
        for d in summary.dimensions])
    report.heading(labels["weakest"])
    for indicator, level in weakest(framework, scores.scores, limit=10):
        steps = ", ".join(guide.steps[s].title.get(lang) for s in indicator.steps)
        report.paragraph(f"{indicator.title.get(lang)} — {num(level)} / 3\n"
                         f"{indicator.recommendation.get(lang)}\n"
                         + field(labels["steps"], steps or "—") + "\n"
                         + field(labels["modules"], ", ".join(
                             module_names.get(m, m) for m in indicator.modules) or "—"))
    report.heading(labels["indicators"])
    report.table([labels["indicator"], labels["score"], labels["status"]], [
        [r["indicator"], "—" if r["score"] is None else num(r["score"]), labels[str(r["status"])]]
        for r in rows(framework, scores, lang)])
    report.paragraph(framework.source_note.get(lang))
    return report.render()
