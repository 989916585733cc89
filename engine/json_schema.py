"""The JSON Schema of a scenario file, as close to the loader as JSON Schema can say it.

Editors (VS Code's YAML extension, yaml-language-server) check a scenario against
``scenarios/scenario.schema.json`` while it is written. Pydantic writes most of it from
the models; this adds the rules pydantic writes in code but JSON Schema can also say —
an inject has a day *or* a trigger, shipments come at a positive interval — so the schema
refuses what the loader refuses. What it cannot say (names that must point at something
defined, ordered thresholds and ranges, duplicate ids, limits that depend on the
exercise's length) is listed in ``CODE_ONLY`` and in the author's guide.
"""

from __future__ import annotations

from typing import Any

# Rules the loader applies that JSON Schema cannot express: (name, where it lives, what it says).
CODE_ONLY = [
    (
        "references",
        "engine/references.py",
        "every id named elsewhere (countries, locations, groups, routes, concealments, "
        "objectives) must be defined in its section",
    ),
    (
        "duplicate ids",
        "engine/references.py",
        "ids are unique within their section (locations, routes, groups, injects ...)",
    ),
    (
        "connected legs",
        "engine/references.py",
        "a leg starts where the previous one ended, and goes somewhere else",
    ),
    (
        "route length",
        "engine/references.py",
        "the longest a route can take (sum of its legs' max days) is shorter than the exercise",
    ),
    (
        "within the exercise",
        "engine/references.py",
        "the first shipment and every inject's day fall within duration_days",
    ),
    ("ranges in order", "engine/fields.py", "a range of days has min <= mode <= max"),
    ("thresholds in order", "engine/objectives.py", "an objective's thresholds have P >= S >= M"),
    (
        "English text",
        "engine/fields.py",
        "every text has an English version (the schema says this too: 'en' is required)",
    ),
    (
        "injects name who they reveal",
        "engine/injects.py",
        "an inject that reveals a group writes {group} in each language of its message, and "
        "names no group it does not reveal",
    ),
    (
        "curriculum modules",
        "engine/references.py",
        "objectives' modules are curriculum module ids (checked when the curriculum is there: "
        "python -m engine validate, the studio, the import)",
    ),
    (
        "whole numbers",
        "engine/loader.py",
        "a whole number is written without a decimal point (3, not 3.0): JSON Schema counts "
        "3.0 as an integer",
    ),
]


def refine(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the rules JSON Schema can express that pydantic leaves in code."""
    defs = schema.get("$defs", {})
    inject = defs.get("Inject")
    if inject is not None:  # engine/injects.py: exactly one of at_day or trigger
        inject["oneOf"] = [
            {
                "required": ["at_day"],
                "properties": {"at_day": {"type": "number"}, "trigger": {"type": "null"}},
            },
            {
                "required": ["trigger"],
                "properties": {"trigger": {"type": "string"}, "at_day": {"type": "null"}},
            },
        ]
    shipments = defs.get("Shipments", {}).get("properties", {})
    if "interval_days" in shipments:  # engine/references.py: a positive interval
        shipments["interval_days"] = {
            **shipments["interval_days"],
            "not": {
                "anyOf": [
                    {"type": "number", "maximum": 0},
                    {"type": "object", "properties": {"max": {"maximum": 0}}, "required": ["max"]},
                ]
            },
        }
    return schema
