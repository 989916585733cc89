"""ui.choice: a new widget per language keeps the reader's choice across a language switch,
and a page may still choose for the reader."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def picker_page() -> None:  # runs inside AppTest: it imports what it uses
    import streamlit as st

    from ui.choice import choice
    from ui.i18n import t

    st.session_state["picked"] = choice(t("cc.operation"), ["1", "2"], key="pick",
                                        format_func=lambda i: f"#{i}")


def test_the_choice_survives_a_language_switch_in_a_widget_of_that_language():
    at = AppTest.from_function(picker_page, default_timeout=30).run()
    at.selectbox(key="pick.en").select("2").run()
    assert at.session_state["picked"] == "2"
    at.session_state["i18n.lang"] = "fr"
    at.run()
    box = at.selectbox(key="pick.fr")  # drawn anew, in French, on the same choice
    assert box.value == "2" and box.label == "Opération conjointe"
    at.session_state["pick"] = "1"  # a page chooses (a new operation was just started)
    at.run()
    assert at.selectbox(key="pick.fr").value == "1" and at.session_state["picked"] == "1"


def prompts_page() -> None:  # runs inside AppTest
    import streamlit as st

    from ui.choice import prompt
    from ui.i18n import set_language

    set_language("fr")
    st.multiselect("vide", [], key="empty", placeholder=prompt([]))
    st.selectbox("plein", ["a"], index=None, key="full", placeholder=prompt(["a"]))


def test_an_empty_select_box_speaks_the_readers_language():
    at = AppTest.from_function(prompts_page, default_timeout=30).run()
    assert at.multiselect(key="empty").placeholder == "Rien à choisir pour l’instant"
    assert at.selectbox(key="full").placeholder == "Choisir…"
