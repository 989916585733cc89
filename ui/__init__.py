"""The UI layer: Streamlit panels, translation, navigation and session (see ARCHITECTURE.md).

Importing it ends Streamlit's legacy "pages/ folder" mode. Streamlit decides once per
process, at its first session, that an app beside a ``pages/`` folder is a folder app, and
until some run of app.py calls ``st.navigation`` it runs the requested file of ``pages/``
on its own, under a menu of every file name and without app.py's set-up. That is exactly
where a tab lands that reconnects to a restarted server (or to another replica) on any page
but the front one. Every page imports ``ui``, so the first import in a process turns the
mode off and reruns: the run starts again from app.py, with the app's own menu.
"""

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
    import streamlit as _st

    PagesManager.uses_pages_directory = False
    _st.rerun()
