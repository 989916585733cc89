"""Reading scenario files, and telling the author exactly where a file is wrong.

An instructor edits YAML in a text editor, often on a laptop in a workshop. When a file is
wrong they need the line, the place and the reason in plain words —
``file:line: route 1 (north), leg 3, to: unknown location 'port-clang' — did you mean
'port-klang'? (or define 'port-clang' in locations)`` — never a Python traceback
(``engine.diagnostics`` words them; each carries a code the studio translates). A new
file is parsed with JSON's types, strictly, so it passes exactly when the exported JSON
Schema passes it (``"90"`` is text, not a number); a text stored earlier replays under the
lax parsing it was stored with. Pydantic reports a location as a path of keys and indexes; we
walk PyYAML's node tree (which keeps each node's line mark) along that path to find the
line. Anything a hostile or broken file can throw (bad YAML, alias bombs, deep nesting,
huge text) ends up as a ``ScenarioError`` with a list of ``Problem``, quickly: size is
checked first, then depth and aliases on PyYAML's event stream (``engine.nesting``), which
stops at the first level too deep, before any node is built. A file-level problem carries
a ``code`` and its values, so the studio can say it in the instructor's language.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from engine.diagnostics import comma_splits, field_schema, fields_at, place, plain, yaml_said
from engine.nesting import _FAST as FAST_LOADER
from engine.nesting import MAX_DEPTH, TooDeep, check_yaml

if TYPE_CHECKING:
    from engine.scenario import Scenario

MAX_BYTES = 512_000
MAX_ALIASES = 64


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # from 1; 0: the file itself is missing or unreadable, no line to point at
    path: str  # dotted, counted from 0 as in pydantic: routes.0.legs.2.to (for tools)
    message: str  # English, as the CLI prints it
    code: str = ""  # for file-level problems: loader.<code> in the catalogs
    values: dict[str, Any] = field(default_factory=dict, compare=False)
    place: str = ""  # for people, counted from 1: route 1 (north), leg 3, to

    def __str__(self) -> str:
        return self.said(self.message)

    def said(self, message: str) -> str:
        """``file:line: place: message``; only ``file: message`` when there is no line."""
        if not self.line:
            return f"{self.file}: {message}"
        return f"{self.file}:{self.line}: {self.place or self.path or '(file)'}: {message}"


class ScenarioError(ValueError):
    """A scenario file that cannot be used, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _line_of(root: yaml.Node | None, path: tuple[str | int, ...]) -> int:
    """The 1-based line of the deepest YAML node reachable along a pydantic error path."""
    node = root
    line = (root.start_mark.line + 1) if root is not None else 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    node = v
                    line = k.start_mark.line + 1  # the line where the field is named
                    break
            else:
                return line
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(key, int)
            and 0 <= key < len(node.value)
        ):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _path_text(loc: tuple[Any, ...]) -> tuple[tuple[str | int, ...], str]:
    # Drop pydantic's internal tags (union branches, validator function names).
    clean: list[str | int] = [
        p for p in loc if isinstance(p, int) or not str(p).startswith(("function-", "_Triangular"))
    ]
    return tuple(clean), ".".join(str(p) for p in clean)


def load_scenario_text(
    text: str | bytes,
    filename: str = "<upload>",
    *,
    lenient: bool = False,
    modules: Collection[str] | None = None,
) -> Scenario:
    """Parse and validate a scenario from text; raise ScenarioError with every problem.

    ``lenient``: a text stored earlier (an exercise replays it) is held to the rules it was
    stored under — today that spares an inject revealing someone it does not name, and
    numbers written in quotes. ``modules``: the curriculum's module ids; when given, an
    objective naming another module is refused (the engine does not read the curriculum)."""
    from engine.scenario import Scenario

    def fail(line: int, message: str, code: str, **values: Any) -> ScenarioError:
        return ScenarioError([Problem(filename, line, "", message, code, values)])

    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise fail(1, f"file is larger than {MAX_BYTES} bytes", "too_big", limit=MAX_BYTES)
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise fail(1, f"not UTF-8 text ({exc.reason} at byte {exc.start})", "not_utf8",
                       byte=exc.start) from None
    if len(text) > MAX_BYTES:
        raise fail(1, f"file is larger than {MAX_BYTES} characters", "too_big", limit=MAX_BYTES)
    try:
        if check_yaml(text, MAX_DEPTH) > MAX_ALIASES:
            raise fail(1, f"more than {MAX_ALIASES} YAML aliases", "aliases", limit=MAX_ALIASES)
        loader = FAST_LOADER(text)  # libyaml when there: ten times faster, the same marks
        try:  # one parse gives the nodes (for line numbers) and the data built from them
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except TooDeep as exc:
        raise fail(exc.line, f"nested more than {exc.limit} levels deep", "too_deep",
                   limit=exc.limit) from None
    except yaml.YAMLError as exc:  # in plain words with the fix, at the line to mend
        line, said = yaml_said(exc, text)
        raise fail(line, str(said), said.code, **said.values) from None
    except RecursionError:
        raise fail(1, "YAML nested too deeply", "too_deep", limit=MAX_DEPTH) from None
    if not isinstance(data, dict):
        raise fail(1, "a scenario file must be a mapping of fields (id, title, ...)",
                   "not_mapping")

    # a comma inside { } that cut a text: one problem each, in place of what the parser
    # makes of the stray words (an unknown field, a language, a missing text)
    splits = comma_splits(root)
    cut = [_problem(filename, line, owner, said, data) for owner, _, line, said in splits]
    strays = [stray for _, found, _, _ in splits for stray in found]

    def besides(found: list[Problem]) -> ScenarioError:
        return ScenarioError(sorted(found + cut, key=lambda p: p.line) if cut else found)

    sink: list[tuple[tuple[str | int, ...], str]] = []
    context = {"problems": sink, "lenient": lenient, "modules": modules}
    try:
        if lenient:  # a stored text replays under the (lax) parsing it was stored with
            scenario = Scenario.model_validate(data, context=context)
        else:  # JSON types, strictly: exactly what the JSON Schema accepts ("12" is no number)
            scenario = Scenario.model_validate_json(
                json.dumps(_json_data(data)), strict=True, context=context,
                by_alias=True, by_name=False,
            )
    except ValidationError as exc:
        found: list[tuple[tuple[str | int, ...], str]] = []
        schema = _schema()
        for err in exc.errors(include_url=False):
            path, dotted = _path_text(tuple(err["loc"]))
            if any(path[: len(stray)] == stray for stray in strays):
                continue  # said once, by its comma
            fields = fields_at(schema, path[:-1]) if err["type"] == "extra_forbidden" else []
            found.append((path, plain({**err, "loc": path}, fields, field_schema(schema, path))))
        # a misspelt field is one mistake: its did-you-mean says it, not also "is required"
        meant = {path[:-1] + (said.values["name"],) for path, said in found
                 if getattr(said, "code", "") == "field.unknown_hint"}
        problems = [_problem(filename, _line_of(root, path), path, said, data)
                    for path, said in found
                    if not (getattr(said, "code", "") == "field.required" and path in meant)]
        raise besides(problems) from None
    except RecursionError:
        raise fail(1, "scenario nested too deeply", "too_deep", limit=MAX_DEPTH) from None
    if sink or cut:
        raise besides([_problem(filename, _line_of(root, p), p, m, data) for p, m in sink])
    return scenario


def _problem(file: str, line: int, path: tuple[str | int, ...], said: str, data: Any) -> Problem:
    """A problem at ``path``; a message that carries a code (``diagnostics.Said``) keeps it,
    so the studio says it in the instructor's language."""
    return Problem(file, line, ".".join(map(str, path)), str(said), getattr(said, "code", ""),
                   dict(getattr(said, "values", {})), place=place(path, data))


def _json_data(node: Any) -> Any:
    """YAML's data as JSON would carry it: dates become text, keys become text, so the
    strict parse sees what an editor checking the JSON Schema sees."""
    if isinstance(node, dict):
        return {k if isinstance(k, str) else _key(k): _json_data(v) for k, v in node.items()}
    if isinstance(node, list | tuple | set):
        return [_json_data(v) for v in node]
    if node is None or isinstance(node, str | int | float | bool):
        return node
    return str(node)  # dates, binary: text, which a number field then refuses


def _key(key: Any) -> str:
    return "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    from engine.scenario import scenario_json_schema

    return scenario_json_schema()


def notes(scenario: Scenario, text: str, filename: str = "<upload>") -> list[Problem]:
    """Advice on a valid scenario (it loads as it is): today, relation names close to one
    the engine reads. ``validate`` prints them; they never refuse a file."""
    from engine.references import relation_notes

    found = relation_notes(scenario)
    if not found:
        return []
    root = yaml.compose(text, Loader=FAST_LOADER)
    data = yaml.load(text, Loader=FAST_LOADER)  # noqa: S506 (a safe loader)
    return [_problem(filename, _line_of(root, p), p, m, data) for p, m in found]


def load_scenario(path: str | Path, *, modules: Collection[str] | None = None) -> Scenario:
    """Load one scenario file; unreadable files are problems too, not tracebacks."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ScenarioError(
            [Problem(str(path), 0, "", f"cannot read file: {exc.strerror or exc}")]
        ) from None
    return load_scenario_text(data, filename=str(path), modules=modules)


def module_ids_in(folder: str | Path) -> frozenset[str]:
    """The curriculum's module ids: each module is ``<folder>/<id>.md`` (the platform
    checks that a module's ``id`` is its file name), read without importing the platform."""
    return frozenset(p.stem for p in Path(folder).glob("*.md"))


def list_scenarios(folder: str | Path = "scenarios") -> list[Scenario]:
    """The valid scenarios shipped in a folder, sorted by id (invalid files are skipped)."""
    out = []
    for f in sorted(Path(folder).glob("*.y*ml")):
        try:
            out.append(load_scenario(f))
        except ScenarioError:
            continue
    return sorted(out, key=lambda s: s.id)
