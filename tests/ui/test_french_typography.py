"""French puts a narrow no-break space (U+202F) before ":" ";" "!" "?" and inside « »:
"Coût\u202f: 2", "Vous êtes nouveau\u202f?", "«\u202fne pas communiquer\u202f»". An
ordinary space lets the mark wrap alone onto the next line; a no-break space (U+00A0) is
too wide. Placeholders (``{cost:g}``), links, code spans and ``:material/…:`` icons are not
French prose and keep their own characters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from academy import wording
from tests.test_i18n import ROOT, catalog_files

NNBSP = "\u202f"
_NOT_PROSE = re.compile(
    r"\{[^{}]*\}"             # a placeholder, with its format spec: {cost:g}, {total:,.0f}
    r"|\]\([^)]*\)"           # a Markdown link's target
    r"|https?://\S+"          # an address
    r"|`[^`]*`"               # a code span
    r"|:material/[a-z_]+:"    # an icon shortcode
)
_LOOSE = re.compile(r"[ \u00a0][:;!?]|«[ \u00a0]|[ \u00a0]»")


def loose_marks(text: str) -> list[str]:
    """Each place in ``text``'s prose where a space or a no-break space, not U+202F, stands
    before ":" ";" "!" "?" or inside guillemets, with a little of the text around it."""
    prose = _NOT_PROSE.sub(lambda m: "\0" * len(m.group()), text)
    return [text[max(0, m.start() - 15):m.end() + 5] for m in _LOOSE.finditer(prose)]


def test_the_check_finds_loose_marks_and_leaves_what_is_not_prose():
    assert len(loose_marks("Coût : 2 ; payé ! Fini ?")) == 4
    assert len(loose_marks("Coût\u00a0: 2")) == 1
    assert len(loose_marks("la mention « ne pas communiquer »")) == 2
    assert loose_marks(f"Coût{NNBSP}: {{cost:g}}{NNBSP}; «{NNBSP}oui{NNBSP}»{NNBSP}!") == []
    assert loose_marks("Voir [la page](https://example.org/a?b=1) à 10:30") == []
    assert loose_marks("Saisissez `nom : valeur` puis :material/check: fini") == []
    assert loose_marks("{total:,.0f} USD, jour {day:.1f}") == []


@pytest.mark.parametrize("name", sorted(catalog_files("fr")))
def test_french_catalog_puts_a_narrow_no_break_space_before_high_punctuation(name):
    loose = {
        key: marks
        for key, entry in catalog_files("fr")[name].items()
        for marks in [[m for text in wording.forms(entry).values() for m in loose_marks(text)]]
        if marks
    }
    assert loose == {}, f"{len(loose)} entries of {name}"


# the French a reader sees outside the catalogs: modules and templates written in French,
# and the ``fr:`` texts of the guide, the self-assessment, the learning paths and scenarios
FRENCH_FILES = sorted([*(ROOT / "curriculum" / "fr").glob("*.md"),
                       *(ROOT / "guidance" / "templates" / "fr").glob("*.md")])
YAML_WITH_FRENCH = sorted([*(ROOT / "guidance").glob("*.yaml"), ROOT / "curriculum" / "paths.yaml",
                           *(ROOT / "scenarios").glob("*.yaml")])


def french_texts(node: object, french: bool = False) -> list[str]:
    """Every string under a ``fr`` key of a YAML tree (every string when ``french``)."""
    if isinstance(node, dict):
        return [t for k, v in node.items() for t in french_texts(v, french or k == "fr")]
    if isinstance(node, list):
        return [t for v in node for t in french_texts(v, french)]
    return [node] if french and isinstance(node, str) else []


def test_there_is_french_content_to_check():
    assert len(FRENCH_FILES) >= 14 and len(YAML_WITH_FRENCH) >= 5
    assert all(french_texts(yaml.safe_load(p.read_text(encoding="utf-8")))
               for p in YAML_WITH_FRENCH if p.name != "agencies.yaml")


@pytest.mark.parametrize("path", FRENCH_FILES + YAML_WITH_FRENCH,
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_french_content_puts_a_narrow_no_break_space_before_high_punctuation(path: Path):
    text = path.read_text(encoding="utf-8")
    texts = [text] if path.suffix == ".md" else french_texts(yaml.safe_load(text))
    assert [m for t in texts for m in loose_marks(t)] == []
