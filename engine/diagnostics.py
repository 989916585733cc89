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

# What a pattern asks for, in words (patterns of engine.fields, geography, network, objectives)
PATTERNS = {
    r"^[a-z0-9][a-z0-9-]{0,63}$": "must be an id of lowercase letters, digits and hyphens, "
    "e.g. north-route",
    r"^[A-Z]{2}$": "must be a two-letter ISO country code in capitals, e.g. KE",
    r"^[a-z][a-z0-9-]{1,63}$": "must be a curriculum module id (lowercase letters, digits and "
    "hyphens), e.g. interpol-notices",
    r"^[a-z_]{2,30}$": "must be one word of lowercase letters and underscores, e.g. pays or "
    f"sells_to ({' and '.join(RELATION_EFFECTS)} move money in the engine; any other word is "
    "a label on the chart)",
    r"^[a-z]{2,3}(_[A-Z]{2})?$": "must be a locale name, e.g. en_KE or sw",
}


def did_you_mean(word: object, options: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` when ``word`` is close to one of ``options``, else ``""``."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, sorted(set(options)), n=1, cutoff=0.6)
    if not close:  # a different case is the commonest slip: 'ke' for 'KE', 'Pays' for 'pays'
        close = [o for o in sorted(set(options)) if o.lower() == word.lower()]
    return f" — did you mean '{close[0]}'?" if close else ""


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


def plain(err: dict[str, Any], allowed_fields: list[str]) -> str:
    """One pydantic error in plain words; ``allowed_fields``: the fields allowed where an
    unknown field was written (for its did-you-mean)."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    loc = tuple(err["loc"])
    if kind == "extra_forbidden":
        name = loc[-1] if loc else ""
        hint = did_you_mean(name, allowed_fields)
        allowed = ", ".join(allowed_fields)
        return f"unknown field{hint or f' (allowed here: {allowed})'}"
    if kind == "missing":
        return f"is required: add '{loc[-1]}: ...' here" if loc else "is required"
    if "_Triangular" in str(ctx.get("class_name", "")) or (
        kind in ("model_type", "dict_type") and loc and loc[-1] in _DAY_FIELDS
    ):
        return "must be a number of days, e.g. 3, or a range such as {min: 2, mode: 3, max: 5}"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return "must be a number, e.g. 12 (without quotes)"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "must be a whole number, e.g. 3 (without quotes)"
    if kind in ("bool_parsing", "bool_type"):
        return "must be true or false"
    if kind in ("string_type", "str_type"):
        return "must be text: put it in quotes when it looks like a number or yes/no, e.g. '12'"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        return f"'{value}' " + PATTERNS.get(pattern, f"does not have the expected form {pattern}")
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind in ("enum", "literal_error"):
        options = _options(str(ctx.get("expected", "")))
        if loc and loc[-1] == "[key]":
            return f"'{value}' is not a language of the platform: use {', '.join(options)}"
        return f"'{value}' is not allowed: use one of {', '.join(options)}" + did_you_mean(
            value, options
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        text = (
            f"must be {words} {bound:g}"
            if isinstance(bound, int | float)
            else f"must be {words} {bound}"
        )
        if kind == "less_than_equal" and bound == 1:
            text += " (a probability or share from 0 to 1: 0.3 means 30 %)"
        return f"{text}, not {value}"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"needs at least {n} item{'s' if n != 1 else ''}"
    if kind == "too_long":
        return f"has too many items: at most {ctx.get('max_length')}"
    if kind == "list_type":
        return "must be a list: one '- item' per line, or [a, b]"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if loc and loc[-1] in _TEXT_FIELDS:
            return "must be a text in each language, e.g. {en: ..., fr: ...}"
        return "must be a group of fields (name: value lines indented under it)"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return str(err["msg"])


_DAY_FIELDS = {"days", "delay_days", "interval_days", "quantity", "response_days"}
_TEXT_FIELDS = {"title", "briefing", "commodity", "label", "text", "message", "offence"}


def fields_at(schema: dict[str, Any], path: tuple[str | int, ...]) -> list[str]:
    """The field names the JSON Schema allows at ``path`` (an object's location)."""
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
    return list(node.get("properties", {}))
