"""Problems in words an instructor reads: where, what is wrong, and how to fix it.

Pydantic speaks to programmers: ``routes.0.legs.2.to``, "Input should be a valid number,
unable to parse string as a number". An instructor writing a scenario in a workshop reads
"route 1 (north), leg 3, to: must be a number, e.g. 12". This module turns a validation
error's location into places counted from 1 (named by their id when they have one), its
type into plain words with an example, and an unknown name into a "did you mean …?"
found by ``difflib`` among the names the file (or the schema) allows.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import yaml

from engine.fields import SHOWN_LANGS
from engine.network import RELATION_EFFECTS

# A list under this key holds ... (its items are counted from 1 and named in the singular)
SINGULAR = {
    "countries": "country",
    "locations": "location",
    "routes": "route",
    "legs": "leg",
    "groups": "group",
    "relations": "relation",
    "concealments": "concealment",
    "intel_sources": "intel source",
    "msel": "inject",
    "objectives": "objective",
    "flags": "flag",
    "modules": "module",
    "reveals": "item",
    "targets": "target",
    "known_at_start": "group",
    "involves": "group",
}

def nearest(word: object, options: Iterable[str], cutoff: float = 0.6) -> str:
    """The option closest to ``word`` (difflib ratio at least ``cutoff``), or ``""`` when
    none is close."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, sorted(set(options)), n=1, cutoff=cutoff)
    if not close:  # a different case is the commonest slip: 'ke' for 'KE', 'Pays' for 'pays'
        close = [o for o in sorted(set(options)) if o.lower() == word.lower()]
    return close[0] if close else ""


def did_you_mean(word: object, options: Iterable[str], cutoff: float = 0.6) -> str:
    """`` — did you mean 'x'?`` when ``word`` is close to one of ``options``, else ``""``."""
    close = nearest(word, options, cutoff)
    return f" — did you mean '{close}'?" if close else ""


def place(path: tuple[str | int, ...], data: Any) -> str:
    """``("routes", 0, "legs", 2, "to")`` → ``route 1 (north), leg 3, to``."""
    parts: list[str] = []
    node = data
    for i, key in enumerate(path):
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            parent = path[i - 1] if i else ""
            noun = SINGULAR.get(str(parent), f"{parent} item")
            name = f"{noun} {key + 1}"
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                name += f" ({item['id']})"
            if parts and parts[-1] == parent:
                parts[-1] = name
            else:
                parts.append(name)
            node = item
        else:
            if key == "[key]":
                parts[-1:] = [f"{parts[-1]} (the key)"] if parts else ["(key)"]
                continue
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ", ".join(parts)


def _options(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


# Each message in English, by code; the platform's catalogs say it in other languages
# (``loader.<code>`` in locales/*/instructor.yaml). Braces an author types ({min: 2 ...})
# are values, so the templates stay plain ``str.format`` text.
ENGLISH = {
    "field.unknown_hint": "unknown field — did you mean '{name}'?",
    "field.unknown": "unknown field (allowed here: {allowed})",
    "field.required": "is required: add '{field}: ...' here",
    "field.days_range": "must be a number of days, e.g. 3, or a range such as {example}",
    "field.number": "must be a number, e.g. 12 (without quotes)",
    "field.number_share": "must be a number from 0 to 1, e.g. {example} for {percent} % "
    "(without a % sign or quotes)",
    "field.number_alone": "must be a number: write the number alone, {number}, without the "
    "unit",
    "field.number_quoted": "must be a number: write {number} without quotes",
    "field.whole_number": "must be a whole number, e.g. 3 (without quotes)",
    "field.whole_number_decimal": "must be a whole number, e.g. {example} (no decimal point)",
    "field.boolean": "must be true or false",
    "field.text": "must be text: put it in quotes when it looks like a number or yes/no, "
    "e.g. '12'",
    "field.pattern_id": "'{value}' must be an id of lowercase letters, digits and hyphens, "
    "e.g. north-route",
    "field.pattern_country": "'{value}' must be a two-letter ISO country code in capitals, "
    "e.g. KE",
    "field.pattern_module": "'{value}' must be a curriculum module id (lowercase letters, "
    "digits and hyphens), e.g. interpol-notices",
    "field.pattern_relation": "'{value}' must be one word of lowercase letters and "
    "underscores, e.g. pays or sells_to ({money} move money in the engine; any other word "
    "is a label on the chart)",
    "field.pattern_locale": "'{value}' must be a locale name, e.g. en_KE or sw",
    "field.pattern": "'{value}' does not have the expected form {pattern}",
    "field.empty": "must not be empty",
    "field.too_long": "is too long: at most {max} characters",
    "field.language": "'{value}' is not a language of the platform: use {options}",
    "field.comma_in_braces": "a comma inside {braces} ends a value: put the whole text in "
    "quotes, e.g. {example}",
    "field.choice": "'{value}' is not allowed: use one of {options}",
    "field.choice_hint": "'{value}' is not allowed: use one of {options} — did you mean "
    "'{name}'?",
    "field.at_least": "must be at least {bound}, not {value}",
    "field.more_than": "must be more than {bound}, not {value}",
    "field.at_most": "must be at most {bound}, not {value}",
    "field.less_than": "must be less than {bound}, not {value}",
    "field.at_most_share": "must be at most 1 (a probability or share from 0 to 1: 0.3 "
    "means 30 %), not {value}",
    "field.too_few": "needs at least {n} item(s)",
    "field.too_many": "has too many items: at most {n}",
    "field.list": "must be a list: one '- item' per line, or [a, b]",
    "field.text_languages": "must be a text in each language, e.g. {example}",
    "field.mapping": "must be a group of fields (name: value lines indented under it)",
    "field.order_range": "needs min <= mode <= max (here min {min}, mode {mode}, max {max})",
    "field.order_thresholds": "thresholds need P >= S >= M",
    "field.inject_time": "an inject needs exactly one of at_day or trigger",
    "field.english": "an English text ('en') is required",
    "inject.unrevealed": "message ({lang}) names {placeholder}, which the inject does not "
    "reveal",
    "inject.unrevealed_hint": "message ({lang}) names {placeholder}, which the inject does "
    "not reveal — did you mean {name}?",
    "inject.unnamed": "message ({lang}) reveals {group} without naming them: write "
    "{placeholder} where the name goes",
    "ref.country": "unknown country '{ref}': add {ref} to countries",
    "ref.country_hint": "unknown country '{ref}' — did you mean '{name}'? (or add {ref} to "
    "countries)",
    "ref.location": "unknown location '{ref}': define '{ref}' in locations",
    "ref.location_hint": "unknown location '{ref}' — did you mean '{name}'? (or define "
    "'{ref}' in locations)",
    "ref.group": "unknown group '{ref}': define '{ref}' in network.groups",
    "ref.group_hint": "unknown group '{ref}' — did you mean '{name}'? (or define '{ref}' in "
    "network.groups)",
    "ref.route": "unknown route '{ref}': define '{ref}' in routes",
    "ref.route_hint": "unknown route '{ref}' — did you mean '{name}'? (or define '{ref}' in "
    "routes)",
    "ref.concealment": "unknown concealment '{ref}': define '{ref}' in concealments",
    "ref.concealment_hint": "unknown concealment '{ref}' — did you mean '{name}'? (or define "
    "'{ref}' in concealments)",
    "ref.objective": "unknown objective '{ref}': define '{ref}' in objectives",
    "ref.objective_hint": "unknown objective '{ref}' — did you mean '{name}'? (or define "
    "'{ref}' in objectives)",
    "ref.module": "unknown curriculum module '{ref}' (the modules: {modules})",
    "ref.module_hint": "unknown curriculum module '{ref}' — did you mean '{name}'?",
    # a file that is not valid YAML (``yaml_said``): where and how to mend it
    "yaml.tab": "a tab on this line where YAML takes only spaces: indent with spaces, not "
    "tabs",
    "yaml.indent_more": "this line is indented further than the line above, so it is out of "
    "line with the items of its list or the fields of its group: start it in the same column "
    "as them (with spaces)",
    "yaml.indent_less": "this line is indented less than the line above, so it is out of "
    "line with the items of its list or the fields of its group: start it in the same column "
    "as them (with spaces)",
    "yaml.colon_in_text": "a colon and a space inside a text that is not in quotes: put the "
    "whole text in quotes, e.g. {example}",
    "yaml.quote_unclosed": "the quote ({quote}) opened on this line is never closed: end the "
    "text with the same quote",
    "yaml.flow_unclosed": "the {open} opened on this line is not closed: end it with {close} "
    "on the same line, and separate its values with commas",
    "yaml.flow_broken": "inside {open} {close} on this line, two values have no comma between "
    "them, or a text holds a colon: separate the values with commas and put such a text in "
    "quotes",
    "yaml.no_colon": "this line is neither a field (name: value) nor a list item (- ...): "
    "add a colon and a space after the field's name, e.g. unit: kg, or, if the text goes on "
    "from the line above, put the whole text in quotes",
    "malformed": "the file is not valid YAML at this line (the YAML reader says: {reason})",
}


def yaml_said(exc: yaml.YAMLError, text: str) -> tuple[int, Said]:
    """The line (from 1) to mend and what is wrong there, for a text PyYAML cannot read.

    The parser names its own state ("expected <block end>, but found '<block sequence
    start>'"); the common slips behind it are a tab, a line out of line with its list, a
    colon inside an unquoted text, a quote or bracket left open and a line with no colon.
    The line is where the author must look: where an unclosed quote or bracket opens, not
    where the parser gave up. Anything else says "not valid YAML" first, then the parser's
    reason."""
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    context = str(getattr(exc, "context", None) or "")
    at, opened = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    lines = text.splitlines()
    line = (at or opened).line + 1 if (at or opened) is not None else 1
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "cannot start any token" in problem and "'\\t'" in problem:  # PyYAML writes '\\t'
        return line, Said("yaml.tab")
    if problem.startswith("expected <block end>, but found '<block"):
        return line, Said(_indent_code(lines, line))
    if problem == "mapping values are not allowed here" and at is not None:
        before = here[: at.column]
        if ": " not in before.lstrip().removeprefix("- "):  # a field under a text's line
            return line, Said("yaml.indent_more")
        return line, Said("yaml.colon_in_text", example=_quoted_example(here))
    if at is not None and (start := _quote_closed_late(text, at.line)) is not None:
        opened = start  # a quote left open is closed by the next one, lines further down
        context = "while scanning a quoted scalar"
    if opened is not None and "quoted scalar" in context:
        quote = (lines[opened.line][opened.column : opened.column + 1]
                 if opened.line < len(lines) else '"')
        return opened.line + 1, Said("yaml.quote_unclosed", quote=quote or '"')
    if opened is not None and context.startswith("while parsing a flow"):
        close = "}" if "mapping" in context else "]"
        open_ = "{" if close == "}" else "["
        code = "yaml.flow_broken"
        if at is None or at.line != opened.line or "<stream end>" in problem:
            code = "yaml.flow_unclosed"
        return opened.line + 1, Said(code, open=open_, close=close)
    if problem.startswith("could not find expected ':'") and opened is not None:
        return opened.line + 1, Said("yaml.no_colon")
    return line, Said("malformed", reason=problem)


def _quote_closed_late(text: str, line: int) -> yaml.Mark | None:
    """Where a quoted text that runs over several lines and ends on ``line`` (from 0)
    opens: the parser then stops on that line, far from the quote the author forgot."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass
    if last is None or last.end_mark.line != line or last.start_mark.line == line:
        return None
    return last.start_mark


_NULL = "tag:yaml.org,2002:null"


def comma_splits(
    node: yaml.Node | None, path: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], list[tuple[str | int, ...]], int, Said]]:
    """Texts cut by a comma inside ``{ … }``: ``{id: x, name: Dried seafood street, Sheung
    Wan}`` reads "Sheung Wan" as a key with no value. Each cut text once: (the path of the
    field whose text was cut, the paths of the stray keys, its line, what to say). A stray
    key is a plain key with no value, after a field with a plain text, that reads as words
    (a space or punctuation, or a capitalised word): not a field name, a language or a grade
    letter, which keep their own problems."""
    out: list[tuple[tuple[str | int, ...], list[tuple[str | int, ...]], int, Said]] = []
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out += comma_splits(item, (*path, i))
    if not isinstance(node, yaml.MappingNode):
        return out
    owner: tuple[str, list[str], list[tuple[str | int, ...]], int] | None = None
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        stray = (node.flow_style and key.style in (None, "") and owner is not None
                 and isinstance(value, yaml.ScalarNode) and value.tag == _NULL
                 and value.value == "" and _reads_as_words(key.value))
        if stray and owner is not None:
            owner[1].append(key.value)
            owner[2].append((*path, key.value))
            continue
        if owner is not None and owner[2]:
            out.append(_comma_split(path, owner))
        owner = None
        if (node.flow_style and isinstance(value, yaml.ScalarNode) and value.style in (None, "")
                and value.value):
            owner = (key.value, [value.value], [], key.start_mark.line + 1)
        out += comma_splits(value, (*path, key.value))
    if owner is not None and owner[2]:
        out.append(_comma_split(path, owner))
    return out


def _comma_split(path: tuple[str | int, ...],
                 owner: tuple[str, list[str], list[tuple[str | int, ...]], int]
                 ) -> tuple[tuple[str | int, ...], list[tuple[str | int, ...]], int, Said]:
    name, words, strays, line = owner
    example = f'{name}: "{", ".join(words)}"'
    return (*path, name), strays, line, Said("field.comma_in_braces", braces="{ }",
                                            example=example)


def _reads_as_words(key: str) -> bool:
    return bool(re.search(r"[^A-Za-z0-9_-]", key) or re.match(r"[A-Z][a-z]", key))


def _indent_code(lines: list[str], line: int) -> str:
    """``yaml.indent_more`` when ``line`` starts further right than the line above it (blank
    lines and comments skipped), else ``yaml.indent_less``."""
    def indent(s: str) -> int:
        return len(s) - len(s.lstrip(" "))

    this = lines[line - 1] if 0 < line <= len(lines) else ""
    above = next((s for s in reversed(lines[: max(line - 1, 0)])
                  if s.strip() and not s.lstrip().startswith("#")), "")
    return "yaml.indent_more" if indent(this) > indent(above) else "yaml.indent_less"


def _quoted_example(line: str) -> str:
    """``title: "Fins: the gulf"`` from the author's own line when it is a plain
    ``name: text``, else a made-up one."""
    field, _, value = line.strip().removeprefix("- ").partition(": ")
    value = value.split(" #", 1)[0].strip()
    if field and value and re.fullmatch(r"[\w-]+", field) and not set(value) & set("\"'{}[]"):
        return f'{field}: "{value}"'
    return 'title: "Fins: the gulf"'


_PATTERN_CODES = {
    r"^[a-z0-9][a-z0-9-]{0,63}$": "field.pattern_id",
    r"^[A-Z]{2}$": "field.pattern_country",
    r"^[a-z][a-z0-9-]{1,63}$": "field.pattern_module",
    r"^[a-z_]{2,30}$": "field.pattern_relation",
    r"^[a-z]{2,3}(_[A-Z]{2})?$": "field.pattern_locale",
}
_VALIDATOR_CODES = {text: code for code, text in ENGLISH.items() if "{" not in text}


class Said(str):
    """A message in English that also carries its ``code`` and ``values``, so the platform
    can say it in the reader's language (a ``str``: callers that only print it need not care)."""

    code: str
    values: dict[str, Any]

    def __new__(cls, code: str, **values: Any) -> Said:
        shown = {k: f"{v:g}" if isinstance(v, float) else v for k, v in values.items()}
        said = super().__new__(cls, ENGLISH[code].format(**shown))
        said.code, said.values = code, values
        return said


_NUMBER_ERRORS = {"float_parsing", "float_type", "finite_number"}
_WHOLE_ERRORS = {"int_parsing", "int_type", "int_from_float"}
_NUMBER_AND_UNIT = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*(%|[^\W\d_][^\d]*)?\s*")


def _number_said(kind: str, value: Any, field: dict[str, Any]) -> Said | None:
    """A hint that fits the field and what was written: a share is written 0.12 for 12 %,
    a number without its unit or quotes, a whole number without a decimal point."""
    written = _NUMBER_AND_UNIT.fullmatch(value) if isinstance(value, str) else None
    if kind in _NUMBER_ERRORS and field.get("maximum") == 1 and field.get("minimum") == 0:
        percent = float(written.group(1)) if written and written.group(2) == "%" else 30.0
        return Said("field.number_share", example=f"{percent / 100:g}", percent=percent)
    if written and written.group(2):
        return Said("field.number_alone", number=written.group(1))
    if written and (kind in _NUMBER_ERRORS or "." not in written.group(1)):
        return Said("field.number_quoted", number=written.group(1))
    if kind in _WHOLE_ERRORS and isinstance(value, float):
        return Said("field.whole_number_decimal",
                    example=f"{value:g}" if value.is_integer() else "3")
    return None


def plain(err: dict[str, Any], allowed_fields: list[str],
          field: dict[str, Any] | None = None) -> str:
    """One pydantic error in plain words; ``allowed_fields``: the fields allowed where an
    unknown field was written (for its did-you-mean); ``field``: the JSON Schema of the
    field it is about (its bounds choose a number's example)."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    loc = tuple(err["loc"])
    error = ctx.get("error")
    if isinstance(error, Exception) and error.args and isinstance(error.args[0], Said):
        return error.args[0]  # a validator that words its own problem (engine.injects)
    if kind in _NUMBER_ERRORS | _WHOLE_ERRORS and (said := _number_said(kind, value, field or {})):
        return said
    if kind == "extra_forbidden":
        close = nearest(loc[-1] if loc else "", allowed_fields)
        if close:
            return Said("field.unknown_hint", name=close)
        return Said("field.unknown", allowed=", ".join(allowed_fields))
    if kind == "missing":
        return Said("field.required", field=loc[-1] if loc else "")
    if "_Triangular" in str(ctx.get("class_name", "")) or (
        kind in ("model_type", "dict_type") and loc and loc[-1] in _DAY_FIELDS
    ):
        return Said("field.days_range", example="{min: 2, mode: 3, max: 5}")
    simple = {
        "float_parsing": "field.number",
        "float_type": "field.number",
        "finite_number": "field.number",
        "int_parsing": "field.whole_number",
        "int_type": "field.whole_number",
        "int_from_float": "field.whole_number",
        "bool_parsing": "field.boolean",
        "bool_type": "field.boolean",
        "string_type": "field.text",
        "str_type": "field.text",
        "string_too_short": "field.empty",
        "list_type": "field.list",
    }
    if kind in simple:
        return Said(simple[kind])
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        code = _PATTERN_CODES.get(pattern, "field.pattern")
        return Said(code, value=value, pattern=pattern, money=" and ".join(RELATION_EFFECTS))
    if kind == "string_too_long":
        return Said("field.too_long", max=ctx.get("max_length"))
    if kind in ("enum", "literal_error"):
        options = _options(str(ctx.get("expected", "")))
        if loc and loc[-1] == "[key]":  # the languages shown (pt is kept, read by no one)
            return Said("field.language", value=value, options=", ".join(SHOWN_LANGS))
        close = nearest(value, options)
        if close:
            return Said("field.choice_hint", value=value, options=", ".join(options), name=close)
        return Said("field.choice", value=value, options=", ".join(options))
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        if kind == "less_than_equal" and bound == 1:
            return Said("field.at_most_share", value=value)
        code = {
            "greater_than_equal": "field.at_least",
            "greater_than": "field.more_than",
            "less_than_equal": "field.at_most",
            "less_than": "field.less_than",
        }[kind]
        return Said(code, bound=bound, value=value)
    if kind == "too_short":
        return Said("field.too_few", n=ctx.get("min_length", 1))
    if kind == "too_long":
        return Said("field.too_many", n=ctx.get("max_length"))
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if loc and loc[-1] in _TEXT_FIELDS:
            return Said("field.text_languages", example="{en: ..., fr: ...}")
        return Said("field.mapping")
    if kind == "value_error":
        text = str(err["msg"]).removeprefix("Value error, ")
        if text == "needs min <= mode <= max" and isinstance(value, dict):  # the values given
            return Said("field.order_range", **{k: value.get(k, "?") for k in ("min", "mode", "max")})
        return Said(_VALIDATOR_CODES[text]) if text in _VALIDATOR_CODES else text
    return str(err["msg"])


_DAY_FIELDS = {"days", "delay_days", "interval_days", "quantity", "response_days"}
_TEXT_FIELDS = {"title", "briefing", "commodity", "label", "text", "message", "offence"}


def fields_at(schema: dict[str, Any], path: tuple[str | int, ...]) -> list[str]:
    """The field names the JSON Schema allows at ``path`` (an object's location)."""
    return list(field_schema(schema, path).get("properties", {}))


def field_schema(schema: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    """The JSON Schema of what is allowed at ``path`` (``{}`` when the path leaves it)."""
    defs = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        for _ in range(8):  # $ref chains and optional (anyOf with null) wrappers
            if "$ref" in node:
                node = defs.get(node["$ref"].rsplit("/", 1)[-1], {})
            elif "anyOf" in node or "oneOf" in node:
                branches = node.get("anyOf") or node.get("oneOf") or []
                objects = [resolve(b) for b in branches if b.get("type") != "null"]
                node = next(
                    (b for b in objects if "properties" in b), objects[0] if objects else {}
                )
            else:
                break
        return node

    node = resolve(schema)
    for key in path:
        if isinstance(key, int):
            node = resolve(node.get("items", {}))
        else:
            node = resolve(node.get("properties", {}).get(key, {}))
    return node
