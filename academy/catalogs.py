"""The platform's word catalogs, read without Streamlit, for documents printed in a language.

The screen reads ``locales/<lang>/*.yaml`` through ``ui.i18n``; a printed debrief needs the
same words away from any page, so this module reads the same files (once per process,
shared read-only). ``say`` looks a key up and falls back to English; ``engine_text`` says
an engine message (an inbox item, a missed opportunity) from its code and params with the
``inbox.<code>`` templates, exactly as the desk does.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from engine import messages

LOCALES = Path(__file__).resolve().parent.parent / "locales"


@lru_cache(maxsize=8)
def catalog(lang: str) -> Mapping[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((LOCALES / lang).glob("*.yaml")) if lang.isalpha() else []:
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return MappingProxyType(merged)


def say(key: str, lang: str, **values: object) -> str:
    """The text of ``key`` in ``lang`` (English when missing there), values filled in."""
    text = catalog(lang).get(key) or catalog("en").get(key) or key
    try:
        return text.format(**values) if values else text
    except (KeyError, IndexError, ValueError, TypeError):
        return (catalog("en").get(key) or key).format(**values)


def engine_text(code: str, params: Mapping[str, Any], english: str, lang: str) -> str:
    """An engine message in ``lang``: its own English sentence in English or when the
    catalog lacks its code, the catalog's ``inbox.<code>`` filled with its params otherwise."""
    local = catalog(lang)
    if lang == "en" or not code or f"inbox.{code}" not in local:
        return english
    return messages.render(code, params, lang, lambda c: local.get(f"inbox.{c}"))
