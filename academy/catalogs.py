"""The platform's word catalogs, read without Streamlit, for documents printed in a language.

The screen reads ``locales/<lang>/*.yaml`` through ``ui.i18n``; a printed debrief needs the
same words away from any page, so this module reads the same files (once per process,
shared read-only). ``say`` looks a key up and falls back to English; ``engine_text`` says
an engine message (an inbox item, a missed opportunity) from its code and params with the
``inbox.<code>`` templates, exactly as the desk does. An entry is a sentence or, where a
count decides the wording, its plural forms by CLDR category; ``academy.wording`` chooses
the form and writes the numbers the language's way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from academy import wording
from academy.wording import Entry
from engine import messages

LOCALES = Path(__file__).resolve().parent.parent / "locales"


@lru_cache(maxsize=8)
def catalog(lang: str) -> Mapping[str, Entry]:
    merged: dict[str, Entry] = {}
    for path in sorted((LOCALES / lang).glob("*.yaml")) if lang.isalpha() else []:
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return MappingProxyType(merged)


def say(key: str, lang: str, *, isolate: bool = False, **values: object) -> str:
    """The text of ``key`` in ``lang`` (English when missing there), values filled in:
    the plural form their ``count`` asks for, numbers in the language's way
    (``academy.wording.fill``). ``isolate``: each value kept in its own direction, for a
    right-to-left screen."""
    entry = catalog(lang).get(key) or catalog("en").get(key) or key
    try:
        return wording.fill(entry, lang, values, isolate=isolate)
    except (ValueError, TypeError, IndexError, AttributeError):  # a spec that does not fit
        return wording.form(catalog("en").get(key) or key, "en", values)


def engine_text(code: str, params: Mapping[str, Any], english: str, lang: str,
                isolate: bool = False) -> str:
    """An engine message in ``lang``: its own English sentence in English or when the
    catalog lacks its code, the catalog's ``inbox.<code>`` filled with its params otherwise.
    ``isolate`` (right-to-left languages) keeps every inserted value — an id, a number and
    its unit, a Latin name — in its own direction, so "S648" and "278 kg" stay whole and in
    place inside an Arabic sentence."""
    if lang == "en" and code in messages.TEMPLATES:  # the engine's own English, with
        return messages.render(code, params, "en", _english_plurals,  # countries by name
                               lambda entry, values: wording.fill(entry, "en", values))
    local = catalog(lang)
    if lang == "en" or not code or f"inbox.{code}" not in local:
        return english

    def fill(entry: object, values: Mapping[str, Any]) -> str:
        return wording.fill(entry, lang, values, isolate=isolate)  # type: ignore[arg-type]

    return messages.render(code, params, lang, lambda c: local.get(f"inbox.{c}"), fill)


def _english_plurals(code: str) -> Entry | None:
    """English: the engine's templates are the catalog, except where a count chooses the
    wording ("1 frequent contact", "3 frequent contacts"): the engine writes one sentence
    for every count, the catalog its plural forms."""
    entry = catalog("en").get(f"inbox.{code}")
    return entry if isinstance(entry, Mapping) else None


def engine_values(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """An engine message's params with every value put into ``lang`` (countries by name, a
    load as "Envoi S737", a term in words: ``engine.messages.resolve``), its companions
    dropped — for a catalog sentence of the platform's own (an outcome's ``engine.<code>``)."""
    local = catalog(lang)

    def fill(entry: object, values: Mapping[str, Any]) -> str:
        return wording.fill(entry, lang, values)  # type: ignore[arg-type]

    return messages.resolve(params, lang, lambda c: local.get(f"inbox.{c}"), fill)


def entity_name(eid: str, kind: str, label: str, lang: str, *, isolate: bool = False) -> str:
    """A known entity's name for a reader of ``lang``: a person's, a company's, a phone's as
    the report gave it; a shipment by its id in the reader's words ("Envoi S737") — the
    engine keeps an English label for it ("Shipment S737"), never meant to be read."""
    if kind == "shipment":
        return say("entity.shipment_named", lang, isolate=isolate, id=eid)
    return label


VALUE_KEYS = {"colour": "notice", "purpose": "purpose", "grounds": "grounds"}


def decision_text(kind: str, params: Mapping[str, Any], english: str, lang: str,
                  names: Mapping[str, str] | None = None) -> str:
    """A decision-log line a person reads: the action and its choices in words and names,
    e.g. "Request a notice — Notice: Red Notice · Subject: Viktor Mensah (person)".
    ``english`` (the engine's one-line summary) is kept for what has no params."""
    names = names or {}
    english_catalog = catalog("en")  # every language has the same keys (tests/test_i18n.py)
    heading_key = next((k for k in (f"actions.{kind}", f"decision.{kind}") if k in english_catalog),
                       None)
    if heading_key is None:
        return english
    values: dict[str, Any] = {k: _value(k, v, lang, names) for k, v in params.items()}
    heading = say(heading_key, lang, **values)
    parts = []
    for key, value in params.items():
        if value is None or f"actions.{key}" not in english_catalog:
            continue
        parts.append(say("decision.field", lang, label=say(f"actions.{key}", lang),
                         value=_value(key, value, lang, names)))
    return heading + (" — " + " · ".join(parts) if parts else "")


def _value(key: str, value: Any, lang: str, names: Mapping[str, str]) -> str:
    if key in VALUE_KEYS:
        return say(f"{VALUE_KEYS[key]}.{value}", lang)
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v)) for v in value)
    if isinstance(value, float):
        return wording.number(value, lang)
    return names.get(str(value), str(value))


# --- words for printed documents (every export reads as words and names) ---------------

def scenario_countries(countries: Iterable[Any], lang: str) -> dict[str, str]:
    """A scenario's countries by code, each named as everywhere else the product names a
    country by its code (CLDR, in ``lang``: "Vietnam", « Viêt Nam », "فيتنام"), so a list
    and a place picker agree; the author's ``name`` only for a code CLDR does not know."""
    return {c.code: named if (named := messages.country_name(c.code, lang)) != c.code else c.name
            for c in countries}


def word(key: str, lang: str, fallback: str) -> str:
    """The catalog's word for ``key`` in ``lang``; ``fallback`` (already words, e.g. a code
    with its underscores made spaces) when no catalog has it."""
    return say(key, lang) if key in catalog("en") else fallback


def yes_no(value: bool, lang: str) -> str:
    return say(f"pdf.{'yes' if value else 'no'}", lang)


def reason(code: str, lang: str, params: Mapping[str, Any] | None = None) -> str:
    """Why the engine refused a decision, as the desk says it (``engine.<code>``), with the
    values the outcome gave (``params``: "only 1 identifier known")."""
    key = f"engine.{code}"
    if key not in catalog("en"):
        return say("pdf.refused", lang)
    return say(key, lang, **engine_values(params, lang)) if params else say(key, lang)


def relation(rel: str, lang: str) -> str:
    """A relation between two members in words ("ships for", « expédie pour »), not its id."""
    return word(f"inbox.relation.{rel}", lang, rel.replace("_", " "))


def unit(word_: str, lang: str) -> str:
    """The scenario's budget unit in the reader's language ("jours-analyste"), where the
    catalogs know it; else as the scenario's author wrote it."""
    return word(f"inbox.unit.{word_}", lang, word_)


def role(role_id: str, lang: str) -> str:
    """A network member's role in words ("front company", not ``exporter_front``)."""
    return word(f"studio.role.{role_id}", lang, role_id.replace("_", " "))


def rating(grade: str, lang: str) -> str:
    """An objective's HSEEP rating in words, with its letter ("U — unable to be performed")."""
    return word(f"pdf.rating_{grade}", lang, grade)


def footer(lang: str) -> str:
    return say("pdf.footer", lang)
