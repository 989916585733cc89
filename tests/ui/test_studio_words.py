"""The scenario studio in the reader's words (user trial): the calibration's bots, headings
and legend translated, not "policy", "count", "50%"; the scenarios' countries by name."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.test_i18n import ROOT
from ui import i18n, studio


@pytest.fixture
def french(monkeypatch):
    monkeypatch.setattr(i18n, "current_language", lambda: "fr")
    monkeypatch.setattr(studio, "current_language", lambda: "fr")


def test_calibration_results_name_bots_and_figures_in_the_readers_language(french):
    rows = [{"policy": p, "score": s} for p, s in
            [("random", 1.0), ("random", 3.0), ("oracle", 50.0), ("heuristic", 40.0)]]
    box, hist, summary = studio.distribution(rows)
    assert list(summary.columns) == ["Robot", "Parties", "Minimum", "Médiane", "Moyenne",
                                     "Maximum"]
    assert set(summary["Robot"]) == {"Au hasard", "Oracle (connaît la vérité)",
                                     "Règles empiriques"}
    assert summary.set_index("Robot").loc["Au hasard", "Médiane"] == "2,0"  # the French way
    spec = hist.to_dict()
    assert spec["encoding"]["color"]["title"] == "Robot"
    assert "policy" not in str(box.to_dict()["encoding"]) + str(spec["encoding"])


def test_scenario_list_names_its_countries(french, monkeypatch):
    from academy.scenarios import parse
    from academy.studio import Entry

    shown = []
    monkeypatch.setattr(studio.st, "dataframe", lambda rows, **_: shown.extend(rows))
    text = (ROOT / "scenarios" / "wildlife-ivory-corridor.yaml").read_text(encoding="utf-8")
    studio.listing([Entry(version=SimpleNamespace(source="shipped"), scenario=parse(text),
                          versions=1)])
    countries = shown[0]["Pays"]
    assert "Kenya" in countries and "Tanzanie" in countries and "KE" not in countries


def test_the_checker_names_the_languages_the_platform_speaks():
    """The scenario checker's "use en, fr, es, ar" is the app's language list (a ``pt``
    text is accepted but shown to no one, so it is not offered)."""
    from engine.fields import LANGS, SHOWN_LANGS
    from ui.i18n import LANGUAGES

    assert tuple(LANGUAGES) == SHOWN_LANGS and set(SHOWN_LANGS) < set(LANGS)
