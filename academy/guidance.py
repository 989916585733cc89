"""The NEST setup guide, the readiness framework and the agency lists, as validated data.

A country team follows the guide (phases of steps, each with guidance, a checklist and
templates to fill) and scores its task force against the framework (dimensions of
indicators, each with four described levels 0–3). Both live in ``guidance/`` as YAML so
they can be reviewed and translated like the curriculum; this module loads them into
frozen pydantic models and refuses a broken file with an error naming the file and field
(an indicator without four levels, a duplicate id, a recommendation pointing at a guide
step or curriculum module that does not exist).

Content exists in INTERPOL's four languages: English, French, Spanish and Arabic. Every
text falls back to English, so a text not yet translated still shows (in English).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from academy import markdown

ROOT = Path(__file__).resolve().parent.parent
GUIDANCE = ROOT / "guidance"
CURRICULUM = ROOT / "curriculum"
SCENARIOS = ROOT / "scenarios"
CONTENT_LANGUAGES = ("en", "fr", "es", "ar")
TEMPLATE_IDS = ("terms-of-reference", "memorandum-of-understanding",
                "information-sharing-agreement", "seminar-agenda")


class GuidanceError(ValueError):
    """A guidance file that cannot be used, with the file and field at fault."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(_Frozen):
    """One text in the content languages; English is required and is the fallback."""

    en: str
    fr: str = ""
    es: str = ""
    ar: str = ""

    def get(self, lang: str) -> str:
        if lang not in CONTENT_LANGUAGES:
            return self.en
        return getattr(self, lang) or self.en


class Labelled(_Frozen):
    id: str
    label: Text


class ChecklistItem(_Frozen):
    id: str
    text: Text


class Step(_Frozen):
    id: str
    title: Text
    guidance: Text
    checklist: tuple[ChecklistItem, ...] = ()
    templates: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()

    @field_validator("templates")
    @classmethod
    def _known_templates(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(TEMPLATE_IDS))
        if unknown:
            raise ValueError(f"unknown template(s) {unknown}; known: {list(TEMPLATE_IDS)}")
        return value


class Phase(_Frozen):
    id: str
    title: Text
    summary: Text
    steps: tuple[Step, ...]


class Guide(_Frozen):
    source_note: Text
    phases: tuple[Phase, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> Guide:
        _unique("phases", [p.id for p in self.phases])
        _unique("steps", [s.id for p in self.phases for s in p.steps])
        _unique("checklist items", [c.id for p in self.phases for s in p.steps for c in s.checklist])
        return self

    @cached_property
    def steps(self) -> dict[str, Step]:
        return {s.id: s for p in self.phases for s in p.steps}

    @cached_property
    def item_ids(self) -> frozenset[str]:
        return frozenset(c.id for s in self.steps.values() for c in s.checklist)

    def phase_of(self, step_id: str) -> Phase:
        return next(p for p in self.phases if any(s.id == step_id for s in p.steps))


class Indicator(_Frozen):
    id: str
    title: Text
    question: Text
    levels: dict[int, Text]
    evidence: Text | None = None
    recommendation: Text
    steps: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    # the scenario objectives ("scenario-id/objective-id") whose exercise trains this indicator
    objectives: tuple[str, ...] = ()

    @field_validator("levels")
    @classmethod
    def _four_levels(cls, value: dict[int, Text]) -> dict[int, Text]:
        if sorted(value) != [0, 1, 2, 3]:
            raise ValueError(f"needs exactly the four levels 0, 1, 2, 3; found {sorted(value)}")
        return value


class Dimension(_Frozen):
    id: str
    title: Text
    indicators: tuple[Indicator, ...]


class MaturityBand(_Frozen):
    min: float
    label: Text
    meaning: Text


class Framework(_Frozen):
    id: str
    version: int | str
    source_note: Text
    levels_scale: dict[int, Text]
    maturity: tuple[MaturityBand, ...]
    dimensions: tuple[Dimension, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        if sorted(self.levels_scale) != [0, 1, 2, 3]:
            raise ValueError("levels_scale needs exactly the four levels 0, 1, 2, 3")
        mins = [band.min for band in self.maturity]
        if not mins or mins[0] != 0 or mins != sorted(set(mins)):
            raise ValueError("maturity bands must start at min 0 and rise strictly")
        _unique("dimensions", [d.id for d in self.dimensions])
        _unique("indicators", [i.id for d in self.dimensions for i in d.indicators])
        return self

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {i.id: i for d in self.dimensions for i in d.indicators}

    def dimension_of(self, indicator_id: str) -> Dimension:
        return next(d for d in self.dimensions if any(i.id == indicator_id for i in d.indicators))

    @cached_property
    def numbers(self) -> dict[str, str]:
        """Each indicator's number for readers, "<dimension>.<place>" in the framework's
        order ("1.1", "4.3"); the ids (``governance.1``) are the data's keys, not words."""
        return {i.id: f"{d_n}.{i_n}" for d_n, d in enumerate(self.dimensions, start=1)
                for i_n, i in enumerate(d.indicators, start=1)}

    def number(self, indicator_id: str) -> str:
        return self.numbers.get(indicator_id, "")

    def heading(self, indicator_id: str, lang: str) -> str:
        """"1.1 · Formal mandate": an indicator as a heading or a choice names it."""
        indicator = self.indicators[indicator_id]
        return f"{self.number(indicator_id)} · {indicator.title.get(lang)}"


class Agencies(_Frozen):
    agency_types: tuple[Labelled, ...]
    functions: tuple[Labelled, ...]
    crime_areas: tuple[Labelled, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> Agencies:
        for name in ("agency_types", "functions", "crime_areas"):
            _unique(name, [x.id for x in getattr(self, name)])
        return self

    def label(self, kind: str, item_id: str, lang: str) -> str:
        for item in getattr(self, kind):
            if item.id == item_id:
                return item.label.get(lang)
        return item_id


def _unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    duplicates = sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]
    if duplicates:
        raise ValueError(f"duplicate {what} id(s): {duplicates}")


def _parse(model: type[BaseModel], data: object, source: str) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(top level)'}: {e['msg']}"
            for e in error.errors()
        )
        raise GuidanceError(f"{source}: {problems}") from None


def _read(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GuidanceError(f"{path.name}: cannot be read: {error}") from None


def module_ids(folder: Path = CURRICULUM / "en") -> frozenset[str]:
    """The ids in the front matter of the English curriculum modules."""
    ids = set()
    for path in folder.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            front = yaml.safe_load(text.split("---", 2)[1]) or {}
            ids.add(str(front.get("id", path.stem)))
    return frozenset(ids)


def objective_ids(folder: Path = SCENARIOS) -> frozenset[str]:
    """Every "scenario-id/objective-id" of the shipped scenario files."""
    ids = set()
    for path in folder.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for objective in data.get("objectives") or ():
            ids.add(f"{data.get('id', path.stem)}/{objective.get('id')}")
    return frozenset(ids)


def load_guide(path: Path = GUIDANCE / "guide.yaml", modules: frozenset[str] | None = None) -> Guide:
    """The setup guide; every module it cites must exist in the curriculum."""
    guide = _parse(Guide, _read(path), path.name)
    assert isinstance(guide, Guide)
    known = module_ids() if modules is None else modules
    for step in guide.steps.values():
        missing = sorted(set(step.modules) - known)
        if missing:
            raise GuidanceError(f"{path.name}: step {step.id}: modules: unknown module(s) {missing}")
    return guide


def load_framework(path: Path = GUIDANCE / "framework.yaml", guide: Guide | None = None,
                   modules: frozenset[str] | None = None,
                   objectives: frozenset[str] | None = None) -> Framework:
    """The readiness framework; its recommendations must point at real steps, modules and
    scenario objectives."""
    framework = _parse(Framework, _read(path), path.name)
    assert isinstance(framework, Framework)
    guide = guide or load_guide()
    known = module_ids() if modules is None else modules
    exercised = objective_ids() if objectives is None else objectives
    for indicator in framework.indicators.values():
        if bad := sorted(set(indicator.steps) - set(guide.steps)):
            raise GuidanceError(f"{path.name}: indicator {indicator.id}: steps: unknown guide step(s) {bad}")
        if bad := sorted(set(indicator.modules) - known):
            raise GuidanceError(f"{path.name}: indicator {indicator.id}: modules: unknown module(s) {bad}")
        if bad := sorted(set(indicator.objectives) - exercised):
            raise GuidanceError(f"{path.name}: indicator {indicator.id}: objectives: unknown "
                                f"scenario objective(s) {bad}")
    return framework


def load_agencies(path: Path = GUIDANCE / "agencies.yaml") -> Agencies:
    agencies = _parse(Agencies, _read(path), path.name)
    assert isinstance(agencies, Agencies)
    return agencies


def template_text(template_id: str, lang: str) -> str:
    """A template's Markdown in ``lang``, or in English where it is not translated."""
    if template_id not in TEMPLATE_IDS:
        raise GuidanceError(f"unknown template {template_id}")
    folder = GUIDANCE / "templates"
    path = folder / lang / f"{template_id}.md"
    if lang not in CONTENT_LANGUAGES or not path.exists():
        path = folder / "en" / f"{template_id}.md"
    return path.read_text(encoding="utf-8")


def render_markdown(text: str) -> str:
    """Content Markdown as HTML: the platform's inert reader (no raw HTML, image or link)."""
    return markdown.render(text)
