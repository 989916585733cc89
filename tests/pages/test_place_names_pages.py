"""A trainee reading in French or Arabic sees the scenario's places in that language: in the
partners' answers, on the map and in the place pickers (a user read "Port of Dar es Salaam"
on every French page)."""

from __future__ import annotations

import pytest

from tests.pages.helpers import act, as_trainee, reopen_desk, start_wildlife, texts

DAR = "dar-es-salaam-port"
ENGLISH = "Port of Dar es Salaam"
FRENCH = "Port de Dar es Salaam"
ARABIC = "ميناء دار السلام"


@pytest.mark.usefixtures("app_db")
def test_a_french_trainee_reads_the_partners_answer_about_a_place_in_french():
    at = start_wildlife(as_trainee())
    act(at, "inspection", {"insp.loc": DAR})
    at.button(key="desk.advance.7").click().run()
    at = reopen_desk("fr", "Boîte de réception")
    assert not at.exception
    said = [x.value for x in at.text if "Dar es Salaam" in x.value]
    assert len(said) >= 2, texts(at)  # the partner agreed; the window closed
    assert all(FRENCH in x and ENGLISH not in x for x in said if "contrôle" in x), said
    assert ENGLISH not in texts(at)  # nor in the agenda


@pytest.mark.usefixtures("app_db")
def test_the_map_and_the_place_pickers_name_places_in_the_readers_language():
    start_wildlife(as_trainee())
    at = reopen_desk("fr", "Carte")
    assert not at.exception
    table = "\n".join(x.value.to_string() for x in at.table)
    assert FRENCH in table and ENGLISH not in table, table
    at = reopen_desk("ar", "الإجراءات")
    assert not at.exception
    options = at.selectbox(key="actions.intel.target").options  # people, loads and places
    assert any(o.startswith(ARABIC) for o in options), options
    assert not any(ENGLISH in o for o in options), options
