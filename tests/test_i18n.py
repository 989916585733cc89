"""Every UI string goes through t(), and every catalog has every key."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import yaml
from babel import Locale

from academy import wording

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "fr", "es", "ar")
# st.* functions whose string arguments are identifiers, paths or CSS, not words for people
NOT_LABELS = {"form", "switch_page", "Page", "html", "set_page_config", "navigation",
              "cache_data", "cache_resource", "fragment", "page_link", "query_params",
              "download_button_data", "column_config", "vega_lite_chart", "altair_chart"}
LABEL_KEYWORDS = {"label", "help", "placeholder", "caption", "body", "title", "text"}


def catalog_files(lang: str) -> dict[str, dict[str, str]]:
    return {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for path in sorted((ROOT / "locales" / lang).glob("*.yaml"))
    }


def catalog(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for keys in catalog_files(lang).values():
        merged.update(keys)
    return merged


def ui_files() -> list[Path]:
    return sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "app.py"])


def st_call_name(node: ast.Call) -> str | None:
    """'button' for st.button(...), st.sidebar.button(...), col.button? (only st chains)."""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return None
    base = func.value
    while isinstance(base, ast.Attribute):
        if base.attr in {"session_state", "query_params", "context"}:
            return None  # dictionaries, not widgets
        base = base.value
    return func.attr if isinstance(base, ast.Name) and base.id == "st" else None


def words_in(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[^\W\d_]", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(words_in(v) for v in node.values if isinstance(v, ast.Constant))
    return False


@pytest.mark.parametrize("lang", LANGS[1:])
def test_catalogs_have_the_same_files_and_keys(lang):
    english = catalog_files("en")
    theirs = catalog_files(lang)
    assert set(theirs) == set(english)
    for name, keys in english.items():
        assert set(theirs[name]) == set(keys), name


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match_english(lang):
    english = catalog("en")
    for key, entry in catalog(lang).items():
        assert all(wording.forms(entry).values()), key
        assert wording.fields(entry) == wording.fields(english[key]), key


def specs(entry: wording.Entry) -> dict[str, set[str]]:
    """Each value an entry uses, with the format specs its sentences write it with."""
    out: dict[str, set[str]] = {}
    for text in wording.forms(entry).values():
        for _, name, spec, _ in string.Formatter().parse(text):
            if name:
                out.setdefault(name, set()).add(spec or "")
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_written_with_the_same_format_in_every_language(lang):
    """User trial: "published around day 32.6328" in English where the other languages wrote
    day 32.6. A value is written with the same spec ({day:.1f}, {quantity:g}) in every
    language and in every plural form of a sentence."""
    english = catalog("en")
    drift = {key: (specs(entry), specs(english[key])) for key, entry in catalog(lang).items()
             if specs(entry) != specs(english[key])
             or any(len(v) > 1 for v in specs(entry).values())}
    assert drift == {}


def test_a_spec_drift_is_seen():
    assert specs("day {day:g}") != specs("jour {day:.1f}")
    assert specs({"one": "{n:g} day", "other": "{n:.1f} days"}) == {"n": {"g", ".1f"}}


@pytest.mark.parametrize("lang", LANGS)
def test_plural_entries_have_every_cldr_category_of_their_language(lang):
    """A sentence that depends on a count has one form per plural category Babel's CLDR
    rules give the language (one/other in English; one/many/other in French and Spanish;
    zero/one/two/few/many/other in Arabic), and counts by a value it names."""
    needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
    plural = {k: v for k, v in catalog(lang).items() if isinstance(v, dict)}
    assert plural, "no catalog entry has plural forms"
    for key, entry in plural.items():
        assert set(entry) - {wording.SELECTOR} == needed, (key, sorted(entry))
        assert entry.get(wording.SELECTOR, "count") in wording.fields(entry), key
    assert all(isinstance(v, str | dict) for v in catalog(lang).values())


def test_the_parity_check_knows_arabic_needs_six_forms():
    assert set(Locale.parse("ar").plural_form.tags) | {"other"} == {
        "zero", "one", "two", "few", "many", "other"}


def test_no_ui_string_outside_the_catalogs():
    offenders = []
    for path in ui_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (name := st_call_name(node)) and name not in NOT_LABELS:
                args = list(node.args) + [k.value for k in node.keywords if k.arg in LABEL_KEYWORDS]
                offenders += [f"{path.name}:{node.lineno} st.{name}" for a in args if words_in(a)]
    assert offenders == []


def test_every_key_used_in_code_exists():
    english = catalog("en")
    used = set()
    for path in ui_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "t" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                used.add(node.args[0].value)
    assert used, "the scan found no t() calls at all"
    assert sorted(used - set(english)) == []


def test_checker_flags_a_literal():
    node = ast.parse('st.button("Sign in")').body[0].value
    assert st_call_name(node) == "button" and words_in(node.args[0])
