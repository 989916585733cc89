"""The scenario catalogue as the platform keeps it.

Scenario files in ``scenarios/`` are the instructors' source of truth; each distinct text
is stored once as a ``ScenarioVersion`` (keyed by its sha256), so an exercise always
replays on exactly the text it was started with, even after the file is edited.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from academy.errors import AcademyError
from academy.models import ScenarioVersion
from engine.loader import ScenarioError, load_scenario_text, module_ids_in
from engine.scenario import Scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
CURRICULUM = Path(__file__).resolve().parent.parent / "curriculum" / "en"
TITLE_LENGTH = 200  # ScenarioVersion.title; the schema allows longer titles
MAX_VERSION = 2**31 - 1


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def parse(text: str) -> Scenario:
    """The validated scenario of a stored text (parsed once per process; frozen, shareable)."""
    return load_scenario_text(text, filename="stored", lenient=True)


@lru_cache(maxsize=1)
def curriculum_modules() -> frozenset[str]:
    """The module ids a new scenario's objectives may name: the curriculum's modules."""
    return module_ids_in(CURRICULUM)


def store(
    session: Session, *, text: str, source: str = "file", created_by: int | None = None
) -> ScenarioVersion:
    """The stored version of ``text``, added if new; raises AcademyError if it is invalid."""
    key = digest(text)
    existing = session.exec(select(ScenarioVersion).where(ScenarioVersion.digest == key)).first()
    if existing is not None:
        return existing
    try:
        scenario = load_scenario_text(text, filename="scenario.yaml",
                                      modules=curriculum_modules())
    except ScenarioError as error:
        problems = "\n".join(map(str, error.problems))
        raise AcademyError("scenario_invalid", problems=problems) from None
    if scenario.version > MAX_VERSION:  # the column is a 4-byte integer (PostgreSQL)
        raise AcademyError("scenario_invalid",
                           problems=f"scenario.yaml: version: at most {MAX_VERSION}")
    version = ScenarioVersion(
        scenario_id=scenario.id,
        version=scenario.version,
        title=scenario.title["en"][:TITLE_LENGTH],  # the full title stays in the text
        digest=key,
        text=text,
        source=source,
        created_by=created_by,
    )
    try:
        with session.begin_nested():  # another server thread may store the same text now
            session.add(version)
    except IntegrityError:
        return session.exec(select(ScenarioVersion).where(ScenarioVersion.digest == key)).one()
    return version


def sync_shipped(session: Session, folder: Path = SCENARIOS) -> list[ScenarioVersion]:
    """Store the current text of every valid shipped scenario file."""
    stored = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            stored.append(store(session, text=path.read_text(encoding="utf-8")))
        except AcademyError:
            continue  # an invalid file is reported by `python -m engine validate`, not here
    return stored


def latest(session: Session) -> list[ScenarioVersion]:
    """The newest stored version of each scenario id."""
    rows = session.exec(
        select(ScenarioVersion).order_by(col(ScenarioVersion.scenario_id), col(ScenarioVersion.id))
    ).all()
    newest: dict[str, ScenarioVersion] = {}
    for row in rows:
        newest[row.scenario_id] = row
    return list(newest.values())


def get_version(session: Session, *, version_id: int) -> ScenarioVersion:
    version = session.get(ScenarioVersion, version_id)
    if version is None:
        raise AcademyError("not_found")
    return version
