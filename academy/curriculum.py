"""The curriculum: what an officer reads before a workshop exercise, and how we check it.

Each module is a Markdown file in ``curriculum/<lang>/<id>.md``. Its YAML front matter
carries the title, the learning objectives, prerequisites, related scenarios, sources and
the knowledge check (the quiz, with the right answers and an explanation for every
option); the body is the reading. Learning paths ("Analyst", "Customs officer" …) are
lists of module ids in ``curriculum/paths.yaml``.

The reading is rendered with markdown-it's CommonMark preset with raw HTML *off* — a
``<script>`` typed into a module comes out as text — plus tables, admonitions and
footnotes. A module's quiz is a bank of questions; each attempt asks a draw from it
(``academy.bank``). The answer key stays in :class:`Module`; pages receive a
:class:`PublicModule`, whose quiz has no ``correct`` and no ``why``: those leave this
package only in a :class:`GradeResult`, after the trainee has submitted, and only as far as
``academy.grading`` chooses to reveal them.

Everything here is pure (files in, frozen models out); the UI caches ``load_catalogue``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from academy.markdown import reader

ROOT = Path(__file__).resolve().parent.parent / "curriculum"
CONTENT_LANGUAGES = ("en", "fr", "es", "ar")  # INTERPOL's four languages
FALLBACK = "en"
PASS_MARK = 70  # percent of the questions an attempt asks, answered fully right
QUIZ_STEP = "quiz"  # the position of a trainee who reached the knowledge check


class CurriculumError(ValueError):
    """A content file that cannot be used, naming the file and the field at fault."""

    def __init__(self, file: Path | str, field: str, message: str) -> None:
        super().__init__(f"{file}: {field}: {message}")
        self.file, self.field, self.message = str(file), field, message


class Frozen(BaseModel):
    """Content read from files: immutable, and no field it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Option(Frozen):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    correct: bool
    why: str = Field(min_length=1)


class Question(Frozen):
    id: str = Field(min_length=1)
    type: Literal["single", "multiple", "truefalse"]
    prompt: str = Field(min_length=1)
    scenario: bool = False
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _answer_key_is_coherent(self) -> Question:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError(f"question {self.id}: option ids repeat")
        right = sum(o.correct for o in self.options)
        if self.type in ("single", "truefalse") and right != 1:
            raise ValueError(f"question {self.id}: a {self.type} question needs exactly one correct option")
        if self.type == "multiple" and right < 1:
            raise ValueError(f"question {self.id}: a multiple question needs a correct option")
        if self.type == "truefalse" and len(ids) != 2:
            raise ValueError(f"question {self.id}: a truefalse question has two options")
        return self

    @property
    def key(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)


class Section(Frozen):
    """One screenful of reading: a ``##`` heading and what follows, rendered to safe HTML."""

    title: str
    html: str


class _ModuleInfo(Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,78}$")
    lang: str
    title: str = Field(min_length=1)
    minutes: int = Field(gt=0, le=600)
    objectives: tuple[str, ...] = Field(min_length=1)
    prerequisites: tuple[str, ...] = ()
    scenarios: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class Module(_ModuleInfo):
    """A module with its answer key: stays on the server."""

    quiz: tuple[Question, ...] = Field(min_length=1)
    body: str = ""
    sections: tuple[Section, ...] = ()

    @model_validator(mode="after")
    def _question_ids_unique(self) -> Module:
        ids = [q.id for q in self.quiz]
        if len(set(ids)) != len(ids):
            raise ValueError("question ids repeat")
        return self


class PublicOption(Frozen):
    id: str
    text: str


class PublicQuestion(Frozen):
    id: str
    type: Literal["single", "multiple", "truefalse"]
    prompt: str
    scenario: bool
    options: tuple[PublicOption, ...]


class PublicModule(_ModuleInfo):
    """What a page may show before the trainee submits: no ``correct``, no ``why``."""

    sections: tuple[Section, ...]
    quiz: tuple[PublicQuestion, ...]


class LearningPath(Frozen):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,78}$")
    title: dict[str, str]
    description: dict[str, str] = {}
    modules: tuple[str, ...] = Field(min_length=1)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get(FALLBACK) or self.id

    def description_in(self, lang: str) -> str:
        return self.description.get(lang) or self.description.get(FALLBACK) or ""


class Catalogue(Frozen):
    """Every module in every language (``modules[lang][id]``) and the learning paths."""

    modules: dict[str, dict[str, Module]]
    paths: tuple[LearningPath, ...] = ()

    def ids(self) -> list[str]:
        """Module ids in reading order: fewer prerequisites first, then by id."""
        every: dict[str, Module] = {}
        for lang in sorted(self.modules, key=lambda lang: lang != FALLBACK):
            for module_id, module in self.modules[lang].items():
                every.setdefault(module_id, module)

        @cache
        def depth(module_id: str, seen: frozenset[str] = frozenset()) -> int:
            module = every.get(module_id)
            if module is None or module_id in seen:
                return 0
            deps = [depth(p, seen | {module_id}) + 1 for p in module.prerequisites]
            return max(deps, default=0)

        return sorted(every, key=lambda m: (depth(m), m))

    def module(self, module_id: str, lang: str) -> tuple[Module, bool]:
        """The module in ``lang`` or else in English; True when it fell back."""
        for candidate in (lang, FALLBACK, *sorted(self.modules)):
            found = self.modules.get(candidate, {}).get(module_id)
            if found is not None:
                return found, candidate != lang
        raise KeyError(module_id)

    def public(self, module_id: str, lang: str) -> tuple[PublicModule, bool]:
        module, fell_back = self.module(module_id, lang)
        return public_module(module), fell_back

    def path(self, path_id: str) -> LearningPath | None:
        return next((p for p in self.paths if p.id == path_id), None)


def markdown() -> MarkdownIt:
    """The platform's inert Markdown reader (raw HTML off, images and links inert),
    plus admonitions and footnotes."""
    return reader(front_matter_plugin, admon_plugin, footnote_plugin)


def render_markdown(text: str) -> str:
    """Safe HTML for ``text``: any HTML in it is escaped and shown as text."""
    return markdown().render(text)


_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:")
_FENCE = re.compile(r"^(```|~~~)")


def split_sections(body: str) -> tuple[Section, ...]:
    """The body cut at each ``##`` heading; footnote definitions go with every section."""
    chunks: list[list[str]] = [[]]
    notes: list[str] = []
    in_fence = in_note = False
    for line in body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and _FOOTNOTE_DEF.match(line):
            in_note = True
        elif in_note and line.strip() and not line.startswith((" ", "\t")):
            in_note = False
        if in_note:
            notes.append(line)
        elif not in_fence and line.startswith("## ") and any(s.strip() for s in chunks[-1]):
            chunks.append([line])
        else:
            chunks[-1].append(line)
    sections = []
    for chunk in chunks:
        if not any(line.strip() for line in chunk):
            continue
        heading = next((line[3:].strip() for line in chunk if line.startswith("## ")), "")
        source = "\n".join(chunk + [""] + notes) + "\n"
        sections.append(Section(title=_plain(heading), html=render_markdown(source)))
    return tuple(sections)


def _plain(heading: str) -> str:
    """A heading without inline Markdown marks, for a table of contents."""
    return re.sub(r"[*_`]|\[\^[^\]]*\]", "", heading).strip()


def _field(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(front matter)"


def load_module(path: Path) -> Module:
    """One module file, validated; a problem raises :class:`CurriculumError`."""
    text = path.read_text(encoding="utf-8")
    tokens = markdown().parse(text)
    if not tokens or tokens[0].type != "front_matter":
        raise CurriculumError(path, "(front matter)", "the file must start with --- front matter ---")
    try:
        meta = yaml.safe_load(tokens[0].content)
    except yaml.YAMLError as error:
        raise CurriculumError(path, "(front matter)", f"not valid YAML: {error}") from None
    if not isinstance(meta, dict):
        raise CurriculumError(path, "(front matter)", "must be a mapping of fields")
    end = tokens[0].map[1] if tokens[0].map else 0
    body = "\n".join(text.splitlines()[end:])
    try:
        module = Module(**meta, body=body, sections=split_sections(body))
    except ValidationError as error:
        first = error.errors()[0]
        raise CurriculumError(path, _field(first["loc"]), first["msg"]) from None
    except TypeError as error:
        raise CurriculumError(path, "(front matter)", str(error)) from None
    if module.id != path.stem:
        raise CurriculumError(path, "id", f"'{module.id}' differs from the file name")
    if module.lang != path.parent.name:
        raise CurriculumError(path, "lang", f"'{module.lang}' differs from the folder")
    return module


def load_paths(path: Path) -> tuple[LearningPath, ...]:
    if not path.exists():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = data.get("paths", []) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CurriculumError(path, "paths", "must be a list of learning paths")
    paths = []
    for index, item in enumerate(items):
        try:
            paths.append(LearningPath(**item))
        except (ValidationError, TypeError) as error:
            field = (_field(("paths", index, *error.errors()[0]["loc"]))
                     if isinstance(error, ValidationError) else f"paths.{index}")
            raise CurriculumError(path, field, str(error).splitlines()[-1].strip()) from None
    return tuple(paths)


def load_catalogue(root: Path = ROOT) -> Catalogue:
    """Every module file under ``root`` and ``root/paths.yaml``."""
    modules: dict[str, dict[str, Module]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        modules[folder.name] = {f.stem: load_module(f) for f in sorted(folder.glob("*.md"))}
    return Catalogue(modules=modules, paths=load_paths(root / "paths.yaml"))


def public_module(module: Module) -> PublicModule:
    """The module without its answer key."""
    quiz = tuple(
        PublicQuestion(
            id=q.id, type=q.type, prompt=q.prompt, scenario=q.scenario,
            options=tuple(PublicOption(id=o.id, text=o.text) for o in q.options),
        )
        for q in module.quiz
    )
    info = module.model_dump(include=set(_ModuleInfo.model_fields))
    return PublicModule(**info, sections=module.sections, quiz=quiz)
