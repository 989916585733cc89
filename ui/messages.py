"""Refusals shown as one clear sentence in the user's language, never a traceback."""

from __future__ import annotations

import streamlit as st

from academy.errors import AcademyError
from ui.i18n import t


def show_error(error: AcademyError) -> None:
    st.error(t(f"error.{error.code}", **error.params), icon=":material/error:")
