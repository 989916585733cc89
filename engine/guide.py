"""The field reference of the scenario author's guide, written from the models themselves.

Every scenario field carries ``Field(description=...)`` naming its unit and its effect. The
guide's reference (``scenarios/FIELDS.md``) is generated from the exported JSON Schema, so
a field added to a model appears in the guide the next time it is generated:

    python -m engine guide > scenarios/FIELDS.md

A test checks that the committed file is current and that every field is described.
Sections follow the file's own order: the scenario's top-level fields first, then each
part (country, partner, location, route, leg ...) in the order a reader meets it.
"""

from __future__ import annotations

from typing import Any

from engine.json_schema import CODE_ONLY

LANG_TEXT = "text per language"
NAMES = {"_Triangular": "Range"}  # the schema's internal name, in the author's words
KIND_OF_ID = {
    r"^[a-z0-9][a-z0-9-]{0,63}$": "id (a-z, 0-9, -)",
    r"^[A-Z]{2}$": "country code (KE)",
    r"^[a-z][a-z0-9-]{1,63}$": "module id",
    r"^[a-z_]{2,30}$": "word (a-z, _)",
    r"^[a-z]{2,3}(_[A-Z]{2})?$": "locale (en_KE)",
}


def _name(ref: str) -> str:
    key = ref.rsplit("/", 1)[-1]
    return NAMES.get(key, key)


def _bounds(p: dict[str, Any]) -> str:
    low = p.get("minimum", p.get("exclusiveMinimum"))
    high = p.get("maximum", p.get("exclusiveMaximum"))
    if low is None and high is None:
        return ""
    left = "" if low is None else f"{'>' if 'exclusiveMinimum' in p else '≥'} {low:g}"
    right = "" if high is None else f"≤ {high:g}"
    return " (" + ", ".join(x for x in (left, right) if x) + ")"


def kind(p: dict[str, Any], defs: dict[str, Any]) -> str:
    """A schema node in a few words: ``number (≥ 0, ≤ 1)``, ``list of Route``, ``one of …``."""
    if "$ref" in p:
        target = defs.get(p["$ref"].rsplit("/", 1)[-1], {})
        if "enum" in target:
            return "one of: " + ", ".join(f"`{v}`" for v in target["enum"])
        return f"[{_name(p['$ref'])}](#{_name(p['$ref']).lower()})"
    if "anyOf" in p:
        parts = [kind(b, defs) for b in p["anyOf"] if b.get("type") != "null"]
        return " or ".join(parts)
    if "enum" in p:
        return "one of: " + ", ".join(f"`{v}`" for v in p["enum"])
    t = p.get("type")
    if t == "number":
        return "number" + _bounds(p)
    if t == "integer":
        return "whole number" + _bounds(p)
    if t == "boolean":
        return "`true` or `false`"
    if t == "string":
        return KIND_OF_ID.get(p.get("pattern", ""), "text")
    if t == "array":
        n = ""
        if "minItems" in p or "maxItems" in p:
            n = f" ({p.get('minItems', 0)}–{p.get('maxItems', '…')})"
        return f"list of {kind(p.get('items', {}), defs)}{n}"
    if t == "object" and "propertyNames" in p:
        return LANG_TEXT + " (`en` required)"
    return t or "value"


def _models() -> dict[str, Any]:
    """Every scenario model by the name the schema gives it (its class name)."""
    from engine.fields import Frozen

    found: dict[str, Any] = {}
    todo = list(Frozen.__subclasses__())
    while todo:
        cls = todo.pop()
        found.setdefault(cls.__name__, cls)
        todo += cls.__subclasses__()
    return found


def _default(model: str, name: str, p: dict[str, Any], required: list[str]) -> str:
    """``required``, or the value the loader uses when the field is left out."""
    if name in required:
        return "required"
    cls = _models().get(model)
    fields = {(f.alias or n): f for n, f in cls.model_fields.items()} if cls else {}
    value = fields[name].get_default(call_default_factory=True) if name in fields else None
    if value is None:
        return "none"
    if hasattr(value, "model_dump"):
        dumped = value.model_dump(by_alias=True)
        if set(dumped) == {"min", "mode", "max"}:
            low, mode, high = dumped["min"], dumped["mode"], dumped["max"]
            return f"`{{min: {low:g}, mode: {mode:g}, max: {high:g}}}`"
        return f"see [{type(value).__name__}](#{type(value).__name__.lower()})"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list | dict):
        return "none" if not value else f"`{value}`"
    return f"`{getattr(value, 'value', value)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _order(schema: dict[str, Any]) -> list[str]:
    """Definitions in the order a reader meets them from the top of the file."""
    defs = schema.get("$defs", {})
    seen: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                key = ref.rsplit("/", 1)[-1]
                if key not in seen and "properties" in defs.get(key, {}):
                    seen.append(key)
                    visit(defs[key])
            for k, v in node.items():
                if k != "$defs":
                    visit(v)
        elif isinstance(node, list):
            for v in node:
                visit(v)

    visit(schema.get("properties", {}))
    return seen


def _table(title: str, model: str, node: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    required = node.get("required", [])
    out = [f"### {title}", ""]
    if node.get("description"):
        out += [node["description"].strip().split("\n\n")[0].replace("\n", " "), ""]
    out += ["| Field | Type | Default | Unit and effect |", "|---|---|---|---|"]
    for name, p in node.get("properties", {}).items():
        out.append(
            f"| `{name}` | {_cell(kind(p, defs))} | {_default(model, name, p, required)} | "
            f"{_cell(p.get('description', ''))} |"
        )
    return [*out, ""]


def field_reference(schema: dict[str, Any] | None = None) -> str:
    """The guide's field reference in Markdown (``python -m engine guide``)."""
    if schema is None:
        from engine.scenario import scenario_json_schema

        schema = scenario_json_schema()
    defs = schema.get("$defs", {})
    lines = [
        "# Scenario fields",
        "",
        "<!-- Generated by `python -m engine guide > scenarios/FIELDS.md` from the models'",
        "     descriptions: do not edit by hand. The author's guide is README.md. -->",
        "",
        "Every field a scenario file may hold, section by section: its type, its default",
        "when it may be left out, its unit and what it changes in the exercise. A range of",
        "days (or of a quantity) is one number, or `{min: 2, mode: 3, max: 5}` for a",
        "triangular draw: the most likely value is `mode`.",
        "",
    ]
    top = {**schema, "description": "The top level of the file."}
    lines += _table("Scenario", "Scenario", top, defs)
    for key in _order(schema):
        lines += _table(NAMES.get(key, key), key, defs[key], defs)
    lines += ["## Rules the schema cannot express", ""]
    lines += ["The loader checks these too (`python -m engine validate`); an editor checking the",
              "JSON Schema does not:", ""]
    lines += [f"- **{name}** ({where}): {what}" for name, where, what in CODE_ONLY]
    return "\n".join(lines) + "\n"
