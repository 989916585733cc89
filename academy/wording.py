"""How a sentence is filled in each language: counts that choose a plural form, numbers
written the local way, values kept in their own direction on a right-to-left page.

A translator writes a sentence that depends on a count as a catalog entry with one form per
CLDR plural category of that language — ``one``/``other`` in English, ``one``/``many``/
``other`` in French and Spanish ("1 000 000 de modules"), ``zero``/``one``/``two``/``few``/
``many``/``other`` in Arabic ("3 أيام" but "60 يومًا"). Babel carries the Unicode CLDR rules
that pick the category for a number, and the CLDR number symbols ("479,5" in French,
"12.345" in Spanish), so no language rule is written by hand here.

The count that chooses the form is the value named ``count``; an entry may name another
value with a ``by`` key (``by: n``), for the engine's messages whose params are fixed.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

Entry = str | Mapping[str, str]  # a sentence, or its plural forms by CLDR category
RTL = frozenset({"ar"})
FSI, PDI = "\u2068", "\u2069"  # Unicode first-strong isolate and its closing mark
SELECTOR = "by"  # the key of a plural entry that names the counting value
_FIXED = re.compile(r"^(,?)\.(\d+)([f%])$")  # ".1f", ",.0f", ".0%"
# one value as a reader sees it: "{quantity:g} {unit}", "{done} / {total}", "{score}%"
_FIELDS = re.compile(r"\{[^{}]*\}(?:(?: ?/ ?| )\{[^{}]*\})*[%\u066a]?")


@lru_cache(maxsize=16)
def locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (ValueError, TypeError, LookupError):
        return Locale.parse("en")


def categories(lang: str) -> frozenset[str]:
    """Every CLDR plural category ``lang`` needs: ``other`` and the ones its rules name."""
    return frozenset(locale(lang).plural_form.tags) | {"other"}


def category(count: float, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang``: "one" for 1 in French, "many"
    for 60 in Arabic."""
    return locale(lang).plural_form(abs(count))


def listed(items: list[str], lang: str) -> str:
    """Items as a list reads in ``lang`` (CLDR): "Kenya, Tanzanie et Mozambique",
    "كينيا وتنزانيا وموزمبيق" — not a Latin comma in Arabic."""
    return format_list(list(items), style="standard", locale=locale(lang)) if items else ""


def number(value: float, lang: str, spec: str = "") -> str:
    """``value`` written in ``lang`` the way a Python format spec asks for it: "479,5"
    (French, no spec or ``g``), "2,0" (``.1f``), "1 250" (``,.0f``), "50 %" (``.0%``).
    A whole number without a spec is left as its digits (seeds, versions, counts)."""
    if isinstance(value, int) and not spec:
        return str(value)  # a whole number with no spec may be an id or a seed: no grouping
    where = locale(lang)
    fixed = _FIXED.match(spec)
    if fixed:
        places = int(fixed.group(2))
        pattern = "#,##0" + ("." + "0" * places if places else "")
        if fixed.group(3) == "%":  # the language's own percent pattern ("50 %" in French)
            local = where.percent_formats[None].pattern
            digits = "0." + "0" * places if places else "0"
            return format_percent(value, format=local.replace("0", digits, 1), locale=where)
        return format_decimal(value, format=pattern, locale=where)
    if spec in ("", "g", "n", "d"):
        return format_decimal(value, locale=where)
    if spec == "%":
        return format_percent(value, locale=where)
    return format(value, spec)  # widths and alignments: Python's own


def forms(entry: Entry) -> dict[str, str]:
    """The sentences of an entry by CLDR category (a plain sentence is its ``other``)."""
    if isinstance(entry, str):
        return {"other": entry}
    return {k: v for k, v in entry.items() if k != SELECTOR}


def fields(entry: Entry) -> set[str]:
    """The names of the values an entry's sentences use, all forms together."""
    return {name for text in forms(entry).values()
            for _, name, _, _ in string.Formatter().parse(text) if name}


def form(entry: Entry, lang: str, values: Mapping[str, Any]) -> str:
    """The sentence of ``entry`` for these values: the entry itself, or the plural form
    its counting value (``count``, or the one its ``by`` names) asks for."""
    if isinstance(entry, str):
        return entry
    counter = values.get(entry.get(SELECTOR, "count"))
    if isinstance(counter, int | float) and not isinstance(counter, bool):
        chosen = entry.get(category(counter, lang))
        if chosen is not None:
            return chosen
    return entry.get("other") or next(v for k, v in entry.items() if k != SELECTOR)


def fill(entry: Entry, lang: str, values: Mapping[str, Any], isolate: bool = False) -> str:
    """``entry`` in ``lang`` with its ``{name}`` values filled in: the plural form chosen,
    numbers in the language's digits and separators, a missing value left visible as
    ``{name}``; a format spec that does not fit its value raises ValueError or TypeError.
    On a right-to-left page (``isolate``: the screen in Arabic) every value is
    wrapped in first-strong isolates, so an English title keeps its full stop at its end
    and "278 kg" stays whole and in order inside an Arabic sentence."""
    template = form(entry, lang, values)
    if lang in RTL:  # the sentence's own "1-2" read whole; a value stays as it was given
        template = unbroken_ranges(template)
    if not values:
        return template
    if isolate:
        template = isolated_fields(template)
        values = {k: _bare(v) for k, v in values.items()}  # isolated once, by the template
    return _Formatter(lang).vformat(template, (), values)


def _bare(value: Any) -> Any:
    isolated = isinstance(value, str) and value.startswith(FSI) and value.endswith(PDI)
    return value[1:-1] if isolated else value


def isolated_fields(template: str) -> str:
    """A template whose every value (a run of placeholders read as one, as a number and
    its unit) is wrapped in first-strong isolates."""
    return _FIELDS.sub(lambda m: FSI + m.group(0) + PDI, template)


WJ = "\u2060"  # word joiner: no line break on either side
# A short number, a hyphen or dash, a short number, not part of a longer chain (a date
# 2027-03-31, an id TZ-123, COVID-19 are no ranges).
_HYPHEN_RANGE = re.compile(r"(?<![\w\-–/.])(\d{1,3})[-–](\d{1,3})(?![\w\-–/.])")
_DASH = re.compile(r"(?<=\S)–(?=\S)")  # "A–F", "1–6", "0–3" as written


def unbroken_ranges(text: str) -> str:
    """Ranges kept on one line: "1-2" becomes "1–2" with an en dash between word joiners.
    Chromium broke an Arabic "1-2" as "1-" / "2)"; a range is read whole."""
    text = _HYPHEN_RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}", text)
    return _DASH.sub(f"{WJ}–{WJ}", text)


def isolate(text: str) -> str:
    """One value kept in its own direction inside right-to-left text."""
    return FSI + text + PDI


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return _Missing(key)
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Missing):
            return "{" + value.name + "}"
        if isinstance(value, int | float) and not isinstance(value, bool):
            return number(value, self.lang, format_spec)
        return super().format_field(value, format_spec)


class _Missing:
    def __init__(self, name: str) -> None:
        self.name = name
