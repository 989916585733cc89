"""NEST Academy: page setup, the sign-in gate and each role's menu."""

import streamlit as st

from ui import document, keyboard, navigation, screen, session, sidebar, sockets
from ui.i18n import apply_direction
from ui.state import engine

st.set_page_config(page_title="NEST Academy", page_icon="🌿", layout="wide")
engine()  # migrate the database before any page touches it
sockets.tune_once()  # small websocket messages leave at once (see ui/sockets.py)
apply_direction()
document.mark()  # <html lang dir>, readable captions
keyboard.keep_focus()
screen.fit_small_screens()
page = navigation.build(session.current_user())
navigation.record(page)
sidebar.render()
page.run()
