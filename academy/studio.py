"""The scenario studio: where instructors read, change and try out scenarios.

A scenario is a YAML text. The studio lists every scenario with its metadata, shows an
instructor a world in omniscient mode — the whole network, the routes, every shipment as
it would go if nobody intervened — and lets them edit the text in the app or upload a
file. Validation is the engine's own (``engine.loader``), so the studio shows exactly the
``file:line: field.path: message`` lines of ``python -m engine validate``. Saving stores a
new ``ScenarioVersion`` in one transaction or nothing at all; the old version stays for
the exercises that were played on it.

Uploads are hostile until proven otherwise: the size is checked before anything is read,
the text must be UTF-8, and the loader turns every YAML trick into a problem list.
Briefings and messages are data: pages show them as text, never as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from academy import catalogs
from academy.errors import AcademyError
from academy.models import Role, ScenarioVersion, User
from academy.scenarios import SCENARIOS, curriculum_modules, digest, latest, parse, store
from engine.exercise import Exercise
from engine.loader import MAX_BYTES, Problem, ScenarioError, load_scenario_text
from engine.loader import notes as scenario_notes
from engine.records import Debrief
from engine.scenario import Scenario

MAX_UPLOAD_BYTES = 256_000  # well under the loader's own limit; real scenarios are ~20 kB
assert MAX_UPLOAD_BYTES <= MAX_BYTES


@dataclass(frozen=True)
class Entry:
    """One scenario of the catalogue, as the studio lists it."""

    version: ScenarioVersion
    scenario: Scenario
    versions: int


def _check_staff(user: User | None) -> None:
    if user is None or user.role not in (Role.instructor, Role.admin):
        raise AcademyError("forbidden")


def catalogue(session: Session, *, user: User | None) -> list[Entry]:
    """Every scenario's newest version with how many versions it has."""
    _check_staff(user)
    counts: dict[str, int] = {}
    for scenario_id in session.exec(select(ScenarioVersion.scenario_id)).all():
        counts[scenario_id] = counts.get(scenario_id, 0) + 1
    return [Entry(v, parse(v.text), counts[v.scenario_id]) for v in latest(session)]


def versions_of(session: Session, *, user: User | None, scenario_id: str) -> list[ScenarioVersion]:
    _check_staff(user)
    return list(session.exec(select(ScenarioVersion)
                             .where(ScenarioVersion.scenario_id == scenario_id)
                             .order_by(col(ScenarioVersion.id).desc())).all())


def read_upload(data: bytes) -> str:
    """The text of an uploaded file, refused when too big or not UTF-8."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise AcademyError("upload_too_big", kb=MAX_UPLOAD_BYTES // 1000)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AcademyError("upload_encoding") from None


def problems(text: str, filename: str = "scenario.yaml", lang: str = "en") -> list[str]:
    """Every problem of a scenario text, one CLI-style line each (empty: valid); problems
    of the whole file (too big, malformed, nested too deeply …) in ``lang``."""
    return [said for said, _ in found(text, filename, lang)]


def found(text: str, filename: str = "scenario.yaml", lang: str = "en") -> list[tuple[str, int]]:
    """Every problem of a scenario text with its line (``problems``, and where to look)."""
    if len(text.encode("utf-8")) > MAX_UPLOAD_BYTES:
        kb = MAX_UPLOAD_BYTES // 1000
        return [(_say(Problem(filename, 1, "", f"larger than {kb} kB", "upload_too_big",
                              {"kb": kb}), lang), 1)]
    try:
        load_scenario_text(text, filename=filename, modules=curriculum_modules())
    except ScenarioError as error:
        return [(_say(p, lang), p.line) for p in error.problems]
    return []


MAX_EXCERPTS = 4  # the lines around the first few problems: more would bury the list


def excerpt(text: str, line: int) -> str:
    """Lines ``line - 1`` to ``line + 1`` of ``text``, numbered, the problem's marked with
    ``>``: the studio's text box has no line numbers, so "line 178" alone is hard to find."""
    lines = text.splitlines()
    shown = range(max(line - 1, 1), min(line + 1, len(lines)) + 1)
    width = len(str(shown[-1])) if shown else 1
    return "\n".join(f"{'>' if n == line else ' '} {n:>{width}} | {lines[n - 1]}"
                     for n in shown)


def excerpts(text: str, lines: list[int]) -> list[str]:
    """``excerpt`` of each line with a problem, once each, in order, at most
    ``MAX_EXCERPTS`` (a problem of the whole file, line 0, has none)."""
    wanted = sorted({n for n in lines if n > 0})[:MAX_EXCERPTS]
    return [excerpt(text, n) for n in wanted]


def notes(text: str, filename: str = "scenario.yaml") -> list[str]:
    """Advice on a valid text, one CLI-style line each, as ``python -m engine validate``
    prints it (a relation named close to one the engine reads: 'pay' for 'pays')."""
    try:
        scenario = load_scenario_text(text, filename=filename, modules=curriculum_modules())
    except ScenarioError:
        return []
    return [str(n) for n in scenario_notes(scenario, text, filename)]


def _say(problem: Problem, lang: str) -> str:
    """``file:line: path: message`` with the message from the ``loader.*`` catalog keys;
    English is the engine's own line, exactly as ``python -m engine validate`` prints it."""
    if lang == "en" or not problem.code:
        return str(problem)
    message = catalogs.say(f"loader.{problem.code}", lang, **problem.values)
    return problem.said(message)


def save(session: Session, *, user: User | None, text: str,
         filename: str = "scenario.yaml") -> ScenarioVersion:
    """Store ``text`` as a new version (the same text twice is one version)."""
    _check_staff(user)
    found = problems(text, filename)
    if found:
        raise AcademyError("scenario_invalid", problems="\n".join(found))
    existing = session.exec(select(ScenarioVersion).where(
        ScenarioVersion.digest == digest(text))).first()
    if existing is not None:
        raise AcademyError("scenario_unchanged")
    with session.begin_nested():  # all or nothing, even inside a longer transaction
        return store(session, text=text, source="studio", created_by=user.id if user else None)


def author_guide(folder: Path = SCENARIOS) -> str:
    """The scenario author's guide (``scenarios/README.md``) followed by its field reference
    (``scenarios/FIELDS.md``, generated from the engine's models), as Markdown."""
    parts = [folder / "README.md", folder / "FIELDS.md"]
    return "\n\n".join(p.read_text(encoding="utf-8") for p in parts if p.is_file())


def omniscient(scenario: Scenario, seed: int) -> Debrief:
    """The world with nobody intervening: the whole network and every shipment's fate."""
    live = Exercise(scenario, seed)
    while not live.finished:
        live.apply({"kind": "advance", "days": 7})
    return live.debrief()


def route_lines(scenario: Scenario, lang: str = "en"
                ) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(places, legs) of every route, ready for a map: places named in ``lang``."""
    places = {loc.id: loc for loc in scenario.locations}
    points = [{"name": p.name_in(lang), "lat": p.lat, "lon": p.lon, "kind": p.kind.value,
               "country": p.country} for p in scenario.locations]
    legs = [{"lon": places[leg.from_].lon, "lat": places[leg.from_].lat,
             "lon2": places[leg.to].lon, "lat2": places[leg.to].lat,
             "mode": leg.mode.value, "label": route.name, "day": 0.0}
            for route in scenario.routes for leg in route.legs
            if leg.from_ in places and leg.to in places]
    return points, legs
