"""Names as an investigator writes them: in Latin script, the original kept aside.

Case files, notices and link charts exchanged between countries carry names romanised,
as passports' machine-readable zones do; an analyst in Nairobi files a Chinese broker as
"Liang Xin", not 梁鑫. Faker's locales for Chinese, Japanese, Korean, Russian or Arabic
produce names in their own script, so each name is romanised and the original script
kept as an optional attribute (``name_original``).

How: Japanese names come from Faker's own pairs (kanji with their reading in romaji),
because reading kanji needs a dictionary a transliterator does not have (木村 is Kimura,
not "MuCun"). Every other script goes through ``anyascii``: it maps each character to its
usual romanisation (Hanyu Pinyin for Chinese, Revised Romanization for Korean, scholarly
transliteration for Cyrillic) and is maintained, dependency-free and deterministic; for
Chinese and Korean the family and given names are romanised apart and capitalised, as on
a passport ("Liang Xin"). Latin-script names (with their accents) are left as written.
Arabic script has no written short vowels, so its romanisation is a consonant skeleton:
none of our locales produce it today (Faker's ar_AE names are already Latin).
"""

from __future__ import annotations

import functools
import unicodedata

from anyascii import anyascii
from faker import Faker


def is_latin(text: str) -> bool:
    """Only Latin letters (accents allowed), digits, spaces and punctuation."""
    return all(
        not ch.isalpha() or ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")
        for ch in text
    )


def _roman(part: str) -> str:
    return anyascii(part).capitalize()


def person_name(fk: Faker) -> tuple[str, str | None]:
    """(name in Latin script, name in its original script or None when already Latin)."""
    locale = fk.locales[0]
    if locale.startswith("ja") and hasattr(fk, "last_name_pair"):
        kin, own = fk.last_name_pair(), fk.first_name_pair()  # (kanji, kana, romaji)
        return f"{kin[2]} {own[2]}", f"{kin[0]} {own[0]}"
    if locale.startswith(("zh", "ko")):
        family, given = fk.last_name(), fk.first_name()
        if not is_latin(family + given):
            return f"{_roman(family)} {_roman(given)}", f"{family}{given}"
        return f"{family} {given}", None
    name = _untitled(fk, fk.name())
    if is_latin(name):
        return name, None
    return " ".join(_roman(w) if w.isalpha() else anyascii(w) for w in name.split()), name


def family_name(fk: Faker) -> str:
    """A family name in Latin script, e.g. for a company or a vessel named after its owner."""
    if fk.locales[0].startswith("ja") and hasattr(fk, "last_name_pair"):
        return str(fk.last_name_pair()[2])
    name = fk.last_name()
    return name if is_latin(name) else _roman(name)


_TITLE_LISTS = ("prefixes", "prefixes_male", "prefixes_female", "prefixes_nonbinary",
                "suffixes", "suffixes_male", "suffixes_female", "suffixes_nonbinary")


@functools.lru_cache(maxsize=64)
def _titles(locale: str) -> tuple[str, ...]:
    """The titles Faker's ``name()`` may add in ``locale`` (Hon., Mfalme "king", Quý cô
    "miss", Dr., Jr. ...), longest first: no passport or case file carries them."""
    out: set[str] = set()
    for prov in Faker(locale).factories[0].providers:
        for attr in _TITLE_LISTS:
            v = getattr(prov, attr, None)
            if isinstance(v, dict | list | tuple):
                out.update(str(x) for x in v)
    return tuple(sorted(out, key=len, reverse=True))


def _untitled(fk: Faker, name: str) -> str:
    titles = _titles(fk.locales[0])
    changed = True
    while changed:
        changed = False
        for t in titles:
            if name.startswith(t + " "):
                name, changed = name[len(t) + 1:], True
            elif name.endswith(" " + t):
                name, changed = name[: -len(t) - 1].rstrip(","), True
    return name
